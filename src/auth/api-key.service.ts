import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { RelanceError } from '../common/relance.error';
import { Actor, ApiKeyRole } from './actor';
import { hashApiKey, newApiKey, workspaceOfApiKey } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';

/** A key just issued: its id, and the key in clear (shown once; only its hash is stored). */
export interface IssuedApiKey {
  id: string;
  key: string;
}

/**
 * API keys: who may call, and on which workspace's data. The guard resolves a key to its
 * actor here; the workspace feature issues a new workspace's first key and the admin API's
 * keys through {@link issue}.
 */
@Injectable()
export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** The service over a data source, for commands that run without the Nest application. */
  static on(dataSource: DataSource): ApiKeyService {
    return new ApiKeyService(new ApiKeyRepository(dataSource));
  }

  /** The actor behind a key, or undefined when the key is malformed, unknown or revoked. */
  async authenticate(key: string): Promise<Actor | undefined> {
    const workspaceId = workspaceOfApiKey(key);
    if (!workspaceId) return undefined;
    const row = await this.keys.findActive(workspaceId, hashApiKey(key));
    if (!row) return undefined;
    return { workspaceId, apiKeyId: row.id, role: row.role, ...(row.landlordId ? { landlordId: row.landlordId } : {}) };
  }

  /**
   * Issues a key in the workspace, in the caller's transaction when it passes `db`. A
   * LANDLORD key names one of the workspace's landlords: `landlordId` is refused otherwise,
   * as BAD_USER_INPUT on `<path>landlordId`.
   *
   * @example
   * const { key } = await apiKeys.issue(workspaceId, { name: 'Comptabilité', role: 'READONLY' });
   */
  async issue(
    workspaceId: string,
    input: { name: string; role: ApiKeyRole; landlordId?: string | null },
    options: { db?: EntityManager; path?: string } = {},
  ): Promise<IssuedApiKey> {
    const { key, hash } = newApiKey(workspaceId);
    const id = await this.keys.insert(workspaceId, { ...input, secretHash: hash }, options.db);
    if (!id) {
      const field = `${options.path ?? ''}landlordId`;
      throw new RelanceError('BAD_USER_INPUT', `${field} is not a landlord of this workspace`, { field });
    }
    return { id, key };
  }

  /** Revokes a key of the workspace at once. */
  revoke(workspaceId: string, id: string): Promise<void> {
    return this.keys.revoke(workspaceId, id);
  }
}
