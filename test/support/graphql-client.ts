/** What a GraphQL-over-HTTP response holds. */
export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
}

/** A tiny GraphQL client speaking plain HTTP to the running app, as an integrator would. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
  return { status: response.status, ...body };
}
