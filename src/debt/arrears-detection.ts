import type { EntityManager } from 'typeorm';
import { IsoDate } from '../domain/calendar-date';
import { assessDebtProfiles } from './tenant-profile';

/** Days after a due date before unpaid rent counts as arrears and opens a debt. */
export const DEFAULT_GRACE_DAYS = 5;

export interface OpenedDebt {
  debtId: string;
  leaseId: string;
  amountCents: number;
}

/**
 * Opens a debt on every lease of the workspace with money unpaid more than `graceDays`
 * after its due date and no open debt yet, and decides each one's profile from its tenants'
 * history (the debt itself not counted: {@link assessDebtProfiles}). Idempotent: the partial unique index on open
 * debts makes a concurrent second run insert nothing. (The dunning engine adds starting
 * each debt's workflow and a daily Schedule on top of this.)
 */
export async function openDebtsForArrears(
  manager: EntityManager,
  workspaceId: string,
  asOf: IsoDate,
  graceDays = DEFAULT_GRACE_DAYS,
): Promise<OpenedDebt[]> {
  // Lock the candidate leases in id order, as the ledger seam does, so that a payment
  // committing meanwhile is either seen by the insert below or waits for it: never a debt
  // opened on a lease just paid, never a deadlock with a payment batch.
  const candidates: Array<{ id: string }> = await manager.query(
    `SELECT l.id FROM lease l
     WHERE l.workspace_id = $1
       AND EXISTS (SELECT 1 FROM charge c WHERE c.workspace_id = $1 AND c.lease_id = l.id AND c.due_date < $2::date - $3::int)
       AND NOT EXISTS (SELECT 1 FROM debt d WHERE d.workspace_id = $1 AND d.lease_id = l.id
                         AND d.status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'))
     ORDER BY l.id FOR UPDATE`,
    [workspaceId, asOf, graceDays],
  );
  if (candidates.length === 0) return [];
  const rows: Array<{ id: string; lease_id: string; amount_cents: string }> = await manager.query(
    `WITH owed AS (
       SELECT c.lease_id, c.due_date,
              c.rent_cents + c.charges_cents + c.fee_cents - COALESCE(SUM(a.rent_cents + a.charges_cents + a.fee_cents), 0) AS outstanding
       FROM charge c
       LEFT JOIN allocation a ON a.workspace_id = c.workspace_id AND a.charge_id = c.id
       WHERE c.workspace_id = $1 AND c.lease_id = ANY($4::uuid[]) AND c.due_date < $2::date
       GROUP BY c.id
     ), late AS (
       SELECT lease_id, SUM(outstanding) AS amount, MIN(due_date) AS oldest
       FROM owed WHERE outstanding > 0 GROUP BY lease_id
     )
     INSERT INTO debt (workspace_id, lease_id, amount_cents, oldest_unpaid_due_date, opened_on)
     SELECT $1, late.lease_id, late.amount, late.oldest, $2::date FROM late
     WHERE late.oldest < $2::date - $3::int
       AND NOT EXISTS (
         SELECT 1 FROM debt d WHERE d.workspace_id = $1 AND d.lease_id = late.lease_id
           AND d.status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'))
     ON CONFLICT DO NOTHING
     RETURNING id, lease_id, amount_cents`,
    [workspaceId, asOf, graceDays, candidates.map((c) => c.id)],
  );
  if (rows.length > 0) {
    await manager.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, actor_kind, summary, data)
       SELECT $1, d.id, 'DEBT_OPENED', 'SYSTEM', 'Arrears detected: debt opened', json_build_object('amountCents', d.amount)
       FROM unnest($2::uuid[], $3::bigint[]) AS d(id, amount)`,
      [workspaceId, rows.map((r) => r.id), rows.map((r) => r.amount_cents)],
    );
    await assessDebtProfiles(manager, workspaceId, rows.map((r) => r.id), graceDays);
  }
  return rows.map((r) => ({ debtId: r.id, leaseId: r.lease_id, amountCents: Number(r.amount_cents) }));
}
