import type { EntityManager } from 'typeorm';
import { TenantProfile } from '../domain/scenario';
import { classifyDebt, classifyTenant, DEFAULT_PROFILE_THRESHOLDS, ProfileThresholds, TenantHistory } from '../domain/tenant-profile';

type Db = Pick<EntityManager, 'query'>;

/** The columns of a workspace's profile thresholds, as the GraphQL `Workspace.profile*` fields name them. */
export const PROFILE_THRESHOLD_COLUMNS: Readonly<Record<keyof ProfileThresholds, string>> = {
  windowMonths: 'profile_window_months',
  oneOffMinMonthsOnTime: 'profile_one_off_min_months_on_time',
  oneOffMaxArrearsPercent: 'profile_one_off_max_arrears_percent',
  chronicMinEarlierDebts: 'profile_chronic_min_earlier_debts',
  chronicMinMonthsLate: 'profile_chronic_min_months_late',
};

/** A workspace's profile thresholds (the defaults for a workspace that is gone). */
export async function loadProfileThresholds(db: Db, workspaceId: string): Promise<ProfileThresholds> {
  const columns = Object.entries(PROFILE_THRESHOLD_COLUMNS).map(([field, column]) => `${column} AS "${field}"`);
  const [row] = await db.query(`SELECT ${columns.join(', ')} FROM workspace WHERE id = $1`, [workspaceId]);
  return row ? (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as ProfileThresholds) : { ...DEFAULT_PROFILE_THRESHOLDS };
}

interface HistoryRow {
  debt_id: string;
  tenant_id: string;
  name: string;
  vulnerable: boolean;
  profile_override: TenantProfile | null;
  earlier_debts: number;
  months_on_time: number;
  months_late: number;
  arrears_cents: number;
  monthly_due_cents: number;
}

/**
 * Decides the profile of these debts, once: for each debt still without one, gathers the
 * history of each tenant of its lease over the workspace's window before the debt opened —
 * other debts (not cancelled) opened before it, and monthly rent calls settled before it
 * opened, within `graceDays` of their due date or later — on every lease the tenant is on,
 * then classifies it (src/domain/tenant-profile.ts) and records the profile, its reason and
 * those facts on the debt. The debt being opened never counts itself: its own rent calls
 * were not settled when it opened.
 *
 * Each tenant's `profile` becomes what their history says (vulnerable: PRECARIOUS), which
 * letters take their tone from; an agent's `profileOverride` stays apart and wins there.
 *
 * `lease_tenant` records no date a co-tenant joined a lease, so a lease's history counts
 * from the lease's start for every tenant on it now.
 */
export async function assessDebtProfiles(db: Db, workspaceId: string, debtIds: string[], graceDays: number): Promise<void> {
  if (debtIds.length === 0) return;
  const thresholds = await loadProfileThresholds(db, workspaceId);
  // Every step below is a lookup by a full index key from the row before it (LATERAL), so
  // the cost grows with the debts and their tenants' own leases, never with the workspace:
  // a demo seed runs this inside its one transaction, on tables without statistics.
  const rows: HistoryRow[] = await db.query(
    `SELECT d.id AS debt_id, p.tenant_id, p.name, p.vulnerable, p.profile_override,
            COALESCE(h.earlier_debts, 0) AS earlier_debts, COALESCE(h.on_time, 0) AS months_on_time, COALESCE(h.late, 0) AS months_late,
            d.amount_cents::float8 AS arrears_cents, (l.monthly_rent_cents + l.monthly_charges_cents)::float8 AS monthly_due_cents
     FROM unnest($2::uuid[]) AS wanted(id)
     JOIN LATERAL (SELECT d.id, d.lease_id, d.opened_on, d.created_at, d.amount_cents,
                          (d.opened_on - make_interval(months => $3::int))::date AS since
                   FROM debt d WHERE d.workspace_id = $1 AND d.id = wanted.id AND d.profile IS NULL) d ON true
     JOIN LATERAL (SELECT l.monthly_rent_cents, l.monthly_charges_cents FROM lease l WHERE l.workspace_id = $1 AND l.id = d.lease_id) l ON true
     LEFT JOIN LATERAL (
       SELECT t.id AS tenant_id, COALESCE(t.last_name, t.first_name, 'without a name') AS name, t.vulnerable, t.profile_override
       FROM lease_tenant lt JOIN tenant t ON t.workspace_id = $1 AND t.id = lt.tenant_id
       WHERE lt.workspace_id = $1 AND lt.lease_id = d.lease_id
     ) p ON true
     LEFT JOIN LATERAL (
       -- The tenant's history on each lease they are on (none exists before a lease starts).
       SELECT sum(e.debts)::int AS earlier_debts, sum(m.on_time)::int AS on_time, sum(m.late)::int AS late
       FROM lease_tenant lt
       CROSS JOIN LATERAL (
         SELECT count(*) AS debts FROM debt other
         WHERE other.workspace_id = $1 AND other.lease_id = lt.lease_id AND other.id <> d.id AND other.status <> 'CANCELLED'
           AND other.opened_on >= d.since AND (other.opened_on, other.created_at) < (d.opened_on, d.created_at)
       ) e
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE rc.settled_on <= rc.due_date + $4::int) AS on_time,
                count(*) FILTER (WHERE rc.settled_on > rc.due_date + $4::int) AS late
         FROM (SELECT c.due_date,
                      c.rent_cents + c.charges_cents - COALESCE(sum(a.rent_cents + a.charges_cents), 0) AS left_cents,
                      max(COALESCE(pay.paid_on, cn.issued_on)) AS settled_on
               FROM charge c
               LEFT JOIN allocation a ON a.workspace_id = $1 AND a.lease_id = c.lease_id AND a.charge_id = c.id
               LEFT JOIN payment pay ON pay.workspace_id = $1 AND pay.id = a.payment_id
               LEFT JOIN credit_note cn ON cn.workspace_id = $1 AND cn.id = a.credit_note_id
               WHERE c.workspace_id = $1 AND c.lease_id = lt.lease_id AND c.kind = 'RENT_CALL'
                 AND c.due_date >= d.since AND c.due_date < d.opened_on
               GROUP BY c.id) rc
         WHERE rc.left_cents <= 0 AND rc.settled_on < d.opened_on
       ) m
       WHERE lt.workspace_id = $1 AND lt.tenant_id = p.tenant_id
     ) h ON true
     ORDER BY d.id, p.name, p.tenant_id`,
    [workspaceId, debtIds, thresholds.windowMonths, graceDays],
  );
  const byDebt = new Map<string, HistoryRow[]>();
  for (const row of rows) byDebt.set(row.debt_id, [...(byDebt.get(row.debt_id) ?? []), row]);

  const debts = { id: [] as string[], profile: [] as string[], reason: [] as string[], facts: [] as string[] };
  const tenantProfiles = new Map<string, TenantProfile>();
  for (const [debtId, list] of byDebt) {
    const parties = list.filter((r) => r.tenant_id !== null);
    const histories = parties.map(
      (r): TenantHistory & { tenantId: string } => ({
        tenantId: r.tenant_id, name: r.name, vulnerable: r.vulnerable, profileOverride: r.profile_override,
        earlierDebts: r.earlier_debts, monthsOnTime: r.months_on_time, monthsLate: r.months_late,
      }),
    );
    const size = { arrearsCents: list[0].arrears_cents, monthlyDueCents: list[0].monthly_due_cents };
    const verdict = classifyDebt(histories, size, thresholds);
    debts.id.push(debtId);
    debts.profile.push(verdict.profile);
    debts.reason.push(verdict.reason.slice(0, 1000));
    debts.facts.push(JSON.stringify({ thresholds, graceDays, ...size, tenants: histories }));
    for (const h of histories) tenantProfiles.set(h.tenantId, classifyTenant({ ...h, profileOverride: null }, size, thresholds).profile);
  }
  await db.query(
    `UPDATE debt d SET profile = v.profile, profile_reason = v.reason, profile_facts = v.facts, updated_at = now()
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[]) AS v(id, profile, reason, facts)
     WHERE d.workspace_id = $1 AND d.id = v.id AND d.profile IS NULL`,
    [workspaceId, debts.id, debts.profile, debts.reason, debts.facts],
  );
  if (tenantProfiles.size > 0) {
    await db.query(
      `UPDATE tenant t SET profile = v.profile, updated_at = now()
       FROM unnest($2::uuid[], $3::text[]) AS v(id, profile)
       WHERE t.workspace_id = $1 AND t.id = v.id AND t.profile <> v.profile`,
      [workspaceId, [...tenantProfiles.keys()], [...tenantProfiles.values()]],
    );
  }
}
