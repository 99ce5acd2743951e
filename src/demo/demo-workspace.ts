import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { todayIn } from '../common/clock';
import { WorkspaceService } from '../workspace/workspace.service';
import { seedDemoAgency } from './seed-demo-agency';

export const DEMO_WORKSPACE_NAME = 'Agence de démonstration';
/** The seed articles' agency: 220 units. */
export const DEMO_LEASES = 220;

/**
 * The embedded default's first run creates a demo workspace filled with a realistic agency
 * (220 leases, a year of rent calls and payments, about 8 % in arrears) and keeps its admin
 * key in DATA_DIR/demo-api-key (readable by its owner only), so that every later run can
 * print it again. Returns undefined when the database already had workspaces of its own.
 */
export async function ensureDemoApiKey(workspaces: WorkspaceService, dataSource: DataSource, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'demo-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if ((await workspaces.countWorkspaces()) > 0) return undefined;
  const { apiKey, workspaceId } = await workspaces.createWorkspace(DEMO_WORKSPACE_NAME);
  try {
    await seedDemoAgency(dataSource, workspaceId, { leases: DEMO_LEASES, asOf: todayIn() });
  } catch (error) {
    // No half-made demo: the next run starts over.
    await workspaces.deleteWorkspace(workspaceId);
    throw error;
  }
  writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return apiKey;
}
