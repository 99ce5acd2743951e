import { parisTime } from './french-calendar';
import { LEGAL_TASK_HOUR, LegalObligation } from './legal-rules';
import { SimulatedEvent, simulateScenario, withLegalDeadlines } from './scenario-simulation';
import type { ScenarioDefinition } from './scenario';

const SCENARIO: ScenarioDefinition = {
  key: 'two-steps',
  name: 'Two letters',
  steps: [
    { key: 'd10-letter', dayOffset: 10, action: 'LETTER', template: 'first-reminder-letter' },
    { key: 'd30-letter', dayOffset: 30, action: 'LETTER', template: 'first-reminder-letter' },
  ],
};

const deadline = (key: string, triggerOn: string, dueOn: string): LegalObligation => ({
  key,
  rule: 'GUARANTOR_FIRST_INCIDENT',
  triggerOn,
  dueOn,
  title: `Task ${key}`,
  body: '',
  source: 'C. civ. art. 2303',
});

describe('withLegalDeadlines', () => {
  // A Wednesday anchor: letters go out on their day at 9:00 Paris.
  const events = simulateScenario(SCENARIO, {
    anchor: '2026-06-03',
    balanceCents: 90_000,
    profile: 'UNKNOWN',
    leaseKind: 'RESIDENTIAL_UNFURNISHED',
  });
  const kinds = (list: SimulatedEvent[]) => list.map((e) => `${e.kind}:${e.stepKey ?? ''}`);

  it('puts each deadline on its day at the hour its task opens, between the steps around it', () => {
    const merged = withLegalDeadlines(events, [deadline('b', '2026-06-20', '2026-06-30'), deadline('a', '2026-06-05', '2026-06-30')]);
    expect(kinds(merged)).toEqual(['LEGAL:legal:a', 'RUN:d10-letter', 'LEGAL:legal:b', 'RUN:d30-letter', 'FINISHED:']);
    expect(merged[2]).toEqual({
      at: parisTime('2026-06-20', LEGAL_TASK_HOUR).toISOString(),
      kind: 'LEGAL',
      stepKey: 'legal:b',
      reason: 'Task b',
      dueOn: '2026-06-30',
    });
    // The events given are left as they were.
    expect(kinds(events)).toEqual(['RUN:d10-letter', 'RUN:d30-letter', 'FINISHED:']);
  });

  it('puts a deadline opening at the very instant of a step after it, and keeps none beyond the calendar’s end', () => {
    const stepDay = events[0].at.slice(0, 10);
    const endDay = events[events.length - 1].at.slice(0, 10);
    const merged = withLegalDeadlines(events, [
      deadline('same', stepDay, stepDay),
      deadline('last', endDay, endDay),
      deadline('later', '2029-06-03', '2029-06-03'),
    ]);
    expect(kinds(merged)).toEqual(['RUN:d10-letter', 'LEGAL:legal:same', 'RUN:d30-letter', 'LEGAL:legal:last', 'FINISHED:']);
  });

  it('stops at a CLOSE: a deadline after the debt is paid is not shown', () => {
    const paid = simulateScenario(SCENARIO, {
      anchor: '2026-06-03',
      balanceCents: 90_000,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      payments: [{ date: '2026-06-15', amountCents: 90_000 }],
    });
    const merged = withLegalDeadlines(paid, [
      deadline('before', '2026-06-14', '2026-06-30'),
      deadline('after', '2026-06-20', '2026-06-30'),
    ]);
    expect(kinds(merged)).toEqual(['RUN:d10-letter', 'LEGAL:legal:before', 'CLOSE:']);
  });

  it('keeps the steps already done first', () => {
    const underWay = simulateScenario(SCENARIO, {
      anchor: '2026-06-03',
      balanceCents: 90_000,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      from: parisTime('2026-06-20', 12),
      done: [{ stepKey: 'd10-letter', at: parisTime('2026-06-15', 9).toISOString() }],
    });
    const merged = withLegalDeadlines(underWay, [deadline('early', '2026-06-04', '2026-06-30')]);
    expect(kinds(merged)).toEqual(['DONE:d10-letter', 'LEGAL:legal:early', 'RUN:d30-letter', 'FINISHED:']);
  });
});

describe('a guarantor notice step', () => {
  const WITH_NOTICE: ScenarioDefinition = {
    key: 'with-guarantor',
    name: 'Guarantor informed at D+5',
    steps: [
      { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
      { key: 'd10-letter', dayOffset: 10, action: 'LETTER', template: 'first-reminder-letter' },
    ],
  };
  const run = (guarantors: number | undefined) =>
    simulateScenario(WITH_NOTICE, {
      anchor: '2026-06-03',
      balanceCents: 90_000,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      ...(guarantors !== undefined ? { guarantors } : {}),
    }).map((e) => ({ kind: e.kind, stepKey: e.stepKey, ...(e.reason ? { reason: e.reason } : {}) }));

  it('is skipped on a lease without a guarantor, and says why', () => {
    expect(run(0)).toEqual([
      { kind: 'SKIP', stepKey: 'd5-guarantor', reason: 'no guarantor on the lease' },
      { kind: 'RUN', stepKey: 'd10-letter' },
      { kind: 'FINISHED', stepKey: undefined },
    ]);
  });

  it('runs with one guarantor or more, and when the guarantors are not known (as before)', () => {
    for (const guarantors of [1, 2, undefined]) {
      expect(run(guarantors).map((e) => `${e.kind}:${e.stepKey ?? ''}`)).toEqual(['RUN:d5-guarantor', 'RUN:d10-letter', 'FINISHED:']);
    }
  });
});
