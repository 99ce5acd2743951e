import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/** Set while a `dataSource.transaction(...)` callback runs (and in what it starts). */
const insideTransaction = new AsyncLocalStorage<true>();

/** A query sent to the pool by code that holds a transaction's connection. */
export class SecondConnectionError extends Error {
  constructor() {
    super(
      'A query asked the pool for a second connection while this code holds a transaction: ' +
        "pass the transaction's EntityManager down (or read what is needed before the transaction opens). " +
        'With every connection held by such a transaction, the pool would wait forever.',
    );
    this.name = 'SecondConnectionError';
  }
}

/**
 * Makes a bug that starves the pool fail at once, on the first run, whatever the pool's
 * size: code inside a `dataSource.transaction(...)` callback that queries through the
 * DataSource (`dataSource.query`, a service's default `this.dataSource`, a nested
 * `dataSource.transaction`) would need a second connection while holding one; under
 * load every connection is held that way and nothing moves. Such a query throws a
 * {@link SecondConnectionError} instead. Queries through the callback's EntityManager run
 * on its own connection, as before.
 */
export function refuseSecondConnectionInTransactions(dataSource: DataSource): DataSource {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
    if (insideTransaction.getStore()) throw new SecondConnectionError();
    return createQueryRunner(...args);
  };
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  // transaction(run) or transaction(isolationLevel, run); DataSource.transaction passes both, run maybe undefined.
  manager.transaction = ((first: unknown, second?: unknown) => {
    const guarded = (run: unknown) => (typeof run === 'function' ? (m: EntityManager) => insideTransaction.run(true, () => run(m)) : run);
    // The connection is taken before the callback runs, outside the guarded context.
    return typeof first === 'function' ? transaction(guarded(first)) : transaction(first, guarded(second));
  }) as EntityManager['transaction'];
  return dataSource;
}
