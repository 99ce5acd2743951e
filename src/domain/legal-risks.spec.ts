import { addDays } from './calendar-date';
import { LegalFacts, legalCalendar, LEGAL_RULES } from './legal-rules';
import { DebtRiskInput, legalRiskView } from './legal-risks';

/** A private landlord's residential lease without guarantor, GLI or benefit: its only deadlines are prescription's, one per unpaid charge. */
function facts(unpaid: LegalFacts['unpaid'], extra: Partial<LegalFacts> = {}): LegalFacts {
  return {
    anchor: unpaid[0].dueDate,
    openedOn: addDays(unpaid[0].dueDate, 1),
    tenants: ['Jean Martin'],
    guarantors: [],
    unpaid,
    milestones: {},
    lease: {
      reference: 'BAIL-1',
      kind: 'RESIDENTIAL_UNFURNISHED',
      signedOn: '2022-03-01',
      monthlyRentCents: 60_000,
      monthlyChargesCents: 5_000,
      housingBenefitToLandlord: false,
      housingBenefitCents: null,
      gli: null,
    },
    landlord: { name: 'Marie Dupont', kind: 'NATURAL_PERSON', familySci: false, professionalCreditor: null },
    ...extra,
  };
}

const input = (debtId: string, f: LegalFacts, asOf: string): DebtRiskInput => ({
  debtId,
  leaseReference: f.lease.reference,
  owedCents: f.unpaid.reduce((sum, l) => sum + l.outstandingCents, 0),
  calendar: legalCalendar(f, asOf, null),
});

describe('legalRiskView', () => {
  // Rent due 5 June 2023 prescribes on 6 June 2026 (loi 89-462 art. 7-1): the last day to act is 5 June 2026.
  const june2023 = { period: '2023-06', dueDate: '2023-06-05', outstandingCents: 65_000 };
  const july2023 = { period: '2023-07', dueDate: '2023-07-05', outstandingCents: 40_000 };

  it('lists a sum whose last day to act falls on the window’s last day, and not one a day later', () => {
    const asOf = addDays('2026-06-05', -45);
    const onEdge = legalRiskView([input('d1', facts([june2023]), asOf)], asOf, 45, 50);
    expect(onEdge.windowEndsOn).toBe('2026-06-05');
    expect(onEdge.items).toEqual([
      expect.objectContaining({ debtId: 'd1', rule: 'PRESCRIPTION', dueOn: '2026-06-05', daysLeft: 45, amountCents: 65_000 }),
    ]);
    expect(onEdge.debtsAtRisk).toBe(1);

    const dayBefore = legalRiskView([input('d1', facts([june2023]), asOf)], asOf, 44, 50);
    expect(dayBefore.items).toEqual([]);
    expect(dayBefore.debtsAtRisk).toBe(0);
    // Still within the six-month warning: counted as prescribing, whatever the window.
    expect(dayBefore.prescribingCents).toBe(65_000);
  });

  it('counts by rule, overdue apart from due soon, every rule present, and sums what prescribed and what prescribes', () => {
    const asOf = '2026-06-20'; // June 2023's sum prescribed on 6 June; July's prescribes on 6 July.
    const view = legalRiskView(
      [input('d1', facts([june2023, july2023]), asOf), input('d2', facts([{ ...july2023, outstandingCents: 10_000 }]), asOf)],
      asOf,
      30,
      50,
    );
    expect(view.rules.map((r) => r.rule)).toEqual([...LEGAL_RULES]);
    expect(view.rules.find((r) => r.rule === 'PRESCRIPTION')).toEqual({
      rule: 'PRESCRIPTION',
      overdue: 1,
      dueSoon: 2,
      debts: 2,
      amountCents: 65_000 + 40_000 + 10_000,
    });
    for (const r of view.rules.filter((r) => r.rule !== 'PRESCRIPTION'))
      expect(r).toMatchObject({ overdue: 0, dueSoon: 0, debts: 0, amountCents: 0 });
    expect(view.prescribedCents).toBe(65_000);
    expect(view.prescribingCents).toBe(50_000);
    expect(view.items.map((i) => [i.debtId, i.dueOn, i.daysLeft])).toEqual([
      ['d1', '2026-06-05', -15],
      ['d1', '2026-07-05', 15],
      ['d2', '2026-07-05', 15],
    ]);
    expect(view).toMatchObject({ debtsReviewed: 2, debtsAtRisk: 2, totalItems: 3 });
  });

  it('counts a debt’s balance once per rule for the other deadlines, and keeps the total when the list is cut', () => {
    const asOf = '2026-06-20';
    // A commandement served on 1 June: the guarantor's copy is due within 15 days, overdue by now.
    const served = facts([july2023], {
      guarantors: [{ name: 'Paul Martin', kind: 'NATURAL_PERSON' }],
      milestones: { COMMANDEMENT_SERVED: '2026-06-01' },
    });
    const view = legalRiskView([input('d1', served, asOf)], asOf, 30, 1);
    const guarantor = view.rules.find((r) => r.rule === 'GUARANTOR_COMMANDEMENT')!;
    expect(guarantor).toMatchObject({ overdue: 1, debts: 1, amountCents: 40_000 });
    expect(view.items).toHaveLength(1);
    expect(view.totalItems).toBeGreaterThan(1);
    expect(view.items[0].dueOn <= view.windowEndsOn).toBe(true);
  });

  it('says whether the winter truce is in force on its first and last days, with or without debts', () => {
    expect(legalRiskView([], '2026-11-01', 30, 10).winterTruceActive).toBe(true);
    expect(legalRiskView([], '2027-03-31', 30, 10).winterTruceActive).toBe(true);
    expect(legalRiskView([], '2026-10-31', 30, 10).winterTruceActive).toBe(false);
    expect(legalRiskView([], '2027-04-01', 30, 10)).toMatchObject({ winterTruceActive: false, debtsReviewed: 0, items: [], totalItems: 0 });
  });

  it('counts GLI claims the scenario can no longer file in time', () => {
    const asOf = '2026-06-20';
    const gli = { insurer: 'Assur-Loyer', claimDeadlineDays: 30, documentsRequired: [], claimRegardless: false };
    // Opened 40 days after the first unpaid rent: a 30-day claim can no longer be filed in time.
    const late = facts([{ period: '2026-05', dueDate: '2026-05-05', outstandingCents: 65_000 }], { openedOn: '2026-06-14' });
    late.lease.gli = gli;
    const onTime = facts([{ period: '2026-06', dueDate: '2026-06-05', outstandingCents: 65_000 }]);
    onTime.lease.gli = gli;
    const view = legalRiskView([input('late', late, asOf), input('ontime', onTime, asOf)], asOf, 30, 50);
    expect(view.gliClaimsAtRisk).toBe(1);
  });
});
