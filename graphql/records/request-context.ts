import { Actor } from '../../src/auth/actor';
import { RequestLoaders } from '../../src/common/request-loaders';

/** What every GraphQL request carries: its HTTP request (with the actor the API key guard set) and its DataLoaders. */
export interface GraphqlRequestContext {
  req: { actor?: Actor };
  loaders: RequestLoaders;
}

/** One request's context, built once by the GraphQL module. */
export function graphqlRequestContext({ req }: { req: { actor?: Actor } }): GraphqlRequestContext {
  return { req, loaders: new RequestLoaders() };
}

/**
 * The caller and the request's loaders, for a per-row field resolver written on Nest's fast
 * path: a `@ResolveField` method with no parameter decorators is called as graphql-js calls
 * a resolver, `(parent, args, context)`, without Nest's per-call pipes and param factories;
 * a page of 200 rows calls each such field 200 times. The root field's guard has already
 * authenticated the request and set its actor.
 *
 * @example
 * ```ts
 * @ResolveField(() => Int)
 * daysLate(lease: Lease, _args: unknown, context: GraphqlRequestContext) {
 *   const { actor, loaders } = rowScope(context);
 *   return loaders.of('lease.daysLate', (ids) => this.ledger.daysLateOf(actor, ids)).load(lease.id);
 * }
 * ```
 */
export function rowScope(context: GraphqlRequestContext): { actor: Actor; loaders: RequestLoaders } {
  const actor = context.req.actor;
  if (!actor) throw new Error('A per-row field resolved before the API key guard set the actor');
  return { actor, loaders: context.loaders };
}
