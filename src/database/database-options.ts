import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { RELANCE_MIGRATIONS } from '../../migrations';
import { RELANCE_ENTITIES } from './entities';

/** How many connections a process opens to Postgres unless told otherwise (DATABASE_POOL_SIZE). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * How long a query waits for a free pooled connection before it fails. A starved pool
 * then shows as an error (an activity's is retried by Temporal with backoff) instead of a
 * wait without end; shorter than the 20 s heartbeat timeout of a dunning step.
 */
export const POOL_WAIT_TIMEOUT_MS = 10_000;

/** Where the embedded database lives under DATA_DIR. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/**
 * TypeORM options for Relance: a real Postgres when a URL is given, otherwise the
 * embedded PGlite under DATA_DIR. Same entities and hand-written migrations for both;
 * the schema is never synchronised from entities. On Postgres the pool holds at most
 * `poolSize` connections and a query waits at most {@link POOL_WAIT_TIMEOUT_MS} for one;
 * PGlite is a single connection and has no pool to size.
 */
export function buildDataSourceOptions(
  database: { url: string } | { embeddedDir: string },
  pool: { poolSize?: number } = {},
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: RELANCE_ENTITIES,
    migrations: RELANCE_MIGRATIONS,
    // Run by DatabaseMigrations under an advisory lock, not by TypeORM at connect.
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Ids come from the built-in gen_random_uuid() (Postgres 13+ and PGlite alike);
    // PGlite has neither uuid-ossp nor pgcrypto, so never try to create an extension.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    // Failed queries are not logged here: constraint errors become client errors, and
    // anything else is logged once where the GraphQL error is formatted.
    logging: ['warn' as const, 'migration' as const],
  };
  if ('url' in database) {
    return {
      ...common,
      url: database.url,
      applicationName: 'relance',
      poolSize: pool.poolSize ?? DEFAULT_POOL_SIZE,
      connectTimeoutMS: POOL_WAIT_TIMEOUT_MS,
    };
  }
  return { ...common, driver: new PGliteDriver({ dataDir: database.embeddedDir }).driver };
}
