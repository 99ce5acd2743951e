import DataLoader from 'dataloader';

/**
 * The DataLoaders of one GraphQL request: per-row fields (a lease's balance, a task's
 * target, a debt's timeline…) ask for their row's value, and each loader runs one batch
 * for all the rows of a page, so a page costs a bounded number of SQL statements whatever
 * its size. One instance per request (the GraphQL context builds it): values are never
 * shared between callers, whose scopes differ.
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
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * The request's loader named `key`, made on first use from `batch`, which gets distinct
   * keys and returns one value (or Error) per key, in order. The first caller's batch
   * function is the one used: give each different batch its own key.
   */
  of<K, V>(
    key: string,
    batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
    options?: DataLoader.Options<K, V>,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1_000, ...options });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
