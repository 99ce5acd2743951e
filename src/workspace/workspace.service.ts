import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ApiKeyRole } from '../auth/actor';
import { hashApiKey, newApiKey, workspaceOfApiKey } from '../auth/api-key-secret';
import { RelanceError } from '../common/relance.error';

export interface CreatedWorkspace {
  workspaceId: string;
  name: string;
  apiKeyId: string;
  /** The admin key in clear: shown once, only its hash is stored. */
  apiKey: string;
}

/**
 * Creates a workspace and its first ADMIN key in one transaction.
 *
 * @example
 * const { apiKey } = await createWorkspaceWithAdminKey(dataSource, 'Agence Dupont');
 */
export async function createWorkspaceWithAdminKey(db: DataSource, name: string): Promise<CreatedWorkspace> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) {
    throw new RelanceError('BAD_USER_INPUT', 'name must be 1 to 200 characters', { field: 'name' });
  }
  return db.transaction(async (manager) => {
    const [workspace] = await manager.query('INSERT INTO workspace (name) VALUES ($1) RETURNING id', [trimmed]);
    const key = await insertApiKey(manager, workspace.id, 'First admin key', 'ADMIN');
    return { workspaceId: workspace.id, name: trimmed, apiKeyId: key.id, apiKey: key.key };
  });
}

async function insertApiKey(
  manager: EntityManager,
  workspaceId: string,
  name: string,
  role: ApiKeyRole,
  landlordId?: string,
): Promise<{ id: string; key: string }> {
  const { key, hash } = newApiKey(workspaceId);
  const [row] = await manager.query(
    'INSERT INTO api_key (workspace_id, name, role, landlord_id, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [workspaceId, name, role, landlordId ?? null, hash],
  );
  return { id: row.id, key };
}

/** Workspaces and API keys: who may call, and on which agency's data. */
@Injectable()
export class WorkspaceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createWorkspace(name: string): Promise<CreatedWorkspace> {
    return createWorkspaceWithAdminKey(this.dataSource, name);
  }

  /** Issues another key in the actor's workspace (tests and the admin API use it). */
  async createApiKey(workspaceId: string, name: string, role: ApiKeyRole, landlordId?: string) {
    return insertApiKey(this.dataSource.manager, workspaceId, name, role, landlordId);
  }

  async countWorkspaces(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM workspace');
    return row.n;
  }

  /** The actor behind a key, or undefined when the key is malformed, unknown or revoked. */
  async authenticate(key: string): Promise<Actor | undefined> {
    const workspaceId = workspaceOfApiKey(key);
    if (!workspaceId) return undefined;
    const rows: Array<{ id: string; role: Actor['role']; landlord_id: string | null }> = await this.dataSource.query(
      `SELECT id, role, landlord_id FROM api_key
       WHERE workspace_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`,
      [workspaceId, hashApiKey(key)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { workspaceId, apiKeyId: row.id, role: row.role, ...(row.landlord_id ? { landlordId: row.landlord_id } : {}) };
  }

  async getWorkspaceName(workspaceId: string): Promise<string> {
    const [row] = await this.dataSource.query('SELECT name FROM workspace WHERE id = $1', [workspaceId]);
    return row.name;
  }
}
