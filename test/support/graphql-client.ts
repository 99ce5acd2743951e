import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, print } from 'graphql';

/** What a GraphQL-over-HTTP response holds. */
export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
}

/**
 * What follows a typed document in a call: its variables, which may be left out only when
 * the document requires none, then the API key.
 */
export type DocumentArguments<TVariables, TKey> =
  Record<string, never> extends TVariables ? [variables?: TVariables, apiKey?: TKey] : [variables: TVariables, apiKey?: TKey];

const printed = new WeakMap<DocumentNode, string>();

/**
 * The text sent for a query: a generated document (test/e2e/graphql/*.graphql, typed from
 * the committed schema) printed once, or text as written, for the queries a test builds at
 * run time or breaks on purpose.
 */
export function queryText(query: string | DocumentNode): string {
  if (typeof query === 'string') return query;
  let text = printed.get(query);
  if (text === undefined) {
    text = print(query);
    printed.set(query, text);
  }
  return text;
}

/**
 * A tiny GraphQL client speaking plain HTTP to the running app, as an integrator would.
 * Given a generated document, its result and variables are typed.
 */
export function graphqlRequest<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  ...rest: DocumentArguments<NoInfer<TVariables>, string | undefined>
): Promise<GraphqlResponse<TResult>>;
export function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  apiKey?: string,
): Promise<GraphqlResponse<T>>;
export async function graphqlRequest(
  url: string,
  query: string | DocumentNode,
  variables: unknown = {},
  apiKey?: string,
): Promise<GraphqlResponse<unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ query: queryText(query), variables: variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<unknown>, 'status'>;
  return { status: response.status, ...body };
}
