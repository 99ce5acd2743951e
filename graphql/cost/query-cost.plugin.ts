import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLFormattedError, Kind } from 'graphql';
import { QueryCostError, QueryCostLimits } from './query-cost.error';
import { firstOverBudget } from './query-cost.rules';

/**
 * Checks every request against the cost budget once its operation is known and before any
 * resolver runs; an over-budget request is answered at once with a QUERY_TOO_COMPLEX error
 * and HTTP 400. It runs as a plugin rather than among Apollo's validation rules because the
 * page sizes and filters that make a request expensive often arrive as variables, which
 * validation does not see (Apollo also caches validation by query text alone).
 *
 * @example
 * GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, plugins: [queryCostPlugin(limits)] })
 */
export function queryCostPlugin(limits: QueryCostLimits): ApolloServerPlugin<BaseContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, request }) => {
        // Without an operation Apollo answers OPERATION_RESOLUTION_FAILURE itself.
        if (!operation) return;
        const fragments = new Map<string, FragmentDefinitionNode>();
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
        }
        const refusal = firstOverBudget(limits, operation, {
          schema,
          fragment: (name) => fragments.get(name),
          variables: request.variables ?? {},
        });
        // Apollo answers a plugin's refusal with one error: the first budget broken, in the rules' order.
        if (refusal) throw refusal;
      },
    }),
  };
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps the API's error formatter so that a cost refusal keeps its `rule`, `limit` and
 * `measured` beside `code: QUERY_TOO_COMPLEX`; every other error is formatted as before.
 */
export function withQueryCostErrors(format: FormatError): FormatError {
  return (formatted, error) => {
    if (!(error instanceof QueryCostError)) return format(formatted, error);
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'QUERY_TOO_COMPLEX', rule: error.rule, limit: error.limit, measured: error.measured },
    };
  };
}
