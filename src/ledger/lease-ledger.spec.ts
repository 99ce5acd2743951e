import { addDays, daysBetween } from '../domain/calendar-date';
import { aging, allocate, daysLate, LedgerCharge, LedgerCredit } from '../domain/ledger';
import type { UnpaidCharge } from './charge.repository';
import { recomputeLedgers, unpaidLedgers } from './lease-ledger';

/** A small deterministic generator: the same ledgers on every run. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x;
  }
}

const AS_OF = '2026-03-15';

/** A lease's random ledger: rent calls, fees, payments and credit notes around AS_OF. */
function ledgerOf(leaseId: string, seed: number): { charges: LedgerCharge[]; credits: LedgerCredit[] } {
  const next = numbers(seed);
  const pick = (n: number) => next.next().value % n;
  const charges: LedgerCharge[] = Array.from({ length: 1 + pick(14) }, (_, i) => {
    const fee = pick(6) === 0;
    return {
      id: `${leaseId}-c${i}`,
      period: `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
      dueDate: addDays(AS_OF, 20 - pick(200)),
      rentCents: fee ? 0 : 50_000 + pick(50_000),
      chargesCents: fee ? 0 : pick(10_000),
      feeCents: fee ? 1_000 + pick(5_000) : 0,
    };
  });
  const credits: LedgerCredit[] = Array.from({ length: pick(14) }, (_, i) => ({
    id: `${leaseId}-p${i}`,
    date: addDays(AS_OF, -pick(200)),
    amountCents: 1 + pick(120_000),
  }));
  return { charges, credits };
}

describe('a lease page reads its days late and aging from the stored allocation', () => {
  it('gives what allocating the entries again gives, for any ledger', () => {
    const leaseIds = Array.from({ length: 300 }, (_, i) => `lease-${String(i).padStart(3, '0')}`);
    const ledgers = new Map(leaseIds.map((id, i) => [id, ledgerOf(id, i + 1)]));
    const charges = leaseIds.flatMap((leaseId) =>
      ledgers.get(leaseId)!.charges.map((c) => ({ ...c, leaseId, kind: 'RENT_CALL' as const, feeCents: c.feeCents ?? 0 })),
    );
    const payments = leaseIds.flatMap((leaseId) => ledgers.get(leaseId)!.credits.map((c) => ({ ...c, leaseId })));
    // What the ledger stores (the recomputation every write runs), then what the page reads of it.
    const stored = recomputeLedgers(leaseIds, { charges, payments, creditNotes: [] }, AS_OF);
    const paid = new Map<string, { rent: number; charges: number; fee: number }>();
    for (const a of stored.allocations) {
      const sum = paid.get(a.chargeId) ?? { rent: 0, charges: 0, fee: 0 };
      paid.set(a.chargeId, { rent: sum.rent + a.rentCents, charges: sum.charges + a.chargesCents, fee: sum.fee + a.feeCents });
    }
    const unpaid: UnpaidCharge[] = charges
      .map((c) => {
        const p = paid.get(c.id) ?? { rent: 0, charges: 0, fee: 0 };
        return { ...c, paidRentCents: p.rent, paidChargesCents: p.charges, paidFeeCents: p.fee };
      })
      .filter((c) => c.rentCents + c.chargesCents + c.feeCents > c.paidRentCents + c.paidChargesCents + c.paidFeeCents);

    const fromStored = unpaidLedgers(leaseIds, unpaid);
    leaseIds.forEach((leaseId, i) => {
      const { charges: own, credits } = ledgers.get(leaseId)!;
      const full = allocate(own, credits);
      expect({ leaseId, daysLate: daysLate(fromStored[i], AS_OF), aging: aging(fromStored[i], AS_OF) }).toEqual({
        leaseId,
        daysLate: daysLate(full, AS_OF),
        aging: aging(full, AS_OF),
      });
      // The lease row's oldest unpaid due date (what lists sort by) says the same days late.
      const oldest = stored.balances.oldestUnpaid[i];
      expect(stored.balances.lease[i]).toBe(leaseId);
      expect(oldest === null ? 0 : Math.max(daysBetween(oldest, AS_OF), 0)).toBe(daysLate(full, AS_OF));
    });
    // Some of these ledgers are late, some not: the comparison covers both.
    expect(leaseIds.filter((_, i) => daysLate(fromStored[i], AS_OF) > 0).length).toBeGreaterThan(50);
    expect(leaseIds.filter((_, i) => daysLate(fromStored[i], AS_OF) === 0).length).toBeGreaterThan(10);
  });

  it('shows nothing owed for a lease it has no row of', () => {
    const [ledger] = unpaidLedgers(['unknown'], []);
    expect(daysLate(ledger, AS_OF)).toBe(0);
    expect(aging(ledger, AS_OF)).toEqual({ DAYS_0_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_90_PLUS: 0 });
  });
});
