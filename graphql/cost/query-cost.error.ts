import { ASTNode, GraphQLError } from 'graphql';

/** The four budgets a request is checked against before any resolver runs. */
export type QueryCostRule = 'DEPTH' | 'ALIASES' | 'COMPLEXITY' | 'FILTER_NESTING';

/** The limits, from the configuration (`GRAPHQL_MAX_DEPTH`, `GRAPHQL_MAX_ALIASES`, …). */
export interface QueryCostLimits {
  /** Most levels of fields one operation nests, the root field being level 1. */
  maxDepth: number;
  /** Most aliased fields in one operation: each alias is one more run of its resolver. */
  maxAliases: number;
  /** Most estimated field resolutions, a list's per-row fields counted once per row of its page. */
  maxComplexity: number;
  /** Most `and` / `or` / `not` nested inside one filter argument. */
  maxFilterDepth: number;
}

/** The variable that sets each limit, named in the error so that an operator knows what to raise. */
export const QUERY_COST_VARIABLES: Record<QueryCostRule, string> = {
  DEPTH: 'GRAPHQL_MAX_DEPTH',
  ALIASES: 'GRAPHQL_MAX_ALIASES',
  COMPLEXITY: 'GRAPHQL_MAX_COMPLEXITY',
  FILTER_NESTING: 'GRAPHQL_MAX_FILTER_DEPTH',
};

const WHAT_IS_MEASURED: Record<QueryCostRule, string> = {
  DEPTH: 'levels of nested fields',
  ALIASES: 'aliased fields',
  COMPLEXITY: 'estimated field resolutions',
  FILTER_NESTING: 'levels of and/or/not in a filter',
};

/**
 * A request over one of its budgets, refused before any resolver runs. Clients see
 * `extensions: { code: 'QUERY_TOO_COMPLEX', rule, limit, measured }` and HTTP 400, as for
 * any other request GraphQL validation refuses (`extensions.http` sets the status for
 * Apollo, which does not send it).
 *
 * @example
 * new QueryCostError('ALIASES', 50, 1000) // "Query too complex: 1000 aliased fields, at most 50 (GRAPHQL_MAX_ALIASES)"
 */
export class QueryCostError extends GraphQLError {
  constructor(
    readonly rule: QueryCostRule,
    readonly limit: number,
    readonly measured: number,
    node?: ASTNode,
  ) {
    super(`Query too complex: ${measured} ${WHAT_IS_MEASURED[rule]}, at most ${limit} (${QUERY_COST_VARIABLES[rule]})`, {
      nodes: node,
      extensions: { code: 'QUERY_TOO_COMPLEX', rule, limit, measured, http: { status: 400 } },
    });
    this.name = 'QueryCostError';
  }
}
