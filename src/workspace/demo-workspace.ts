import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceService } from './workspace.service';

export const DEMO_WORKSPACE_NAME = 'Agence de démonstration';

/**
 * The embedded default's first run creates a demo workspace and keeps its admin key in
 * DATA_DIR/demo-api-key (readable by its owner only), so that every later run can print
 * it again. Returns undefined when the database already had workspaces of its own.
 */
export async function ensureDemoApiKey(workspaces: WorkspaceService, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'demo-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if ((await workspaces.countWorkspaces()) > 0) return undefined;
  const { apiKey } = await workspaces.createWorkspace(DEMO_WORKSPACE_NAME);
  writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return apiKey;
}
