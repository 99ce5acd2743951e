import type { EntityManager } from 'typeorm';
import { TenantProfile } from '../domain/scenario';
import { classifyDebt, classifyTenant, TenantHistory } from '../domain/tenant-profile';
import { recordTenantProfiles } from '../leases/tenant.service';
import { workspaceProfileThresholds } from '../workspace/workspace.service';
import { DebtRepository, HistoryRow } from './debt.repository';

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
export async function assessDebtProfiles(db: EntityManager, workspaceId: string, debtIds: string[], graceDays: number): Promise<void> {
  if (debtIds.length === 0) return;
  const thresholds = await workspaceProfileThresholds(db, workspaceId);
  // Every step below is a lookup by a full index key from the row before it (LATERAL), so
  // the cost grows with the debts and their tenants' own leases, never with the workspace:
  // a demo seed runs this inside its one transaction, on tables without statistics.
  const debtsTable = new DebtRepository(db);
  const rows = await debtsTable.profileHistories(workspaceId, debtIds, thresholds.windowMonths, graceDays);
  const byDebt = new Map<string, HistoryRow[]>();
  for (const row of rows) byDebt.set(row.debt_id, [...(byDebt.get(row.debt_id) ?? []), row]);

  const debts = { id: [] as string[], profile: [] as string[], reason: [] as string[], facts: [] as string[] };
  const tenantProfiles = new Map<string, TenantProfile>();
  for (const [debtId, list] of byDebt) {
    const parties = list.filter((r) => r.tenant_id !== null);
    const histories = parties.map((r): TenantHistory & { tenantId: string } => ({
      tenantId: r.tenant_id,
      name: r.name,
      vulnerable: r.vulnerable,
      profileOverride: r.profile_override,
      earlierDebts: r.earlier_debts,
      monthsOnTime: r.months_on_time,
      monthsLate: r.months_late,
    }));
    const size = { arrearsCents: list[0].arrears_cents, monthlyDueCents: list[0].monthly_due_cents };
    const verdict = classifyDebt(histories, size, thresholds);
    debts.id.push(debtId);
    debts.profile.push(verdict.profile);
    debts.reason.push(verdict.reason.slice(0, 1000));
    debts.facts.push(JSON.stringify({ thresholds, graceDays, ...size, tenants: histories }));
    for (const h of histories) tenantProfiles.set(h.tenantId, classifyTenant({ ...h, profileOverride: null }, size, thresholds).profile);
  }
  await debtsTable.recordProfiles(workspaceId, debts);
  await recordTenantProfiles(db, workspaceId, tenantProfiles);
}
