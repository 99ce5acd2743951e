import { DataSource } from 'typeorm';
import { RelanceConfig } from '../config/configuration';
import { buildDataSourceOptions, embeddedDatabaseDir } from '../database/database-options';
import { runMigrationsLocked } from '../database/database.module';
import { CreatedWorkspace, WorkspaceService } from '../workspace/workspace.service';
import { lockDataDir } from './data-dir-lock';
import { todayIn } from '../common/clock';
import { seedDemoAgency, SeededAgency } from '../demo/seed-demo-agency';

/** Runs `work` on the configured database, migrated, without the API or Temporal. */
async function onDatabase<T>(config: RelanceConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const lock = config.databaseUrl ? undefined : lockDataDir(config.dataDir);
  const dataSource = new DataSource(
    buildDataSourceOptions(config.databaseUrl ? { url: config.databaseUrl } : { embeddedDir: embeddedDatabaseDir(config.dataDir) }, {
      poolSize: config.databasePoolSize,
    }),
  );
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    lock?.release();
  }
}

/**
 * A new workspace filled with a generated agency of `leases` leases (the benchmarks scale
 * it to 200,000), and its admin key.
 */
export async function seedDemoWorkspace(config: RelanceConfig, leases: number): Promise<CreatedWorkspace & SeededAgency> {
  return onDatabase(config, async (dataSource) => {
    const workspaces = WorkspaceService.on(dataSource);
    const created = await workspaces.createWorkspace(`Agence de démonstration (${leases} baux)`);
    try {
      return { ...created, ...(await seedDemoAgency(dataSource, created.workspaceId, { leases, asOf: todayIn() })) };
    } catch (error) {
      await workspaces.deleteWorkspace(created.workspaceId);
      throw error;
    }
  });
}

/**
 * Creates a workspace straight on the configured database (migrated first), without
 * starting the API or Temporal. On the embedded database it takes the DATA_DIR lock, so
 * it refuses to run beside an all-in-one that has the database open.
 */
export function createWorkspaceOnDatabase(config: RelanceConfig, name: string): Promise<CreatedWorkspace> {
  return onDatabase(config, (dataSource) => WorkspaceService.on(dataSource).createWorkspace(name));
}
