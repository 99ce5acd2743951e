import { DataSource } from 'typeorm';
import { RelanceConfig } from '../config/configuration';
import { buildDataSourceOptions, embeddedDatabaseDir } from '../database/database-options';
import { runMigrationsLocked } from '../database/database.module';
import { createWorkspaceWithAdminKey, CreatedWorkspace } from '../workspace/workspace.service';
import { lockDataDir } from './data-dir-lock';

/**
 * Creates a workspace straight on the configured database (migrated first), without
 * starting the API or Temporal. On the embedded database it takes the DATA_DIR lock, so
 * it refuses to run beside an all-in-one that has the database open.
 */
export async function createWorkspaceOnDatabase(config: RelanceConfig, name: string): Promise<CreatedWorkspace> {
  const lock = config.databaseUrl ? undefined : lockDataDir(config.dataDir);
  const dataSource = new DataSource(
    buildDataSourceOptions(config.databaseUrl ? { url: config.databaseUrl } : { embeddedDir: embeddedDatabaseDir(config.dataDir) }),
  );
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    return await createWorkspaceWithAdminKey(dataSource, name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    lock?.release();
  }
}
