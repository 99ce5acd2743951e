import { actionLabel, assembleStatement, StatementFacts } from './statement-figures';

/** May 2026, a landlord with two leases; entries before, inside and after the month. */
function facts(overrides: Partial<StatementFacts> = {}): StatementFacts {
  return {
    month: '2026-05',
    agency: { name: 'Agence Rhône Gestion', legalName: null, postal: ['1 rue de la République', '69002 Lyon'], phone: null, email: null },
    landlord: { name: 'SCI Les Tilleuls', postal: [] },
    leases: [
      { leaseId: 'lease-a', reference: 'BAIL-A', tenants: ['Jean Martin', 'Léa Martin'] },
      { leaseId: 'lease-b', reference: 'BAIL-B', tenants: ['Paul Durand'] },
    ],
    charges: [
      { id: 'a-04', leaseId: 'lease-a', period: '2026-04', dueDate: '2026-04-05', rentCents: 80_000, chargesCents: 10_000 },
      { id: 'a-05', leaseId: 'lease-a', period: '2026-05', dueDate: '2026-05-05', rentCents: 80_000, chargesCents: 10_000 },
      // Due on the last day: not yet late at the month's end.
      { id: 'b-05', leaseId: 'lease-b', period: '2026-05', dueDate: '2026-05-31', rentCents: 50_000, chargesCents: 0 },
      // After the month: the statement does not know it.
      { id: 'a-06', leaseId: 'lease-a', period: '2026-06', dueDate: '2026-06-05', rentCents: 80_000, chargesCents: 10_000 },
    ],
    credits: [
      // Pays April's charge, past due: recovered.
      { id: 'pay-1', leaseId: 'lease-a', date: '2026-05-12', amountCents: 90_000, payment: true },
      // Paid in June: after the month, so May still shows lease A in arrears.
      { id: 'pay-2', leaseId: 'lease-a', date: '2026-06-02', amountCents: 90_000, payment: true },
      // In advance, before its due date: received, not recovered.
      { id: 'pay-3', leaseId: 'lease-b', date: '2026-05-20', amountCents: 20_000, payment: true },
    ],
    events: [
      {
        leaseId: 'lease-a',
        kind: 'MESSAGE_SENT',
        occurredAt: '2026-05-08T07:00:00.000Z',
        channel: 'SMS',
        outcome: null,
        promisedDate: null,
        stepKey: 'd3-courteous',
      },
      {
        leaseId: 'lease-a',
        kind: 'TASK_COMPLETED',
        occurredAt: '2026-05-20T12:00:00.000Z',
        channel: null,
        outcome: 'PROMISE_TO_PAY',
        promisedDate: '2026-06-10',
        stepKey: null,
      },
      // 00:30 on 1 May in Paris: in the month.
      {
        leaseId: 'lease-a',
        kind: 'DEBT_OPENED',
        occurredAt: '2026-04-30T22:30:00.000Z',
        channel: null,
        outcome: null,
        promisedDate: null,
        stepKey: null,
      },
      // 00:30 on 1 June in Paris: the next month's.
      {
        leaseId: 'lease-a',
        kind: 'MESSAGE_SENT',
        occurredAt: '2026-05-31T22:30:00.000Z',
        channel: 'EMAIL',
        outcome: null,
        promisedDate: null,
        stepKey: 'x',
      },
      // Not an action a statement shows.
      {
        leaseId: 'lease-a',
        kind: 'STEP_MOVED',
        occurredAt: '2026-05-09T07:00:00.000Z',
        channel: null,
        outcome: null,
        promisedDate: null,
        stepKey: null,
      },
    ],
    pendingDecisions: [{ debtId: 'debt-a', leaseId: 'lease-a', stepKey: 'd30-formal-notice', deadlineAt: '2026-06-08T07:00:00.000Z' }],
    ...overrides,
  };
}

describe('a landlord’s monthly statement, assembled from its facts', () => {
  it('lists the leases with money overdue on the month’s last day, with balance, days late and aging', () => {
    const figures = assembleStatement(facts());
    expect(figures.asOf).toBe('2026-05-31');
    expect(figures.leases).toEqual([
      {
        leaseId: 'lease-a',
        reference: 'BAIL-A',
        tenants: ['Jean Martin', 'Léa Martin'],
        balanceCents: 90_000,
        overdueCents: 90_000,
        daysLate: 26,
        aging: { days0To30: 90_000, days31To60: 0, days61To90: 0, days90Plus: 0 },
      },
    ]);
    expect(figures.totals).toMatchObject({ leasesInArrears: 1, overdueCents: 90_000, balanceCents: 90_000 });
  });

  it('counts as recovered what the month’s payments settled of charges already past due', () => {
    const figures = assembleStatement(facts());
    expect(figures.recoveries).toEqual([{ date: '2026-05-12', leaseReference: 'BAIL-A', amountCents: 90_000 }]);
    expect(figures.totals.recoveredCents).toBe(90_000);
    // The advance on lease B was received (and allocated) but recovered nothing.
    expect(figures.totals.receivedCents).toBe(110_000);
  });

  it('gives the same figures whenever it is issued: entries after the month do not count', () => {
    const late = facts();
    const onTime = facts({
      charges: late.charges.filter((c) => c.dueDate <= '2026-05-31'),
      credits: late.credits.filter((c) => c.date <= '2026-05-31'),
    });
    expect(assembleStatement(late)).toEqual(assembleStatement(onTime));
  });

  it('lists the month’s actions in Paris time, in order, calls by their outcome only', () => {
    const figures = assembleStatement(facts());
    expect(figures.actions.map((a) => [a.date, a.leaseReference, a.label])).toEqual([
      ['2026-05-01', 'BAIL-A', 'Dossier de recouvrement ouvert'],
      ['2026-05-08', 'BAIL-A', 'SMS envoyé (étape d3-courteous)'],
      ['2026-05-20', 'BAIL-A', 'Appel ou visite : promesse de paiement au 10/06/2026'],
    ]);
    expect(figures.totals.actions).toBe(3);
  });

  it('names the decisions the landlord owes, with their deadline', () => {
    expect(assembleStatement(facts()).pendingDecisions).toEqual([
      {
        debtId: 'debt-a',
        leaseReference: 'BAIL-A',
        stepKey: 'd30-formal-notice',
        label: 'Accord sur l’étape d30-formal-notice',
        deadline: '2026-06-08',
      },
    ]);
  });

  it('says nothing is owed when nothing is', () => {
    const figures = assembleStatement(facts({ charges: [], credits: [], events: [], pendingDecisions: [] }));
    expect(figures.leases).toEqual([]);
    expect(figures.totals).toEqual({
      leasesInArrears: 0,
      balanceCents: 0,
      overdueCents: 0,
      recoveredCents: 0,
      receivedCents: 0,
      actions: 0,
      pendingDecisions: 0,
    });
  });

  it.each([
    ['LETTER', 'Lettre simple envoyée'],
    ['REGISTERED_LETTER', 'Lettre recommandée envoyée'],
    ['EMAIL', 'E-mail envoyé'],
  ])('words a %s sent', (channel, label) => {
    expect(
      actionLabel({
        leaseId: 'l',
        kind: 'MESSAGE_SENT',
        occurredAt: '2026-05-01T08:00:00Z',
        channel,
        outcome: null,
        promisedDate: null,
        stepKey: null,
      }),
    ).toBe(label);
  });
});
