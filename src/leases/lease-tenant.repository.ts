import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TenantContact, TenantProfile } from '../domain/scenario';

/** How a tenant of a lease can be reached, and the profile a debt of theirs goes by (vulnerable: PRECARIOUS). */
export type LeaseTenantContact = TenantContact & { profile: TenantProfile };

/** The `lease_tenant` table's SQL (which tenants are on which lease), always within the caller's workspace. */
@Injectable()
export class LeaseTenantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The tenant ids of each lease of `leaseIds`, in id order, in one statement whatever the
   * number of leases (a page's DataLoader batch); a lease with none gets an empty list.
   */
  async tenantIdsOf(
    workspaceId: string,
    leaseIds: readonly string[],
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<Map<string, string[]>> {
    const byLease = new Map<string, string[]>(leaseIds.map((id) => [id, []]));
    if (leaseIds.length === 0) return byLease;
    const rows: Array<{ lease_id: string; tenant_id: string }> = await db.query(
      'SELECT lease_id, tenant_id FROM lease_tenant WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[]) ORDER BY lease_id, tenant_id',
      [workspaceId, [...leaseIds]],
    );
    for (const row of rows) byLease.get(row.lease_id)?.push(row.tenant_id);
    return byLease;
  }

  /** Makes `tenantIds` the lease's tenants, on the caller's transaction (which holds the lease's lock). */
  async replace(manager: EntityManager, workspaceId: string, leaseId: string, tenantIds: string[]): Promise<void> {
    await manager.query('DELETE FROM lease_tenant WHERE workspace_id = $1 AND lease_id = $2', [workspaceId, leaseId]);
    await manager.query('INSERT INTO lease_tenant (workspace_id, lease_id, tenant_id) SELECT $1, $2, unnest($3::uuid[])', [
      workspaceId,
      leaseId,
      tenantIds,
    ]);
  }

  /** The tenants of a lease as dunning sees them: contact, consents, and profile (vulnerable tenants count as PRECARIOUS). */
  tenantContactsOf(workspaceId: string, leaseId: string, db: DataSource | EntityManager = this.dataSource): Promise<LeaseTenantContact[]> {
    return db.query(
      `SELECT CASE WHEN t.vulnerable THEN 'PRECARIOUS' ELSE COALESCE(t.profile_override, t.profile) END AS profile,
              t.preferred_channel AS "preferredChannel", t.email, t.phone, t.consent_email AS "consentEmail", t.consent_sms AS "consentSms"
       FROM lease_tenant lt
       JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id WHERE lt.workspace_id = $1 AND lt.lease_id = $2`,
      [workspaceId, leaseId],
    );
  }
}
