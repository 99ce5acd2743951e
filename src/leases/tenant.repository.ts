import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { Tenant, TENANT_TABLE } from './tenant.entity';

/** The `tenant` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class TenantRepository extends RecordRepository<Tenant> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(TENANT_TABLE, dataSource);
  }

  /** Which of `ids` are tenants of the workspace (any landlord's: a lease's parties are set by agents). */
  async existingIds(workspaceId: string, ids: string[], db: DataSource | EntityManager = this.dataSource): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await db.query('SELECT id FROM tenant WHERE workspace_id = $1 AND id = ANY($2::uuid[])', [
      workspaceId,
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** Sets the profile tenants' histories give them, where it changed, on the caller's transaction. */
  async recordProfiles(
    workspaceId: string,
    profiles: ReadonlyMap<string, string>,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<void> {
    if (profiles.size === 0) return;
    await db.query(
      `UPDATE tenant t SET profile = v.profile, updated_at = now()
       FROM unnest($2::uuid[], $3::text[]) AS v(id, profile)
       WHERE t.workspace_id = $1 AND t.id = v.id AND t.profile <> v.profile`,
      [workspaceId, [...profiles.keys()], [...profiles.values()]],
    );
  }
}
