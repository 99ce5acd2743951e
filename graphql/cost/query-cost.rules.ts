import { OperationDefinitionNode, ValidationContext, ValidationRule } from 'graphql';
import { OperationMeasures, OperationScope } from './operation-measures';
import { QueryCostError, QueryCostLimits, QueryCostRule } from './query-cost.error';

/** What the rules need besides the document: graphql-js validation knows neither. */
export interface QueryCostRequest {
  /** The request's variables as sent (`first: $n`, a filter passed as `$filter`). */
  variables?: Readonly<Record<string, unknown>>;
  /** The operation that will run; when unset every operation of the document is measured. */
  operation?: OperationDefinitionNode;
}

function costRule(
  rule: QueryCostRule,
  limit: number,
  request: QueryCostRequest,
  measure: (m: OperationMeasures) => number,
): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      if (request.operation && node !== request.operation) return false;
      const measures = new OperationMeasures(node, {
        schema: context.getSchema(),
        fragment: (name) => context.getFragment(name) ?? undefined,
        variables: request.variables ?? {},
      });
      const measured = measure(measures);
      if (measured > limit) context.reportError(new QueryCostError(rule, limit, Math.min(measured, Number.MAX_SAFE_INTEGER), node));
      // The measures walk the operation themselves, fragments included.
      return false;
    },
  });
}

/** DEPTH: more levels of nested fields than `limit`. */
export function depthLimitRule(limit: number, request: QueryCostRequest = {}): ValidationRule {
  return costRule('DEPTH', limit, request, (m) => m.depth());
}

/** ALIASES: more aliased fields than `limit` (`a1: debts … a1000: debts` runs the list a thousand times). */
export function aliasLimitRule(limit: number, request: QueryCostRequest = {}): ValidationRule {
  return costRule('ALIASES', limit, request, (m) => m.aliases());
}

/** COMPLEXITY: more estimated field resolutions than `limit`, a list's fields counted once per row of its page. */
export function complexityLimitRule(limit: number, request: QueryCostRequest = {}): ValidationRule {
  return costRule('COMPLEXITY', limit, request, (m) => m.complexity());
}

/** FILTER_NESTING: `and` / `or` / `not` nested deeper than `limit` in an argument, variables included. */
export function filterNestingLimitRule(limit: number, request: QueryCostRequest = {}): ValidationRule {
  return costRule('FILTER_NESTING', limit, request, (m) => m.filterDepth());
}

/**
 * The four budget rules, for graphql-js `validate`, in the order their errors are reported.
 *
 * @example
 * const errors = validate(schema, parse(query), queryCostRules(limits, { variables }));
 */
export function queryCostRules(limits: QueryCostLimits, request: QueryCostRequest = {}): ValidationRule[] {
  return [
    depthLimitRule(limits.maxDepth, request),
    aliasLimitRule(limits.maxAliases, request),
    complexityLimitRule(limits.maxComplexity, request),
    filterNestingLimitRule(limits.maxFilterDepth, request),
  ];
}

/** Each rule with its limit and its measure, in the rules' order. */
const BUDGETS: Array<[QueryCostRule, keyof QueryCostLimits, (m: OperationMeasures) => number]> = [
  ['DEPTH', 'maxDepth', (m) => m.depth()],
  ['ALIASES', 'maxAliases', (m) => m.aliases()],
  ['COMPLEXITY', 'maxComplexity', (m) => m.complexity()],
  ['FILTER_NESTING', 'maxFilterDepth', (m) => m.filterDepth()],
];

/**
 * The first budget one operation breaks, or undefined when it fits them all: what
 * {@link queryCostRules} report, without a second walk of the whole document through
 * graphql-js validation (the server has validated it already).
 *
 * @example
 * const refusal = firstOverBudget(limits, operation, { schema, fragment: (n) => fragments.get(n), variables });
 * if (refusal) throw refusal;
 */
export function firstOverBudget(
  limits: QueryCostLimits,
  operation: OperationDefinitionNode,
  scope: OperationScope,
): QueryCostError | undefined {
  const measures = new OperationMeasures(operation, scope);
  for (const [rule, key, measure] of BUDGETS) {
    const measured = measure(measures);
    if (measured > limits[key]) return new QueryCostError(rule, limits[key], Math.min(measured, Number.MAX_SAFE_INTEGER), operation);
  }
  return undefined;
}
