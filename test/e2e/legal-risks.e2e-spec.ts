import { todayIn } from '../../src/common/clock';
import { addDays, addMonths, daysBetween } from '../../src/domain/calendar-date';
import { LEGAL_RULES, prescribesOn } from '../../src/domain/legal-rules';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';

const RISKS = `query($w: Int, $f: Int) { legalRisks(windowDays: $w, first: $f) {
  asOf windowDays windowEndsOn debtsReviewed debtsAtRisk prescribedCents prescribingCents gliClaimsAtRisk winterTruceActive totalItems
  rules { rule overdue dueSoon debts amountCents }
  items { debtId leaseReference rule key title source dueOn daysLeft amountCents } } }`;

interface RiskView {
  asOf: string;
  windowDays: number;
  windowEndsOn: string;
  debtsReviewed: number;
  debtsAtRisk: number;
  prescribedCents: number;
  prescribingCents: number;
  gliClaimsAtRisk: number;
  winterTruceActive: boolean;
  totalItems: number;
  rules: Array<{ rule: string; overdue: number; dueSoon: number; debts: number; amountCents: number }>;
  items: Array<{ debtId: string; leaseReference: string; rule: string; key: string; dueOn: string; daysLeft: number; amountCents: number }>;
}

/**
 * The KPIs' legal risk view (`legalRisks`) over GraphQL, on the real Postgres and Temporal:
 * debts opened by arrears detection on rents due about three years ago, each placed from
 * Relance's today so that one has prescribed, one prescribes within the default window,
 * one only within a wider one, and one is recent; a landlord's key reads its own debts only.
 * Every date is computed from today with the rule's own function.
 */
describe('legal risk view', () => {
  let relance: TestRelance;
  const today = todayIn();
  // The day a rent must have fallen due for its last day to act (the eve of its prescription) to be `days` from today.
  const dueFor = (days: number) => addMonths(addDays(today, days), -36);
  const lastDay = (dueDate: string) => addDays(prescribesOn(dueDate), -1);
  const dues = { prescribed: dueFor(-10), soon: dueFor(20), later: dueFor(100), other: dueFor(30), recent: addDays(today, -8) };
  const natural = (name: string) => ({ kind: 'NATURAL_PERSON', firstName: 'Marie', lastName: name });
  let ownKey: string;
  const debtOf: Record<string, string> = {};

  const risks = async (variables: Record<string, unknown> = {}, key?: string) =>
    (await relance.ok<{ legalRisks: RiskView }>(RISKS, variables, key)).legalRisks;
  const prescription = (view: RiskView) => view.rules.find((r) => r.rule === 'PRESCRIPTION')!;

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    const leases: Record<string, string> = {};
    let otherLandlord = '';
    for (const [name, dueDate] of Object.entries(dues)) {
      const { leaseId, landlordId } = await createLeaseInArrears(relance, {
        reference: `RISK-${name}`,
        period: dueDate.slice(0, 7),
        dueDate,
        rentCents: name === 'prescribed' ? 70_000 : 90_000,
        landlord: natural(name === 'other' ? 'Autre' : 'Dupont'),
      });
      leases[leaseId] = name;
      if (name === 'other') otherLandlord = landlordId;
    }
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    for (const debt of runArrearsDetection) if (leases[debt.leaseId]) debtOf[leases[debt.leaseId]] = debt.id;
    expect(Object.keys(debtOf).sort()).toEqual(Object.keys(dues).sort());
    ownKey = (await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'risk-other', 'LANDLORD', otherLandlord))
      .key;
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('lists the sums prescribed and prescribing within the window, soonest first, counted by rule', async () => {
    const view = await risks();
    expect(view).toMatchObject({ asOf: today, windowDays: 45, windowEndsOn: addDays(today, 45), debtsReviewed: 5, gliClaimsAtRisk: 0 });
    expect(view.rules.map((r) => r.rule)).toEqual([...LEGAL_RULES]);
    expect(view.items.map((i) => [i.debtId, i.rule, i.dueOn, i.daysLeft, i.amountCents])).toEqual([
      [debtOf.prescribed, 'PRESCRIPTION', lastDay(dues.prescribed), daysBetween(today, lastDay(dues.prescribed)), 70_000],
      [debtOf.soon, 'PRESCRIPTION', lastDay(dues.soon), daysBetween(today, lastDay(dues.soon)), 90_000],
      [debtOf.other, 'PRESCRIPTION', lastDay(dues.other), daysBetween(today, lastDay(dues.other)), 90_000],
    ]);
    // Month ends only ever bring the day forward: the boundaries hold on every date.
    expect(view.items[0].daysLeft).toBeLessThan(0);
    expect(view.items[1].daysLeft).toBeGreaterThanOrEqual(0);
    expect(view.items[1].daysLeft).toBeLessThanOrEqual(20);
    expect(view.items[0].leaseReference).toBe('RISK-prescribed');
    expect(prescription(view)).toEqual({ rule: 'PRESCRIPTION', overdue: 1, dueSoon: 2, debts: 3, amountCents: 250_000 });
    expect(view.debtsAtRisk).toBe(3);
    expect(view.prescribedCents).toBe(70_000);
    // Within the six-month warning, in the window or not.
    expect(view.prescribingCents).toBe(3 * 90_000);
    expect(view.totalItems).toBe(3);
  });

  it('agrees with each debt’s own legal calendar', async () => {
    const { debts } = await relance.ok<{
      debts: { edges: Array<{ node: { legalCalendar: { deadlines: Array<{ key: string; dueOn: string }> } } }> };
    }>('query($id: String!) { debts(filter: { id: { eq: $id } }) { edges { node { legalCalendar { deadlines { key dueOn } } } } } }', {
      id: debtOf.soon,
    });
    const item = (await risks()).items.find((i) => i.debtId === debtOf.soon)!;
    expect(debts.edges[0].node.legalCalendar.deadlines).toContainEqual({ key: item.key, dueOn: item.dueOn });
  });

  it('widens and cuts the list on demand, keeping the counts', async () => {
    const wide = await risks({ w: 120 });
    expect(wide.items.map((i) => i.debtId)).toEqual([debtOf.prescribed, debtOf.soon, debtOf.other, debtOf.later]);
    expect(prescription(wide).dueSoon).toBe(3);
    const cut = await risks({ f: 1 });
    expect(cut.items.map((i) => i.debtId)).toEqual([debtOf.prescribed]);
    expect(cut.totalItems).toBe(3);
    expect(prescription(cut)).toMatchObject({ overdue: 1, dueSoon: 2 });
  });

  it('shows a landlord its own debts only', async () => {
    const own = await risks({}, ownKey);
    expect(own.debtsReviewed).toBe(1);
    expect(own.items.map((i) => i.debtId)).toEqual([debtOf.other]);
    expect(own.prescribedCents).toBe(0);
  });

  it('refuses a window or a length out of bounds, naming the argument', async () => {
    for (const [variables, field] of [
      [{ w: -1 }, 'windowDays'],
      [{ w: 367 }, 'windowDays'],
      [{ f: -1 }, 'first'],
      [{ f: 501 }, 'first'],
    ] as const) {
      const response = await relance.graphql(RISKS, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
