import type { EntityManager } from 'typeorm';
import { IsoDate } from '../domain/calendar-date';
import { allocate, AllocationResult, balance, LedgerCharge, LedgerCredit, oldestUnpaid } from '../domain/ledger';
import { Cents } from '../domain/money';

/**
 * Brings the stored allocation, lease balance and open debt of some leases in line with
 * their ledger, inside the caller's transaction. Allocation is a pure function of the
 * ledger (src/domain/ledger.ts), so it is recomputed whole for each lease touched rather
 * than patched: whatever the order entries arrive in, the stored result is the same.
 */

/** What changed on one lease's open debt. */
export interface DebtChange {
  leaseId: string;
  debtId: string;
  amountCents: Cents;
  oldestUnpaidDueDate: IsoDate | null;
  resolved: boolean;
}

interface ChargeRow {
  id: string;
  lease_id: string;
  period: string;
  due_date: string;
  rent_cents: number;
  charges_cents: number;
  fee_cents: number;
}

interface CreditRow {
  id: string;
  lease_id: string;
  date: string;
  amount_cents: number;
  source: 'payment' | 'credit_note';
}

function groupByLease<T extends { lease_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.lease_id);
    if (list) list.push(row);
    else groups.set(row.lease_id, [row]);
  }
  return groups;
}

/**
 * Locks the leases (in id order, so concurrent writers never deadlock) and recomputes
 * their allocation, balance and open debt. Returns the open debts that changed.
 */
export async function recomputeLeaseLedgers(
  manager: EntityManager,
  workspaceId: string,
  leaseIds: string[],
  asOf: IsoDate,
): Promise<DebtChange[]> {
  const ids = [...new Set(leaseIds)].sort();
  if (ids.length === 0) return [];
  await manager.query('SELECT id FROM lease WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE', [
    workspaceId,
    ids,
  ]);
  const charges: ChargeRow[] = await manager.query(
    `SELECT id, lease_id, period, to_char(due_date, 'YYYY-MM-DD') AS due_date, rent_cents, charges_cents, fee_cents
     FROM charge WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])`,
    [workspaceId, ids],
  );
  const credits: CreditRow[] = await manager.query(
    `SELECT id, lease_id, to_char(paid_on, 'YYYY-MM-DD') AS date, amount_cents, 'payment' AS source
       FROM payment WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])
     UNION ALL
     SELECT id, lease_id, to_char(issued_on, 'YYYY-MM-DD'), amount_cents, 'credit_note'
       FROM credit_note WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])`,
    [workspaceId, ids],
  );
  const chargesByLease = groupByLease(charges);
  const creditsByLease = groupByLease(credits);
  const sourceOf = new Map(credits.map((c) => [c.id, c.source]));

  const allocation = { lease: [] as string[], charge: [] as string[], payment: [] as (string | null)[], creditNote: [] as (string | null)[], rent: [] as number[], charges: [] as number[], fee: [] as number[] };
  const balances = { lease: [] as string[], cents: [] as number[] };
  const overdue = new Map<string, { amount: Cents; oldest: IsoDate | null }>();
  for (const leaseId of ids) {
    const ledgerCharges: LedgerCharge[] = (chargesByLease.get(leaseId) ?? []).map((c) => ({
      id: c.id,
      period: c.period,
      dueDate: c.due_date,
      rentCents: c.rent_cents,
      chargesCents: c.charges_cents,
      feeCents: c.fee_cents,
    }));
    const ledgerCredits: LedgerCredit[] = (creditsByLease.get(leaseId) ?? []).map((c) => ({
      id: c.id,
      date: c.date,
      amountCents: c.amount_cents,
    }));
    const result = allocate(ledgerCharges, ledgerCredits);
    for (const a of result.allocations) {
      const isPayment = sourceOf.get(a.creditId) === 'payment';
      allocation.lease.push(leaseId);
      allocation.charge.push(a.chargeId);
      allocation.payment.push(isPayment ? a.creditId : null);
      allocation.creditNote.push(isPayment ? null : a.creditId);
      allocation.rent.push(a.rentCents);
      allocation.charges.push(a.chargesCents);
      allocation.fee.push(a.feeCents);
    }
    balances.lease.push(leaseId);
    balances.cents.push(balance(ledgerCharges, ledgerCredits));
    const overdueCents = result.charges
      .filter((s) => s.charge.dueDate < asOf)
      .reduce((sum, s) => sum + s.outstandingCents, 0);
    overdue.set(leaseId, { amount: overdueCents, oldest: oldestUnpaid(result, asOf)?.charge.dueDate ?? null });
  }

  await manager.query('DELETE FROM allocation WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])', [workspaceId, ids]);
  if (allocation.lease.length > 0) {
    await manager.query(
      `INSERT INTO allocation (workspace_id, lease_id, charge_id, payment_id, credit_note_id, rent_cents, charges_cents, fee_cents)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::int[])`,
      [workspaceId, allocation.lease, allocation.charge, allocation.payment, allocation.creditNote, allocation.rent, allocation.charges, allocation.fee],
    );
  }
  await manager.query(
    `UPDATE lease SET balance_cents = b.cents, updated_at = now()
     FROM unnest($2::uuid[], $3::bigint[]) AS b(lease_id, cents)
     WHERE lease.workspace_id = $1 AND lease.id = b.lease_id AND lease.balance_cents <> b.cents`,
    [workspaceId, balances.lease, balances.cents],
  );
  return updateOpenDebts(manager, workspaceId, ids, overdue);
}

async function updateOpenDebts(
  manager: EntityManager,
  workspaceId: string,
  leaseIds: string[],
  overdue: Map<string, { amount: Cents; oldest: IsoDate | null }>,
): Promise<DebtChange[]> {
  const open: Array<{ id: string; lease_id: string; amount_cents: string; oldest: string | null }> = await manager.query(
    `SELECT id, lease_id, amount_cents, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS oldest FROM debt
     WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[]) AND status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')`,
    [workspaceId, leaseIds],
  );
  const changes: DebtChange[] = [];
  for (const debt of open) {
    const now = overdue.get(debt.lease_id)!;
    if (Number(debt.amount_cents) === now.amount && debt.oldest === now.oldest) continue;
    const resolved = now.amount <= 0;
    await manager.query(
      `UPDATE debt SET amount_cents = $3, oldest_unpaid_due_date = $4, updated_at = now(),
         status = CASE WHEN $5 THEN 'RESOLVED' ELSE status END,
         closed_at = CASE WHEN $5 THEN now() ELSE closed_at END
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, debt.id, Math.max(now.amount, 0), now.oldest, resolved],
    );
    changes.push({ leaseId: debt.lease_id, debtId: debt.id, amountCents: Math.max(now.amount, 0), oldestUnpaidDueDate: now.oldest, resolved });
  }
  return changes;
}

/** One lease's ledger, allocated: for the fields and previews that read it (no lock, no write). */
export async function loadLeaseLedger(db: Pick<EntityManager, 'query'>, workspaceId: string, leaseId: string): Promise<AllocationResult> {
  const params = [workspaceId, leaseId];
  // Sequential: the caller may pass a transaction's manager, whose one connection cannot run two queries at once.
  const charges = await db.query(
    `SELECT id, period, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", rent_cents AS "rentCents", charges_cents AS "chargesCents",
            fee_cents AS "feeCents"
     FROM charge WHERE workspace_id = $1 AND lease_id = $2`,
    params,
  );
  const credits = await db.query(
    `SELECT id, to_char(paid_on, 'YYYY-MM-DD') AS date, amount_cents AS "amountCents" FROM payment WHERE workspace_id = $1 AND lease_id = $2
     UNION ALL SELECT id, to_char(issued_on, 'YYYY-MM-DD'), amount_cents FROM credit_note WHERE workspace_id = $1 AND lease_id = $2`,
    params,
  );
  return allocate(charges, credits);
}
