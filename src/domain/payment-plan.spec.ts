import { STANDARD_SCENARIO } from './default-scenarios';
import { DebtProgress, planNextAction } from './dunning-plan';
import {
  checkPaymentPlan,
  installmentCheckTime,
  MAX_INSTALLMENTS,
  monthlyInstallments,
  PaymentPlan,
  validatePaymentPlan,
} from './payment-plan';
import { sumCents } from './money';

describe('payment plans', () => {
  const owed = { balanceCents: 90_000, today: '2026-03-02' };
  const plan: PaymentPlan = {
    acceptedAt: '2026-03-02T10:00:00Z',
    installments: [
      { dueDate: '2026-03-10', amountCents: 30_000 },
      { dueDate: '2026-04-10', amountCents: 30_000 },
      { dueDate: '2026-05-10', amountCents: 30_000 },
    ],
  };

  it('accepts installments that add up to the balance, in order, starting soon', () => {
    expect(validatePaymentPlan(plan.installments, owed)).toEqual([]);
  });

  it('names the field of every problem', () => {
    expect(validatePaymentPlan([], owed)).toEqual([{ field: 'installments', message: 'a plan needs at least one installment' }]);
    const fields = (installments: PaymentPlan['installments']) => validatePaymentPlan(installments, owed).map((p) => p.field);
    expect(
      fields([
        { dueDate: '2026-03-10', amountCents: 40_000 },
        { dueDate: '2026-04-10', amountCents: 40_000 },
      ]),
    ).toEqual(['installments']);
    expect(fields([{ dueDate: '2026-03-01', amountCents: 90_000 }])).toEqual(['installments[0].dueDate']);
    expect(fields([{ dueDate: '2026-04-15', amountCents: 90_000 }])).toEqual(['installments[0].dueDate']);
    expect(
      fields([
        { dueDate: '2026-03-10', amountCents: 45_000 },
        { dueDate: '2026-03-10', amountCents: 45_000 },
      ]),
    ).toEqual(['installments[1].dueDate']);
    expect(fields([{ dueDate: '2026-02-30', amountCents: 90_000 }])).toEqual(['installments[0].dueDate']);
    expect(
      fields([
        { dueDate: '2026-03-10', amountCents: 0 },
        { dueDate: '2026-03-11', amountCents: 90_000.5 },
      ]),
    ).toEqual(['installments[0].amountCents', 'installments[1].amountCents']);
    const many = Array.from({ length: MAX_INSTALLMENTS + 1 }, (_, i) => ({
      dueDate: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
      amountCents: 1,
    }));
    expect(fields(many)).toContain('installments');
  });

  it('is on track until an installment is short after its grace, kept once all is paid', () => {
    const first = installmentCheckTime(plan.installments[0]);
    expect(first.toISOString()).toBe('2026-03-15T08:00:00.000Z');
    expect(checkPaymentPlan(plan, 0, new Date('2026-03-14T12:00:00Z'))).toEqual({ kind: 'ON_TRACK', nextCheck: first });
    expect(checkPaymentPlan(plan, 29_999, first)).toEqual({ kind: 'BROKEN', index: 0, expectedCents: 30_000, paidCents: 29_999 });
    expect(checkPaymentPlan(plan, 30_000, first)).toEqual({ kind: 'ON_TRACK', nextCheck: installmentCheckTime(plan.installments[1]) });
    expect(checkPaymentPlan(plan, 60_000, new Date('2026-05-20T00:00:00Z'))).toMatchObject({ kind: 'BROKEN', index: 2 });
    expect(checkPaymentPlan(plan, 90_000, new Date('2026-05-20T00:00:00Z'))).toEqual({ kind: 'KEPT' });
  });

  it('holds the scenario while the plan runs or waits for the landlord', () => {
    const progress: DebtProgress = {
      anchor: '2026-02-01',
      balanceCents: 90_000,
      pursueFromCents: 1,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      done: [],
    };
    const now = new Date('2026-03-05T10:00:00Z');
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, paymentPlan: { plan, paidCents: 0, awaitingApproval: true } }, now)).toEqual({
      kind: 'WAIT',
      reason: 'APPROVAL',
    });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, paymentPlan: { plan, paidCents: 0 } }, now)).toMatchObject({
      kind: 'WAIT',
      reason: 'PAYMENT_PLAN',
    });
    const late = new Date('2026-03-16T10:00:00Z');
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, paymentPlan: { plan, paidCents: 0 } }, late)).toMatchObject({
      kind: 'PLAN_BROKEN',
    });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, paymentPlan: { plan, paidCents: 90_000 } }, late)).toEqual({
      kind: 'PLAN_KEPT',
    });
    // Paid in full beats everything.
    expect(
      planNextAction(STANDARD_SCENARIO, { ...progress, balanceCents: 0, paymentPlan: { plan, paidCents: 90_000 } }, late),
    ).toMatchObject({
      kind: 'CLOSE',
    });
  });
});

describe('monthlyInstallments', () => {
  it('splits the total in equal monthly parts, the leftover cents on the last, the day kept or the month-end', () => {
    expect(monthlyInstallments(100_001, 3, '2027-01-31')).toEqual([
      { dueDate: '2027-01-31', amountCents: 33_333 },
      { dueDate: '2027-02-28', amountCents: 33_333 },
      { dueDate: '2027-03-31', amountCents: 33_335 },
    ]);
    expect(monthlyInstallments(2_000, 2, '2027-12-15').map((i) => i.dueDate)).toEqual(['2027-12-15', '2028-01-15']);
    expect(() => monthlyInstallments(2_000, 0, '2027-12-15')).toThrow(RangeError);
  });

  it('always adds up to the total', () => {
    for (const total of [1, 99, 12_345, 1_000_000])
      for (const count of [1, 2, 7, 36])
        expect(sumCents(monthlyInstallments(total, count, '2027-05-10').map((i) => i.amountCents))).toBe(total);
  });
});
