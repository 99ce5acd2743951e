import type { EntityManager } from 'typeorm';
import { IsoDate } from '../domain/calendar-date';

/** How far back debts count towards a tenant's profile. */
const PROFILE_WINDOW_DAYS = 365;

/**
 * Recomputes the profile of the tenants of some leases from their payment history: a
 * tenant whose leases opened one debt in the last twelve months is a one-off late payer
 * (ONE_OFF), two or more make a chronic one (CHRONIC); none leaves UNKNOWN. PRECARIOUS is
 * never inferred: it is a human judgement, set through `profileOverride`, which always
 * wins where the profile is used. Debts cancelled (opened by mistake) do not count.
 */
export async function refreshTenantProfiles(
  manager: EntityManager,
  workspaceId: string,
  leaseIds: string[],
  asOf: IsoDate,
): Promise<void> {
  if (leaseIds.length === 0) return;
  await manager.query(
    `WITH touched AS (
       SELECT DISTINCT lt.tenant_id FROM lease_tenant lt
       WHERE lt.workspace_id = $1 AND lt.lease_id = ANY($2::uuid[])
     ), history AS (
       SELECT t.tenant_id, count(d.id) AS debts
       FROM touched t
       LEFT JOIN lease_tenant lt ON lt.workspace_id = $1 AND lt.tenant_id = t.tenant_id
       LEFT JOIN debt d ON d.workspace_id = $1 AND d.lease_id = lt.lease_id AND d.opened_on > $3::date - $4::int
         AND d.status <> 'CANCELLED'
       GROUP BY t.tenant_id
     )
     UPDATE tenant SET profile = CASE WHEN h.debts >= 2 THEN 'CHRONIC' WHEN h.debts = 1 THEN 'ONE_OFF' ELSE 'UNKNOWN' END,
                       updated_at = now()
     FROM history h
     WHERE tenant.workspace_id = $1 AND tenant.id = h.tenant_id
       AND tenant.profile <> CASE WHEN h.debts >= 2 THEN 'CHRONIC' WHEN h.debts = 1 THEN 'ONE_OFF' ELSE 'UNKNOWN' END`,
    [workspaceId, leaseIds, asOf, PROFILE_WINDOW_DAYS],
  );
}
