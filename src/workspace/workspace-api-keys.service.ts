import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, ApiKeyRole } from '../auth/actor';
import { ApiKey } from '../auth/api-key.entity';
import { ApiKeyService } from '../auth/api-key.service';
import { RelanceError } from '../common/relance.error';
import { RecordRepository } from '../records/record.repository';
import { RecordService } from '../records/record.service';
import { API_KEY_TABLE } from './api-key-records';

/**
 * A workspace's API keys as its admin manages them: listed and read through the generic
 * record API (scoped to the caller's workspace), issued and revoked through auth's
 * {@link ApiKeyService}, which keeps the table's own SQL.
 */
@Injectable()
export class WorkspaceApiKeysService extends RecordService<ApiKey> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly apiKeys: ApiKeyService,
  ) {
    super(new RecordRepository<ApiKey>(API_KEY_TABLE, dataSource));
  }

  /**
   * Issues a key in the caller's workspace; a LANDLORD key is bound to one of its
   * landlords, and only a LANDLORD key is. Errors name the input's fields under `path`.
   */
  async issue(
    actor: Actor,
    input: { name: string; role: ApiKeyRole; landlordId?: string | null },
    path = 'data',
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    if ((input.role === 'LANDLORD') !== Boolean(input.landlordId)) {
      throw new RelanceError('BAD_USER_INPUT', `${path}.landlordId is required for a LANDLORD key and only for it`, {
        field: `${path}.landlordId`,
      });
    }
    const issued = await this.apiKeys.issue(actor.workspaceId, input, { path: `${path}.` });
    return { apiKey: await this.get(actor, issued.id), secret: issued.key };
  }

  /** Revokes a key of the caller's workspace at once; the calling key cannot revoke itself. */
  async revoke(actor: Actor, id: string): Promise<ApiKey> {
    await this.get(actor, id);
    if (id === actor.apiKeyId) throw new RelanceError('CONFLICT', 'A key cannot revoke itself', { field: 'id' });
    await this.apiKeys.revoke(actor.workspaceId, id);
    return this.get(actor, id);
  }
}
