import { LocalTemporalServer } from '../../src/temporal/local-temporal-server';
import { ensureGeneratedDocuments } from '../e2e/graphql/ensure-generated';
import { freePort } from './free-port';
import { temporalCliPath } from './temporal-executables';

/**
 * Starts one real Temporal dev server (in memory, no UI) for every e2e spec file; each
 * file isolates itself with its own task queue and database.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  // The specs import their typed documents: generated first on a fresh clone (npm run codegen).
  ensureGeneratedDocuments();
  const server = await LocalTemporalServer.start({
    binary: temporalCliPath(),
    port: await freePort(),
    namespace: 'default',
  });
  process.env.RELANCE_TEST_TEMPORAL_ADDRESS = server.address;
  (globalThis as { relanceTemporalServer?: LocalTemporalServer }).relanceTemporalServer = server;
}
