// Writes the API's GraphQL schema to graphql/schema.graphql (`npm run schema:print`).
// Boots the API in-process on the embedded database in a temporary folder; Temporal is
// not contacted (the client connects lazily and api mode runs no worker).
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/configuration';
import { findProjectRoot } from '../src/config/project-root';
import { startRelance } from '../src/runtime/start-relance';
import { printRelanceSchema, SCHEMA_FILE } from '../graphql/print-schema';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-schema-'));
  const running = await startRelance('api', loadConfig({ DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:1' }), {
    port: 0,
    logLevels: ['error'],
  });
  try {
    const path = join(findProjectRoot(), SCHEMA_FILE);
    writeFileSync(path, printRelanceSchema(running.app));
    console.log(`Wrote ${path}`);
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
