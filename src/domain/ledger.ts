import { compareDates, daysBetween, IsoDate } from './calendar-date';
import { Cents, sumCents } from './money';

/**
 * A lease's ledger and the arithmetic on it: balance, allocation (lettrage) of payments
 * to charges, what is still owed per period, days late, aging and receipt type. Pure
 * functions over plain data: the services, the workflow and the simulator all call these.
 */

/**
 * A rent call for one period, split between rent and service charges, or another debit:
 * a late-payment fee (a FEE charge) carries its amount in `feeCents`, never as rent.
 */
export interface LedgerCharge {
  id: string;
  /** Period billed, "YYYY-MM". */
  period: string;
  dueDate: IsoDate;
  rentCents: Cents;
  chargesCents: Cents;
  /** A late-payment fee's amount; 0 (or absent) on rent calls. */
  feeCents?: Cents;
}

/**
 * Money that settles charges: a tenant's payment, or a credit note / adjustment in the
 * tenant's favour. Both are allocated the same way.
 */
export interface LedgerCredit {
  id: string;
  date: IsoDate;
  amountCents: Cents;
}

/** Part of one credit applied to one charge, keeping the rent / charges / fee split. */
export interface Allocation {
  chargeId: string;
  creditId: string;
  rentCents: Cents;
  chargesCents: Cents;
  feeCents: Cents;
}

/** What remains of a charge once credits are allocated. */
export interface ChargeStatus {
  charge: LedgerCharge;
  paidRentCents: Cents;
  paidChargesCents: Cents;
  paidFeeCents: Cents;
  outstandingRentCents: Cents;
  outstandingChargesCents: Cents;
  outstandingFeeCents: Cents;
  outstandingCents: Cents;
}

export interface AllocationResult {
  allocations: Allocation[];
  /** Charges oldest first with what is paid and still owed on each. */
  charges: ChargeStatus[];
  /** Money received but matched to no charge (an advance, or an overpayment). */
  unallocatedCents: Cents;
}

const byDueDate = (a: LedgerCharge, b: LedgerCharge) =>
  compareDates(a.dueDate, b.dueDate) ||
  (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const byDate = (a: LedgerCredit, b: LedgerCredit) => compareDates(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `amount × part ÷ whole`, rounded down, exact for every amount the ledger accepts; 0 of nothing. */
function proportion(amount: Cents, part: Cents, whole: Cents): Cents {
  return whole === 0 ? 0 : Number((BigInt(amount) * BigInt(part)) / BigInt(whole));
}

/** A charge's total: rent, service charges and fee. */
export function chargeTotal(charge: LedgerCharge): Cents {
  return charge.rentCents + charge.chargesCents + (charge.feeCents ?? 0);
}

/**
 * Allocates credits (in date order) to charges (oldest due date first). A credit that
 * covers only part of a charge is split between rent, charges and fee in the proportion
 * still owed on it (rent first, then the fee out of the rest, both rounded down, the
 * remainder to charges), so the outstanding split stays faithful; the credit that settles
 * a charge takes exactly what is left of each part.
 *
 * @example
 * allocate([{ id: 'c1', period: '2026-01', dueDate: '2026-01-05', rentCents: 80000, chargesCents: 10000 }],
 *          [{ id: 'p1', date: '2026-01-10', amountCents: 45000 }]).charges[0].outstandingCents // 45000
 */
export function allocate(charges: LedgerCharge[], credits: LedgerCredit[]): AllocationResult {
  const statuses: ChargeStatus[] = [...charges].sort(byDueDate).map((charge) => ({
    charge,
    paidRentCents: 0,
    paidChargesCents: 0,
    paidFeeCents: 0,
    outstandingRentCents: charge.rentCents,
    outstandingChargesCents: charge.chargesCents,
    outstandingFeeCents: charge.feeCents ?? 0,
    outstandingCents: chargeTotal(charge),
  }));
  const allocations: Allocation[] = [];
  let unallocatedCents = 0;
  let next = 0; // index of the oldest charge with something still owed
  for (const credit of [...credits].sort(byDate)) {
    let available = credit.amountCents;
    while (available > 0 && next < statuses.length) {
      const status = statuses[next];
      if (status.outstandingCents === 0) {
        next += 1;
        continue;
      }
      const applied = Math.min(available, status.outstandingCents);
      const settles = applied === status.outstandingCents;
      const rent = settles ? status.outstandingRentCents : proportion(applied, status.outstandingRentCents, status.outstandingCents);
      // What rent leaves of the credit never exceeds what is owed besides rent (rounding down favours rent's share).
      const fee = settles
        ? status.outstandingFeeCents
        : proportion(applied - rent, status.outstandingFeeCents, status.outstandingCents - status.outstandingRentCents);
      const chargesPart = applied - rent - fee;
      status.paidRentCents += rent;
      status.paidChargesCents += chargesPart;
      status.paidFeeCents += fee;
      status.outstandingRentCents -= rent;
      status.outstandingChargesCents -= chargesPart;
      status.outstandingFeeCents -= fee;
      status.outstandingCents -= applied;
      allocations.push({ chargeId: status.charge.id, creditId: credit.id, rentCents: rent, chargesCents: chargesPart, feeCents: fee });
      available -= applied;
    }
    unallocatedCents += available;
  }
  return { allocations, charges: statuses, unallocatedCents };
}

/** Charges (rent, service charges and fees) minus credits: positive is owed by the tenant, negative is in the tenant's favour. */
export function balance(charges: LedgerCharge[], credits: LedgerCredit[]): Cents {
  return sumCents(charges.map(chargeTotal)) - sumCents(credits.map((c) => c.amountCents));
}

/** Days since the oldest charge still owed fell due; 0 when nothing overdue remains. */
export function daysLate(result: AllocationResult, asOf: IsoDate): number {
  const oldest = oldestUnpaid(result, asOf);
  return oldest ? daysBetween(oldest.charge.dueDate, asOf) : 0;
}

/** The oldest charge past its due date with something still owed, if any. */
export function oldestUnpaid(result: AllocationResult, asOf: IsoDate): ChargeStatus | undefined {
  return result.charges.find((s) => s.outstandingCents > 0 && compareDates(s.charge.dueDate, asOf) < 0);
}

export type AgingBucket = 'DAYS_0_30' | 'DAYS_31_60' | 'DAYS_61_90' | 'DAYS_90_PLUS';

export type Aging = Record<AgingBucket, Cents>;

/** The bucket of an amount `days` days past due (a charge due today is 0 days late). */
export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return 'DAYS_0_30';
  if (days <= 60) return 'DAYS_31_60';
  if (days <= 90) return 'DAYS_61_90';
  return 'DAYS_90_PLUS';
}

/**
 * What is overdue (due before `asOf`), by age. Charges not yet overdue are not aged; money not matched to any
 * charge is left out too (it shows in the balance).
 */
export function aging(result: AllocationResult, asOf: IsoDate): Aging {
  const buckets: Aging = { DAYS_0_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_90_PLUS: 0 };
  for (const status of result.charges) {
    // Most charges are paid: skip them before any date arithmetic (a page of leases ages thousands).
    if (status.outstandingCents <= 0) continue;
    const days = daysBetween(status.charge.dueDate, asOf);
    if (days > 0) buckets[agingBucket(days)] += status.outstandingCents;
  }
  return buckets;
}

/**
 * The document a period's payments earn (loi 89-462 art. 21): a quittance once the period
 * is paid in full, a receipt (reçu) for a partial payment, nothing when nothing is paid.
 */
export type ReceiptType = 'QUITTANCE' | 'RECU' | 'NONE';

export function receiptType(status: ChargeStatus): ReceiptType {
  if (status.outstandingCents === 0) return 'QUITTANCE';
  return status.paidRentCents + status.paidChargesCents + status.paidFeeCents > 0 ? 'RECU' : 'NONE';
}
