import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ApiKeyRole } from './actor';

/** A key as the guard needs it to make an actor. */
export interface ActiveApiKey {
  id: string;
  role: ApiKeyRole;
  landlordId: string | null;
}

/**
 * The `api_key` table's SQL, always within one workspace: the guard's lookup, issuing and
 * revoking keys. Listing keys goes through the generic record API (src/workspace), which
 * sits above auth.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The live (not revoked) key of the workspace with this hash, if any. */
  async findActive(workspaceId: string, secretHash: string): Promise<ActiveApiKey | undefined> {
    const [row]: ActiveApiKey[] = await this.dataSource.query(
      `SELECT id, role, landlord_id AS "landlordId" FROM api_key
       WHERE workspace_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`,
      [workspaceId, secretHash],
    );
    return row;
  }

  /**
   * Stores a key's hash. A LANDLORD key is stored only when its landlord is one of the
   * workspace's (checked in the same statement): undefined when it is not.
   */
  async insert(
    workspaceId: string,
    key: { name: string; role: ApiKeyRole; landlordId?: string | null; secretHash: string },
    db: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO api_key (workspace_id, name, role, landlord_id, secret_hash)
       SELECT $1::uuid, $2::varchar, $3::varchar, $4::uuid, $5::char(64)
       WHERE $4::uuid IS NULL OR EXISTS (SELECT 1 FROM landlord WHERE workspace_id = $1 AND id = $4::uuid)
       RETURNING id`,
      [workspaceId, key.name, key.role, key.landlordId ?? null, key.secretHash],
    );
    return row?.id;
  }

  /** Revokes a key of the workspace at once; a key revoked already keeps its first revocation time. */
  async revoke(workspaceId: string, id: string): Promise<void> {
    await this.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL', [
      workspaceId,
      id,
    ]);
  }
}
