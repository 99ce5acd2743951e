import { CHRONIC_SCENARIO, DEFAULT_SCENARIOS, GLI_SCENARIO, STANDARD_SCENARIO } from './default-scenarios';
import { planNextAction } from './dunning-plan';
import { handoffsAfterDeadline, ScenarioDefinition, validateScenario } from './scenario';
import { simulateScenario } from './scenario-simulation';

const debt = { balanceCents: 90_000, profile: 'UNKNOWN' as const, leaseKind: 'RESIDENTIAL_UNFURNISHED' as const };

describe('scenario definitions', () => {
  it.each(DEFAULT_SCENARIOS.map((s) => [s.key, s] as const))('ships %s valid', (_key, scenario) => {
    expect(validateScenario(scenario)).toEqual([]);
  });

  it("flags a hand-off after the insurer's D+40 deadline, and the GLI variant meets it", () => {
    expect(handoffsAfterDeadline(STANDARD_SCENARIO, 40).map((s) => s.key)).toEqual(['d45-handoff']);
    expect(handoffsAfterDeadline(GLI_SCENARIO, 40)).toEqual([]);
  });

  const base: ScenarioDefinition = { key: 'test', name: 'Test', steps: [{ key: 'a', dayOffset: 5, action: 'EMAIL' }] };
  it.each([
    [{ ...base, key: 'Bad Key' }, 'key'],
    [{ ...base, steps: [] }, 'steps'],
    [
      {
        ...base,
        steps: [
          { key: 'a', dayOffset: 10, action: 'EMAIL' },
          { key: 'b', dayOffset: 5, action: 'SMS' },
        ],
      },
      'steps[1].dayOffset',
    ],
    [
      {
        ...base,
        steps: [
          { key: 'a', dayOffset: 1, action: 'EMAIL' },
          { key: 'a', dayOffset: 5, action: 'SMS' },
        ],
      },
      'steps[1].key',
    ],
    [{ ...base, steps: [{ key: 'a', dayOffset: 1, action: 'PIGEON' }] }, 'steps[0].action'],
    [{ ...base, steps: [{ key: 'a', dayOffset: 1, action: 'SMS', requiresLandlordApproval: true }] }, 'steps[0].requiresLandlordApproval'],
    [{ ...base, steps: [{ key: 'a', dayOffset: 15, action: 'FEE' }] }, 'steps[0].action'],
    [
      { ...base, steps: [{ key: 'a', dayOffset: 15, action: 'FEE', conditions: { leaseKinds: ['COMMERCIAL', 'RESIDENTIAL_FURNISHED'] } }] },
      'steps[0].action',
    ],
    [{ ...base, steps: [{ key: 'a', dayOffset: -1, action: 'SMS' }] }, 'steps[0].dayOffset'],
    [{ ...base, steps: [{ key: 'a', dayOffset: 1, action: 'SMS', template: 'no-such-template' }] }, 'steps[0].template'],
  ])('refuses an invalid definition (%#) naming %s', (definition, field) => {
    expect(validateScenario(definition as ScenarioDefinition).map((p) => p.field)).toContain(field);
  });

  it('accepts a fee step limited to commercial leases', () => {
    const fee = {
      ...base,
      steps: [{ key: 'a', dayOffset: 15, action: 'FEE' as const, conditions: { leaseKinds: ['COMMERCIAL' as const] } }],
    };
    expect(validateScenario(fee)).toEqual([]);
  });
});

describe('planNextAction and the simulation', () => {
  it("lays out the seed article's 60-day scenario, the guarantor informed at D+5, on its exact dates", () => {
    // Day 0 is Monday 5 January 2026; D+20 is a Sunday, so the call moves to Monday 9:00. The
    // lease's guarantors are not given: the guarantor notice runs (a lease without one skips it).
    const events = simulateScenario(STANDARD_SCENARIO, { anchor: '2026-01-05', ...debt });
    expect(events.map((e) => [e.stepKey ?? e.kind, e.at, e.movedFrom ?? null, e.needsApproval ?? false])).toEqual([
      ['d3-sms', '2026-01-08T08:00:00.000Z', null, false],
      ['d3-email', '2026-01-08T08:00:00.000Z', null, false],
      ['d5-guarantor', '2026-01-10T08:00:00.000Z', null, false],
      ['d10-letter', '2026-01-15T08:00:00.000Z', null, false],
      ['d20-call', '2026-01-26T08:00:00.000Z', '2026-01-25T08:00:00.000Z', false],
      ['d30-formal-notice', '2026-02-04T08:00:00.000Z', null, true],
      ['d45-handoff', '2026-02-19T08:00:00.000Z', null, true],
      ['FINISHED', '2026-02-19T08:00:00.000Z', null, false],
    ]);
  });

  it('keeps two phone contacts 48 hours apart, then in the contact calendar', () => {
    const close: ScenarioDefinition = {
      key: 'close',
      name: 'Close contacts',
      steps: [
        { key: 'd3-sms', dayOffset: 3, action: 'SMS' },
        { key: 'd4-call', dayOffset: 4, action: 'CALL_TASK', manual: true },
        { key: 'd4-email', dayOffset: 4, action: 'EMAIL' },
      ],
    };
    // Thursday 8 Jan 2026, 9:00 the SMS; the call waits until Saturday 10 Jan 9:00; the e-mail does not wait.
    const events = simulateScenario(close, { anchor: '2026-01-05', ...debt });
    expect(events.map((e) => [e.stepKey ?? e.kind, e.at, e.movedFrom ?? null])).toEqual([
      ['d3-sms', '2026-01-08T08:00:00.000Z', null],
      ['d4-email', '2026-01-09T08:00:00.000Z', null],
      ['d4-call', '2026-01-10T08:00:00.000Z', '2026-01-09T08:00:00.000Z'],
      ['FINISHED', '2026-01-10T08:00:00.000Z', null],
    ]);
  });

  it('stops every later step when the debt is paid in full at D+12', () => {
    const events = simulateScenario(STANDARD_SCENARIO, {
      anchor: '2026-01-05',
      ...debt,
      payments: [{ date: '2026-01-17', amountCents: 90_000 }],
    });
    expect(events.map((e) => e.stepKey ?? `${e.kind}:${e.reason ?? ''}`)).toEqual([
      'd3-sms',
      'd3-email',
      'd5-guarantor',
      'd10-letter',
      'CLOSE:PAID',
    ]);
  });

  it('goes on after a partial payment, and stops below the pursuit threshold', () => {
    const partial = simulateScenario(STANDARD_SCENARIO, {
      anchor: '2026-01-05',
      ...debt,
      payments: [{ date: '2026-01-17', amountCents: 50_000 }],
    });
    expect(partial.filter((e) => e.kind === 'RUN')).toHaveLength(7);
    const small = simulateScenario(STANDARD_SCENARIO, {
      anchor: '2026-01-05',
      ...debt,
      pursueFromCents: 45_000,
      payments: [{ date: '2026-01-17', amountCents: 50_000 }],
    });
    expect(small[small.length - 1]).toMatchObject({ kind: 'CLOSE', reason: 'BELOW_THRESHOLD' });
  });

  it('waits while paused, on a plan, or for an approval; a pause with a date ends by itself', () => {
    const progress = { anchor: '2026-01-05', ...debt, pursueFromCents: 1, done: [] as string[] };
    const now = new Date('2026-01-06T10:00:00Z');
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, pause: {} }, now)).toMatchObject({ kind: 'WAIT', reason: 'PAUSED' });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, pause: { until: '2026-01-10T00:00:00Z' } }, now)).toMatchObject({
      kind: 'WAIT',
      until: new Date('2026-01-10T00:00:00Z'),
    });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, pause: { until: '2026-01-06T00:00:00Z' } }, now)).toMatchObject({
      kind: 'RUN',
    });
    const paymentPlan = {
      plan: { installments: [{ dueDate: '2026-01-20', amountCents: 90_000 }], acceptedAt: '2026-01-06T09:00:00Z' },
      paidCents: 0,
    };
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, paymentPlan }, now)).toMatchObject({ kind: 'WAIT', reason: 'PAYMENT_PLAN' });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, promise: { until: '2026-01-09T08:00:00Z' } }, now)).toMatchObject({
      kind: 'WAIT',
      reason: 'PROMISE',
      until: new Date('2026-01-09T08:00:00Z'),
    });
    const atNotice = {
      ...progress,
      done: ['d3-sms', 'd3-email', 'd5-guarantor', 'd10-letter', 'd20-call'],
      awaitingApproval: 'd30-formal-notice',
    };
    expect(planNextAction(STANDARD_SCENARIO, atNotice, now)).toMatchObject({ kind: 'WAIT', reason: 'APPROVAL' });
  });

  it('sends an e-mail due at 7:00 at once while its SMS waits for 9:00, and runs overdue steps in their scheduled order', () => {
    const progress = { anchor: '2026-01-05', ...debt, pursueFromCents: 1, done: [] as string[] };
    const sevenAm = new Date('2026-01-20T06:00:00Z');
    expect(planNextAction(CHRONIC_SCENARIO, progress, sevenAm)).toMatchObject({ kind: 'RUN', step: { key: 'd1-email' }, at: sevenAm });
    // The overdue letters are not held either (the guarantor's, then the tenant's); the SMS, then the call, wait for 9:00.
    const guarantorProgress = { ...progress, done: ['d1-email'] };
    expect(planNextAction(CHRONIC_SCENARIO, guarantorProgress, sevenAm)).toMatchObject({
      kind: 'RUN',
      step: { key: 'd5-guarantor' },
      at: sevenAm,
    });
    const letterProgress = { ...progress, done: ['d1-email', 'd5-guarantor'] };
    expect(planNextAction(CHRONIC_SCENARIO, letterProgress, sevenAm)).toMatchObject({
      kind: 'RUN',
      step: { key: 'd7-letter' },
      at: sevenAm,
    });
    const smsProgress = { ...progress, done: ['d1-email', 'd5-guarantor', 'd7-letter'] };
    expect(planNextAction(CHRONIC_SCENARIO, smsProgress, sevenAm)).toMatchObject({
      kind: 'RUN',
      step: { key: 'd1-sms' },
      at: new Date('2026-01-20T08:00:00Z'),
      movedFrom: sevenAm,
    });
  });

  it('keeps the old order for runs on planner version 1 (their histories replay)', () => {
    const progress = { anchor: '2026-01-05', ...debt, pursueFromCents: 1, done: [] as string[], plannerVersion: 1 as const };
    const sevenAm = new Date('2026-01-20T06:00:00Z');
    expect(planNextAction(CHRONIC_SCENARIO, progress, sevenAm)).toMatchObject({ kind: 'RUN', step: { key: 'd1-sms' } });
  });

  it('does not let an SMS moved off a Sunday hold back that day’s e-mail', () => {
    // 2026-03-05 + 3 days is Sunday 8 March: the SMS goes on Monday, the e-mail on Sunday.
    const events = simulateScenario(STANDARD_SCENARIO, { anchor: '2026-03-05', ...debt });
    expect(events.slice(0, 2).map((e) => [e.stepKey, e.at])).toEqual([
      ['d3-email', '2026-03-08T08:00:00.000Z'],
      ['d3-sms', '2026-03-09T08:00:00.000Z'],
    ]);
  });

  it("follows the landlord's mandate: the approvals it reserves, and no hand-off below its threshold", () => {
    const scenario: ScenarioDefinition = {
      key: 'm',
      name: 'M',
      steps: [
        { key: 'notice', dayOffset: 10, action: 'FORMAL_NOTICE' },
        { key: 'handoff', dayOffset: 20, action: 'LITIGATION_HANDOFF' },
      ],
    };
    const mandate = { approvalActions: ['FORMAL_NOTICE' as const], litigationThresholdCents: 100_000 };
    const events = simulateScenario(scenario, { anchor: '2026-01-05', ...debt, mandate });
    expect(events.map((e) => [e.kind, e.stepKey, e.needsApproval ?? false, e.reason])).toEqual([
      ['RUN', 'notice', true, undefined],
      ['SKIP', 'handoff', false, "balance below the landlord's litigation threshold of 100000 cents"],
      ['FINISHED', undefined, false, undefined],
    ]);
    expect(simulateScenario(scenario, { anchor: '2026-01-05', ...debt }).map((e) => e.needsApproval ?? false)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('skips steps whose conditions do not hold, with the reason', () => {
    const scenario: ScenarioDefinition = {
      key: 'c',
      name: 'C',
      steps: [
        { key: 'fee', dayOffset: 1, action: 'FEE', conditions: { leaseKinds: ['COMMERCIAL'] } },
        { key: 'big', dayOffset: 2, action: 'LETTER', conditions: { minBalanceCents: 1_000_000 } },
        { key: 'chronic', dayOffset: 3, action: 'CALL_TASK', conditions: { profiles: ['CHRONIC'] } },
      ],
    };
    const events = simulateScenario(scenario, { anchor: '2026-01-05', ...debt });
    expect(events.map((e) => [e.kind, e.stepKey, e.reason])).toEqual([
      ['SKIP', 'fee', 'not for RESIDENTIAL_UNFURNISHED leases'],
      ['SKIP', 'big', 'balance below 1000000 cents'],
      ['SKIP', 'chronic', 'not for UNKNOWN tenants'],
      ['FINISHED', undefined, undefined],
    ]);
  });
});
