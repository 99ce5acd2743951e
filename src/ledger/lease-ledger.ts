import { IsoDate } from '../domain/calendar-date';
import { allocate, AllocationResult, balance, ChargeStatus, LedgerCharge, LedgerCredit, oldestUnpaid } from '../domain/ledger';
import type { NewAllocation } from './allocation.repository';
import { ChargeEntry, chargesOfLeases, LedgerDb, UnpaidCharge } from './charge.repository';
import { creditNotesOfLeases } from './credit-note.repository';
import type { KindedCredit } from './ledger-write-listener';
import type { LeaseOverdue } from './overdue-listener';
import { CreditEntry, paymentsOfLeases } from './payment.repository';
import type { LeaseBalances } from '../leases/lease.entity';

/**
 * A lease's ledger as allocation reads it, and the whole recomputation of some leases
 * from their entries. Allocation is a pure function of the ledger (src/domain/ledger.ts),
 * so it is recomputed whole for each lease touched rather than patched: whatever the
 * order entries arrive in, the stored result is the same. The SQL is in the repositories;
 * LedgerService runs it (`recompute`, `ledgerOf`, `ledgerFiguresOf`).
 */

/** The entries of some leases, as read in one statement per table. */
export interface LeaseEntries {
  charges: ChargeEntry[];
  payments: CreditEntry[];
  creditNotes: CreditEntry[];
}

/** What a recomputation stores: the allocation rows, each lease's balance, and what it owes past due; and each lease's allocated ledger. */
export interface RecomputedLedgers {
  allocations: NewAllocation[];
  /** Each lease's ledger as allocated, with its credits and their kinds, in the order asked. */
  ledgers: Array<{ leaseId: string; result: AllocationResult; credits: KindedCredit[] }>;
  /** Per lease: its balance and the due date of its oldest charge still owed (any date; null when none). */
  balances: LeaseBalances;
  overdue: LeaseOverdue[];
}

function groupByLease<T extends { leaseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.leaseId);
    if (list) list.push(row);
    else groups.set(row.leaseId, [row]);
  }
  return groups;
}

const toLedgerCharge = (c: ChargeEntry): LedgerCharge => ({
  id: c.id,
  period: c.period,
  dueDate: c.dueDate,
  rentCents: c.rentCents,
  chargesCents: c.chargesCents,
  feeCents: c.feeCents,
});
const toLedgerCredit = (c: CreditEntry): LedgerCredit => ({ id: c.id, date: c.date, amountCents: c.amountCents });

/** Each lease's charges and credits (payments and credit notes together), in the order of `leaseIds`. */
function ledgersByLease(
  leaseIds: readonly string[],
  entries: LeaseEntries,
): Array<{ leaseId: string; charges: LedgerCharge[]; credits: LedgerCredit[] }> {
  const charges = groupByLease(entries.charges);
  const credits = groupByLease([...entries.payments, ...entries.creditNotes]);
  return leaseIds.map((leaseId) => ({
    leaseId,
    charges: (charges.get(leaseId) ?? []).map(toLedgerCharge),
    credits: (credits.get(leaseId) ?? []).map(toLedgerCredit),
  }));
}

/** Each lease's ledger, allocated, in the order of `leaseIds` (an unknown lease has an empty ledger). */
export function allocateLeases(leaseIds: readonly string[], entries: LeaseEntries): AllocationResult[] {
  return ledgersByLease(leaseIds, entries).map((l) => allocate(l.charges, l.credits));
}

/** Oldest due date first, then period and id: the order allocation settles charges in. */
const compareKeys = (a: LedgerCharge, b: LedgerCharge): number =>
  a.dueDate !== b.dueDate
    ? a.dueDate < b.dueDate
      ? -1
      : 1
    : a.period !== b.period
      ? a.period < b.period
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/**
 * Each lease's unpaid charges as the domain's charge statuses (oldest due date first), in
 * the order of `leaseIds`, from the stored allocation: what `daysLate`, `aging` and
 * `oldestUnpaid` read of an allocation result, and all they read (settled charges and the
 * allocation rows themselves are left out).
 */
export function unpaidLedgers(leaseIds: readonly string[], unpaid: UnpaidCharge[]): AllocationResult[] {
  const byLease = groupByLease(unpaid);
  return leaseIds.map((leaseId) => {
    const charges: ChargeStatus[] = (byLease.get(leaseId) ?? [])
      .map((c) => {
        const outstandingRentCents = c.rentCents - c.paidRentCents;
        const outstandingChargesCents = c.chargesCents - c.paidChargesCents;
        const outstandingFeeCents = c.feeCents - c.paidFeeCents;
        return {
          charge: toLedgerCharge(c),
          paidRentCents: c.paidRentCents,
          paidChargesCents: c.paidChargesCents,
          paidFeeCents: c.paidFeeCents,
          outstandingRentCents,
          outstandingChargesCents,
          outstandingFeeCents,
          outstandingCents: outstandingRentCents + outstandingChargesCents + outstandingFeeCents,
        };
      })
      .sort((a, b) => compareKeys(a.charge, b.charge));
    return { allocations: [], charges, unallocatedCents: 0 };
  });
}

/** The allocation, balance and overdue money of each lease, from its entries, as of a date. */
export function recomputeLedgers(leaseIds: readonly string[], entries: LeaseEntries, asOf: IsoDate): RecomputedLedgers {
  const isPayment = new Set(entries.payments.map((p) => p.id));
  const out: RecomputedLedgers = { allocations: [], ledgers: [], balances: { lease: [], cents: [], oldestUnpaid: [] }, overdue: [] };
  for (const { leaseId, charges, credits } of ledgersByLease(leaseIds, entries)) {
    const result = allocate(charges, credits);
    out.ledgers.push({ leaseId, result, credits: credits.map((c) => ({ ...c, kind: isPayment.has(c.id) ? 'PAYMENT' : 'CREDIT_NOTE' })) });
    for (const a of result.allocations) {
      const payment = isPayment.has(a.creditId);
      out.allocations.push({
        leaseId,
        chargeId: a.chargeId,
        paymentId: payment ? a.creditId : null,
        creditNoteId: payment ? null : a.creditId,
        rentCents: a.rentCents,
        chargesCents: a.chargesCents,
        feeCents: a.feeCents,
      });
    }
    out.balances.lease.push(leaseId);
    out.balances.cents.push(balance(charges, credits));
    // The charges are in due-date order: the first still owed is the oldest, overdue or not
    // yet due (then the lease is 0 days late until that date comes).
    out.balances.oldestUnpaid.push(result.charges.find((s) => s.outstandingCents > 0)?.charge.dueDate ?? null);
    const overdueCents = result.charges.filter((s) => s.charge.dueDate < asOf).reduce((sum, s) => sum + s.outstandingCents, 0);
    out.overdue.push({ leaseId, amountCents: overdueCents, oldestUnpaidDueDate: oldestUnpaid(result, asOf)?.charge.dueDate ?? null });
  }
  return out;
}

/**
 * One lease's ledger, allocated, for code that holds only a database handle (letters,
 * previews): no lock, no write. Services use `LedgerService.ledgerOf`.
 *
 * @deprecated Inject LedgerService and call `ledgerOf` (`ledgerFiguresOf` for many leases).
 */
export async function loadLeaseLedger(db: LedgerDb, workspaceId: string, leaseId: string): Promise<AllocationResult> {
  // Sequential: the caller may pass a transaction's manager, whose one connection cannot run two queries at once.
  const charges = await chargesOfLeases(db, workspaceId, [leaseId]);
  const payments = await paymentsOfLeases(db, workspaceId, [leaseId]);
  const creditNotes = await creditNotesOfLeases(db, workspaceId, [leaseId]);
  return allocateLeases([leaseId], { charges, payments, creditNotes })[0];
}
