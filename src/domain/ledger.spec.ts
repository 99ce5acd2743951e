import fc from 'fast-check';
import { addDays } from './calendar-date';
import { aging, allocate, balance, chargeTotal, daysLate, LedgerCharge, LedgerCredit, receiptType } from './ledger';
import { MAX_ENTRY_CENTS } from './money';

const amount = fc.integer({ min: 1, max: MAX_ENTRY_CENTS });
const smallAmount = fc.integer({ min: 0, max: 300_000 });
const day = fc.integer({ min: 0, max: 800 }).map((offset) => addDays('2025-01-01', offset));

// Rent calls (rent and charges), and now and then a late-payment fee (its own part only).
const rentCall = fc.record({ rentCents: smallAmount, chargesCents: smallAmount, feeCents: fc.constant(0) });
const fee = fc.record({ rentCents: fc.constant(0), chargesCents: fc.constant(0), feeCents: smallAmount });
const mixed = fc.record({ rentCents: smallAmount, chargesCents: smallAmount, feeCents: smallAmount });
const charge = fc
  .record({
    parts: fc.oneof({ arbitrary: rentCall, weight: 4 }, { arbitrary: fee, weight: 1 }, { arbitrary: mixed, weight: 1 }),
    dueDate: day,
  })
  .map(({ dueDate, parts }) => ({ ...parts, dueDate, period: dueDate.slice(0, 7) }));
const ledger = fc.record({
  charges: fc.array(charge, { maxLength: 30 }).map((cs) => cs.map((c, i): LedgerCharge => ({ id: `c${i}`, ...c }))),
  credits: fc
    .array(
      fc.record({
        amountCents: fc.oneof(
          smallAmount.filter((n) => n > 0),
          amount,
        ),
        date: day,
      }),
      { maxLength: 30 },
    )
    .map((ps) => ps.map((p, i): LedgerCredit => ({ id: `p${i}`, ...p }))),
});

const total = (c: LedgerCharge) => c.rentCents + c.chargesCents + (c.feeCents ?? 0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('ledger (property-based over random ledgers)', () => {
  it('balance = rent + charges + fees − credits', () => {
    fc.assert(
      fc.property(ledger, ({ charges, credits }) => {
        expect(balance(charges, credits)).toBe(sum(charges.map(total)) - sum(credits.map((c) => c.amountCents)));
      }),
    );
  });

  it('no allocation exceeds its charge, per part, and none exceeds its credit', () => {
    fc.assert(
      fc.property(ledger, ({ charges, credits }) => {
        const { allocations } = allocate(charges, credits);
        for (const c of charges) {
          const mine = allocations.filter((a) => a.chargeId === c.id);
          expect(sum(mine.map((a) => a.rentCents))).toBeLessThanOrEqual(c.rentCents);
          expect(sum(mine.map((a) => a.chargesCents))).toBeLessThanOrEqual(c.chargesCents);
          expect(sum(mine.map((a) => a.feeCents))).toBeLessThanOrEqual(c.feeCents ?? 0);
        }
        for (const p of credits) {
          const mine = allocations.filter((a) => a.creditId === p.id);
          expect(sum(mine.map((a) => a.rentCents + a.chargesCents + a.feeCents))).toBeLessThanOrEqual(p.amountCents);
        }
        for (const a of allocations) {
          expect(a.rentCents).toBeGreaterThanOrEqual(0);
          expect(a.chargesCents).toBeGreaterThanOrEqual(0);
          expect(a.feeCents).toBeGreaterThanOrEqual(0);
          expect(a.rentCents + a.chargesCents + a.feeCents).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('conserves totals: allocated + unallocated = credits, allocated + outstanding = charges', () => {
    fc.assert(
      fc.property(ledger, ({ charges, credits }) => {
        const result = allocate(charges, credits);
        const allocated = sum(result.allocations.map((a) => a.rentCents + a.chargesCents + a.feeCents));
        const outstanding = sum(result.charges.map((s) => s.outstandingCents));
        expect(allocated + result.unallocatedCents).toBe(sum(credits.map((c) => c.amountCents)));
        expect(allocated + outstanding).toBe(sum(charges.map(total)));
        expect(outstanding - result.unallocatedCents).toBe(balance(charges, credits));
        for (const s of result.charges) {
          expect(s.outstandingRentCents + s.outstandingChargesCents + s.outstandingFeeCents).toBe(s.outstandingCents);
          expect(s.paidRentCents + s.outstandingRentCents).toBe(s.charge.rentCents);
          expect(s.paidChargesCents + s.outstandingChargesCents).toBe(s.charge.chargesCents);
          expect(s.paidFeeCents + s.outstandingFeeCents).toBe(s.charge.feeCents ?? 0);
          expect(chargeTotal(s.charge)).toBe(total(s.charge));
        }
      }),
    );
  });

  it('settles oldest first: while a charge is owed, no later-due charge received anything', () => {
    fc.assert(
      fc.property(ledger, ({ charges, credits }) => {
        const result = allocate(charges, credits);
        const firstOwed = result.charges.findIndex((s) => s.outstandingCents > 0);
        if (firstOwed < 0) return;
        for (const later of result.charges.slice(firstOwed + 1)) {
          expect(later.paidRentCents + later.paidChargesCents + later.paidFeeCents).toBe(0);
        }
        // and money is left unallocated only when nothing is owed
        expect(result.unallocatedCents).toBe(0);
      }),
    );
  });

  it('keeps the rent / charges proportion on a partial payment', () => {
    const result = allocate(
      [{ id: 'c', period: '2026-01', dueDate: '2026-01-05', rentCents: 80_000, chargesCents: 10_000 }],
      [{ id: 'p', date: '2026-01-10', amountCents: 45_000 }],
    );
    expect(result.allocations).toEqual([{ chargeId: 'c', creditId: 'p', rentCents: 40_000, chargesCents: 5_000, feeCents: 0 }]);
    expect(receiptType(result.charges[0])).toBe('RECU');
  });

  it('keeps a fee apart from rent: a payment settles it as a fee, a partial one in proportion', () => {
    const rentCall = { id: 'jan', period: '2026-01', dueDate: '2026-01-05', rentCents: 80_000, chargesCents: 10_000 };
    const lateFee = { id: 'fee', period: '2026-01', dueDate: '2026-01-20', rentCents: 0, chargesCents: 0, feeCents: 4_000 };
    const paid = allocate([rentCall, lateFee], [{ id: 'p', date: '2026-02-01', amountCents: 92_000 }]);
    expect(paid.allocations).toEqual([
      { chargeId: 'jan', creditId: 'p', rentCents: 80_000, chargesCents: 10_000, feeCents: 0 },
      { chargeId: 'fee', creditId: 'p', rentCents: 0, chargesCents: 0, feeCents: 2_000 },
    ]);
    expect(paid.charges[1]).toMatchObject({ outstandingRentCents: 0, outstandingFeeCents: 2_000, outstandingCents: 2_000 });
    expect(balance([rentCall, lateFee], [])).toBe(94_000);
    // One charge with all three parts, paid in part: each part in the proportion still owed.
    const all = allocate([{ ...rentCall, feeCents: 10_000 }], [{ id: 'p', date: '2026-01-10', amountCents: 50_000 }]);
    expect(all.allocations).toEqual([{ chargeId: 'jan', creditId: 'p', rentCents: 40_000, chargesCents: 5_000, feeCents: 5_000 }]);
  });

  it('aging and days late count overdue money only, from the oldest unpaid due date', () => {
    fc.assert(
      fc.property(ledger, day, ({ charges, credits }, asOf) => {
        const result = allocate(charges, credits);
        const buckets = aging(result, asOf);
        const overdue = sum(result.charges.filter((s) => s.charge.dueDate < asOf).map((s) => s.outstandingCents));
        expect(sum(Object.values(buckets))).toBe(overdue);
        const late = daysLate(result, asOf);
        expect(late > 0).toBe(overdue > 0);
        if (late > 90) expect(buckets.DAYS_90_PLUS).toBeGreaterThan(0);
        if (late > 0 && late <= 30) expect(buckets.DAYS_31_60 + buckets.DAYS_61_90 + buckets.DAYS_90_PLUS).toBe(0);
      }),
    );
  });

  it('puts each day count in its bucket at the boundaries', () => {
    const owed = (dueDate: string) => allocate([{ id: 'c', period: dueDate.slice(0, 7), dueDate, rentCents: 100, chargesCents: 0 }], []);
    const asOf = '2026-06-30';
    expect(aging(owed(addDays(asOf, 0)), asOf)).toEqual({ DAYS_0_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_90_PLUS: 0 });
    expect(aging(owed(addDays(asOf, -30)), asOf).DAYS_0_30).toBe(100);
    expect(aging(owed(addDays(asOf, -31)), asOf).DAYS_31_60).toBe(100);
    expect(aging(owed(addDays(asOf, -60)), asOf).DAYS_31_60).toBe(100);
    expect(aging(owed(addDays(asOf, -61)), asOf).DAYS_61_90).toBe(100);
    expect(aging(owed(addDays(asOf, -90)), asOf).DAYS_61_90).toBe(100);
    expect(aging(owed(addDays(asOf, -91)), asOf).DAYS_90_PLUS).toBe(100);
    expect(daysLate(owed(addDays(asOf, -91)), asOf)).toBe(91);
  });

  it('gives a quittance for a period paid in full and nothing for an unpaid one', () => {
    const charges = [
      { id: 'jan', period: '2026-01', dueDate: '2026-01-05', rentCents: 700, chargesCents: 100 },
      { id: 'feb', period: '2026-02', dueDate: '2026-02-05', rentCents: 700, chargesCents: 100 },
    ];
    const result = allocate(charges, [{ id: 'p', date: '2026-01-06', amountCents: 800 }]);
    expect(result.charges.map(receiptType)).toEqual(['QUITTANCE', 'NONE']);
  });
});
