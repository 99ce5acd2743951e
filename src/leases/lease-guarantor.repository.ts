import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The `lease_guarantor` table's SQL (which guarantors are on which lease), always within the caller's workspace. */
@Injectable()
export class LeaseGuarantorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The guarantor ids of each lease of `leaseIds`, in id order, in one statement whatever the
   * number of leases (a page's DataLoader batch); a lease with none gets an empty list.
   */
  async guarantorIdsOf(
    workspaceId: string,
    leaseIds: readonly string[],
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<Map<string, string[]>> {
    const byLease = new Map<string, string[]>(leaseIds.map((id) => [id, []]));
    if (leaseIds.length === 0) return byLease;
    const rows: Array<{ lease_id: string; guarantor_id: string }> = await db.query(
      'SELECT lease_id, guarantor_id FROM lease_guarantor WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[]) ORDER BY lease_id, guarantor_id',
      [workspaceId, [...leaseIds]],
    );
    for (const row of rows) byLease.get(row.lease_id)?.push(row.guarantor_id);
    return byLease;
  }

  /** Makes `guarantorIds` the lease's guarantors, on the caller's transaction (which holds the lease's lock). */
  async replace(manager: EntityManager, workspaceId: string, leaseId: string, guarantorIds: string[]): Promise<void> {
    await manager.query('DELETE FROM lease_guarantor WHERE workspace_id = $1 AND lease_id = $2', [workspaceId, leaseId]);
    await manager.query('INSERT INTO lease_guarantor (workspace_id, lease_id, guarantor_id) SELECT $1, $2, unnest($3::uuid[])', [
      workspaceId,
      leaseId,
      guarantorIds,
    ]);
  }
}
