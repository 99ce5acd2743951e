import fc from 'fast-check';
import { addDays, IsoDate } from './calendar-date';
import { CHRONIC_SCENARIO, STANDARD_SCENARIO } from './default-scenarios';
import { isContactAction, MIN_CONTACT_GAP_HOURS, planNextAction, stepDueAt } from './dunning-plan';
import { isContactDay, nextContactTime, parisParts, parisTime } from './french-calendar';
import {
  ACTION_KINDS,
  ActionKind,
  PREFERRED_CHANNELS,
  reachablePreference,
  ScenarioDefinition,
  sharedPreference,
  validateScenario,
} from './scenario';
import { simulateScenario } from './scenario-simulation';

const debt = { balanceCents: 90_000, profile: 'UNKNOWN' as const, leaseKind: 'COMMERCIAL' as const };

/** Dates where calendars go wrong: Sundays, holidays, the two DST days, New Year's Eve, Easter Monday, Bastille Day. */
const SPECIAL_DATES: IsoDate[] = [
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29',
  '2026-12-31',
  '2027-12-31',
  '2028-12-31',
  '2027-03-29',
  '2028-04-17',
  '2027-07-14',
  '2028-07-14',
  '2026-12-06',
  '2027-05-01',
  '2027-11-01',
  '2027-12-25',
  '2028-02-29',
];
const anyDate = fc.oneof(
  fc.constantFrom(...SPECIAL_DATES),
  fc.integer({ min: 0, max: 4 * 366 }).map((n) => addDays('2026-01-01', n)),
);
/** A step's action among those the engine runs by itself (no task conditions): the channel rule is about time. */
const anyAction = fc.constantFrom<ActionKind>(...ACTION_KINDS.filter((a) => a !== 'FEE'));
const anyScenario = fc
  .array(fc.record({ dayOffset: fc.integer({ min: 0, max: 60 }), action: anyAction }), { minLength: 1, maxLength: 8 })
  .map((steps): ScenarioDefinition => ({
    key: 'random',
    name: 'Random',
    steps: [...steps].sort((a, b) => a.dayOffset - b.dayOffset).map((s, i) => ({ key: `s${i}`, ...s })),
  }));

describe('no channel waits for another (planner version 2)', () => {
  it('runs first the pending step that can run first: nothing held by the calendar or the gap delays another step', () => {
    fc.assert(
      fc.property(
        anyScenario,
        anyDate,
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.integer({ min: 0, max: 96 })),
        fc.func(fc.boolean()),
        (scenario, anchor, day, hour, minute, contactHoursAgo, isDone) => {
          const now = parisTime(addDays(anchor, day), hour, minute);
          const done = scenario.steps.filter((s, i) => isDone(i)).map((s) => s.key);
          const lastContactAt = contactHoursAgo === null ? undefined : new Date(now.getTime() - contactHoursAgo * 3600_000);
          const next = planNextAction(
            scenario,
            { anchor, ...debt, pursueFromCents: 1, done, ...(lastContactAt ? { lastContactAt: lastContactAt.toISOString() } : {}) },
            now,
          );
          if (next.kind !== 'RUN') return;
          const later = (a: Date, b?: Date) => (b && b > a ? b : a);
          for (const other of scenario.steps.filter((s) => !done.includes(s.key))) {
            const earliest = later(stepDueAt(other, anchor), now);
            const gapEnd = lastContactAt && new Date(lastContactAt.getTime() + MIN_CONTACT_GAP_HOURS * 3600_000);
            const possible = isContactAction(other.action) ? nextContactTime(later(earliest, gapEnd)) : earliest;
            expect(possible.getTime()).toBeGreaterThanOrEqual(next.at.getTime());
          }
          if (isContactAction(next.step.action)) {
            const { date, hour: h } = parisParts(next.at);
            expect(isContactDay(date) && h >= 9 && h < 19).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('in a simulated calendar every step off the contact calendar runs at its due time (or at once when overdue)', () => {
    fc.assert(
      fc.property(
        anyScenario,
        anyDate,
        fc.option(fc.integer({ min: 0, max: 40 })),
        fc.integer({ min: 0, max: 23 }),
        (scenario, anchor, startDay, hour) => {
          const from = startDay === null ? undefined : parisTime(addDays(anchor, startDay), hour);
          // Catch-up aside (a simulation from a later start may skip stale steps), nothing is late.
          const sendAll: ScenarioDefinition = { ...scenario, steps: scenario.steps.map((s) => ({ ...s, catchUp: { policy: 'SEND' } })) };
          const events = simulateScenario(sendAll, { anchor, ...debt, ...(from ? { from } : {}) });
          const start = from ?? parisTime(anchor, 0);
          let lastContact: Date | undefined;
          for (const event of events.filter((e) => e.kind === 'RUN')) {
            const step = sendAll.steps.find((s) => s.key === event.stepKey)!;
            const due = stepDueAt(step, anchor);
            const at = new Date(event.at);
            if (!isContactAction(step.action)) {
              expect(at.getTime()).toBe(Math.max(due.getTime(), start.getTime()));
            } else {
              expect(at.getTime()).toBeGreaterThanOrEqual(Math.max(due.getTime(), start.getTime()));
              const { date, hour: h } = parisParts(at);
              expect(isContactDay(date) && h >= 9 && h < 19).toBe(true);
              if (lastContact) expect(at.getTime() - lastContact.getTime()).toBeGreaterThanOrEqual(MIN_CONTACT_GAP_HOURS * 3600_000);
              lastContact = at;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends the D+3 e-mail of a debt opened at 21:00 at once, and its SMS at 9:00 the next contact day', () => {
    // Whatever day D+3 falls on: the e-mail never waits for the SMS.
    fc.assert(
      fc.property(anyDate, (anchor) => {
        const at21 = parisTime(addDays(anchor, 3), 21);
        // A lease without a guarantor: the D+5 notice is skipped, the two messages run alone.
        const events = simulateScenario(STANDARD_SCENARIO, { anchor, ...debt, guarantors: 0, from: at21 });
        const [first, second] = events.filter((e) => e.kind === 'RUN');
        expect([first.stepKey, first.at]).toEqual(['d3-email', at21.toISOString()]);
        expect(second.stepKey).toBe('d3-sms');
        expect(new Date(second.at)).toEqual(nextContactTime(at21));
      }),
      { numRuns: 200 },
    );
  });

  it('holds visits to the contact calendar too', () => {
    const scenario: ScenarioDefinition = {
      key: 'v',
      name: 'V',
      steps: [{ key: 'visit', dayOffset: 0, action: 'VISIT_TASK', manual: true }],
    };
    // 2027-03-28 is Easter Sunday (and the day clocks go forward), the Monday a holiday: the visit goes on Tuesday at 9:00.
    const [visit] = simulateScenario(scenario, { anchor: '2027-03-28', ...debt });
    expect(visit).toMatchObject({
      kind: 'RUN',
      at: parisTime('2027-03-30', 9).toISOString(),
      movedFrom: parisTime('2027-03-28', 9).toISOString(),
    });
  });
});

describe('a decision awaited (planner version 2)', () => {
  const progress = {
    anchor: '2027-01-04',
    ...debt,
    pursueFromCents: 1,
    done: ['d3-sms', 'd3-email', 'd5-guarantor', 'd10-letter'],
    awaitingApproval: 'd30-formal-notice',
  };

  it('holds back the steps after it, not a call before it that the calendar held', () => {
    // Sunday 7 February 2027, 12:00: the D+20 call waits for Monday 9:00, the notice for the landlord.
    const sunday = parisTime('2027-02-07', 12);
    expect(planNextAction(STANDARD_SCENARIO, progress, sunday)).toMatchObject({
      kind: 'RUN',
      step: { key: 'd20-call' },
      at: parisTime('2027-02-08', 9),
    });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, done: [...progress.done, 'd20-call'] }, sunday)).toMatchObject({
      kind: 'WAIT',
      reason: 'APPROVAL',
      step: { key: 'd30-formal-notice' },
    });
    expect(planNextAction(STANDARD_SCENARIO, { ...progress, plannerVersion: 1 }, sunday)).toMatchObject({
      kind: 'WAIT',
      reason: 'APPROVAL',
    });
  });
});

describe('catch-up when the scenario resumes', () => {
  const anchor = '2027-01-04';
  const progress = { anchor, ...debt, pursueFromCents: 1, done: [] as string[] };

  it('skips a courteous reminder three weeks late and says why, but keeps the letter within its window and legal steps always', () => {
    // A plan broken on D+24: the D+3 SMS and e-mail are 21 days late, the D+10 letter 14.
    const resumedAt = parisTime(addDays(anchor, 24), 10);
    const events = simulateScenario(STANDARD_SCENARIO, { anchor, ...debt, from: resumedAt });
    expect(events.slice(0, 4).map((e) => [e.kind, e.stepKey])).toEqual([
      ['SKIP', 'd3-sms'],
      ['SKIP', 'd3-email'],
      ['RUN', 'd5-guarantor'],
      ['RUN', 'd10-letter'],
    ]);
    expect(events[0].reason).toMatch(/had passed by 21 days when the scenario resumed; it is caught up only within 7 days/);
    expect(events.find((e) => e.stepKey === 'd30-formal-notice')).toMatchObject({ kind: 'RUN' });
  });

  it('sends a reminder a few days late (a debt detected after the grace period)', () => {
    const resumedAt = parisTime(addDays(anchor, 6), 6).toISOString();
    const next = planNextAction(STANDARD_SCENARIO, { ...progress, resumedAt }, new Date(resumedAt));
    expect(next).toMatchObject({ kind: 'RUN', step: { key: 'd3-email' } });
  });

  it('follows SEND, SKIP and WITHIN_DAYS as the scenario sets them', () => {
    const scenario: ScenarioDefinition = {
      key: 'p',
      name: 'P',
      steps: [
        { key: 'always', dayOffset: 1, action: 'EMAIL', catchUp: { policy: 'SEND' } },
        { key: 'never', dayOffset: 1, action: 'LETTER', catchUp: { policy: 'SKIP' } },
        { key: 'within', dayOffset: 2, action: 'EMAIL', catchUp: { policy: 'WITHIN_DAYS', days: 9 } },
      ],
    };
    const at = (days: number) => parisTime(addDays(anchor, days), 12);
    const kinds = (from: Date) => simulateScenario(scenario, { anchor, ...debt, from }).map((e) => [e.stepKey, e.kind]);
    expect(kinds(at(11))).toEqual([
      ['always', 'RUN'],
      ['never', 'SKIP'],
      ['within', 'RUN'],
      [undefined, 'FINISHED'],
    ]);
    expect(kinds(at(12))).toEqual([
      ['always', 'RUN'],
      ['never', 'SKIP'],
      ['within', 'SKIP'],
      [undefined, 'FINISHED'],
    ]);
    // On time, SKIP changes nothing.
    expect(simulateScenario(scenario, { anchor, ...debt }).map((e) => e.kind)).toEqual(['RUN', 'RUN', 'RUN', 'FINISHED']);
  });

  it('counts lateness in calendar days, whatever the change of summer time in between', () => {
    // Due Sunday 21 March 2027 at 9:00; clocks go forward on the 28th; resumed on the 28th at 10:00: 7 days.
    const scenario: ScenarioDefinition = { key: 'd', name: 'D', steps: [{ key: 'mail', dayOffset: 0, action: 'EMAIL' }] };
    const [event] = simulateScenario(scenario, { anchor: '2027-03-21', ...debt, from: parisTime('2027-03-28', 10) });
    expect(event).toMatchObject({ kind: 'RUN', stepKey: 'mail' });
    const [late] = simulateScenario(scenario, { anchor: '2027-03-21', ...debt, from: parisTime('2027-03-29', 0, 30) });
    expect(late).toMatchObject({ kind: 'SKIP', reason: expect.stringContaining('had passed by 8 days') });
  });

  it('runs nothing stale on planner version 1', () => {
    const resumedAt = parisTime(addDays(anchor, 24), 10).toISOString();
    const next = planNextAction(STANDARD_SCENARIO, { ...progress, resumedAt, plannerVersion: 1 }, new Date(resumedAt));
    expect(next).toMatchObject({ kind: 'RUN', step: { key: 'd3-sms' } });
  });
});

describe("the tenant's preferred channel", () => {
  const anchor = '2027-01-04';
  const runs = (preferredChannel?: (typeof PREFERRED_CHANNELS)[number]) =>
    simulateScenario(STANDARD_SCENARIO, { anchor, ...debt, ...(preferredChannel ? { preferredChannel } : {}) })
      .filter((e) => e.stepKey?.startsWith('d3-'))
      .map((e) => [e.stepKey, e.kind]);

  it('sends a channel group by the closest channel only, and says why in the skip', () => {
    expect(runs()).toEqual([
      ['d3-sms', 'RUN'],
      ['d3-email', 'RUN'],
    ]);
    expect(runs('EMAIL')).toEqual([
      ['d3-sms', 'SKIP'],
      ['d3-email', 'RUN'],
    ]);
    expect(runs('SMS')).toEqual([
      ['d3-sms', 'RUN'],
      ['d3-email', 'SKIP'],
    ]);
    // No letter in the group: a tenant who prefers letters gets the e-mail, never the SMS.
    expect(runs('POSTAL')).toEqual([
      ['d3-sms', 'SKIP'],
      ['d3-email', 'RUN'],
    ]);
    const skip = simulateScenario(STANDARD_SCENARIO, { anchor, ...debt, preferredChannel: 'POSTAL' }).find((e) => e.kind === 'SKIP')!;
    expect(skip.reason).toBe('the tenant prefers letters: no SMS for this message; it goes by e-mail (d3-email)');
  });

  it('counts a preference only where it reaches the tenant, and only when the tenants share it', () => {
    const tenant = { preferredChannel: 'EMAIL', email: 'a@example.test', phone: '+33612345678', consentEmail: true, consentSms: true };
    expect(reachablePreference(tenant)).toBe('EMAIL');
    expect(reachablePreference({ ...tenant, email: null })).toBeNull();
    expect(reachablePreference({ ...tenant, preferredChannel: 'SMS', consentSms: false })).toBeNull();
    expect(reachablePreference({ ...tenant, preferredChannel: 'POSTAL', email: null, phone: null })).toBe('POSTAL');
    expect(sharedPreference(['EMAIL', 'EMAIL'])).toBe('EMAIL');
    expect(sharedPreference(['EMAIL', 'SMS'])).toBeUndefined();
    expect(sharedPreference(['EMAIL', null])).toBeUndefined();
    expect(sharedPreference([])).toBeUndefined();
  });

  it('leaves steps outside a group alone', () => {
    const all = simulateScenario(CHRONIC_SCENARIO, { anchor, ...debt, preferredChannel: 'EMAIL' });
    expect(all.filter((e) => e.kind === 'RUN').map((e) => e.stepKey)).toEqual([
      'd1-email',
      'd5-guarantor',
      'd7-letter',
      'd12-call',
      'd20-formal-notice',
      'd35-handoff',
    ]);
  });
});

describe('guard rails at save time', () => {
  it('refuses a hand-off or an insurer claim that no human decides (GDPR art. 22)', () => {
    for (const action of ['LITIGATION_HANDOFF', 'INSURER_CLAIM'] as const) {
      const problems = validateScenario({ key: 'x', name: 'X', steps: [{ key: 'h', dayOffset: 1, action }] });
      expect(problems).toEqual([
        expect.objectContaining({ field: 'steps[0].requiresLandlordApproval', message: expect.stringContaining('GDPR art. 22') }),
      ]);
      expect(validateScenario({ key: 'x', name: 'X', steps: [{ key: 'h', dayOffset: 1, action, manual: true }] })).toEqual([]);
      expect(
        validateScenario({ key: 'x', name: 'X', steps: [{ key: 'h', dayOffset: 1, action, requiresLandlordApproval: true }] }),
      ).toEqual([]);
    }
  });

  it('checks channel groups and catch-up policies', () => {
    const fields = (definition: ScenarioDefinition) => validateScenario(definition).map((p) => p.field);
    expect(
      fields({
        key: 'x',
        name: 'X',
        steps: [
          { key: 'a', dayOffset: 1, action: 'SMS', channelGroup: 'g' },
          { key: 'b', dayOffset: 2, action: 'EMAIL', channelGroup: 'g' },
        ],
      }),
    ).toContain('steps[0].channelGroup');
    expect(fields({ key: 'x', name: 'X', steps: [{ key: 'a', dayOffset: 1, action: 'CALL_TASK', channelGroup: 'g' }] })).toEqual([
      'steps[0].channelGroup',
    ]);
    expect(
      fields({ key: 'x', name: 'X', steps: [{ key: 'a', dayOffset: 1, action: 'SMS', catchUp: { policy: 'WITHIN_DAYS', days: -1 } }] }),
    ).toEqual(['steps[0].catchUp.days']);
    expect(
      fields({ key: 'x', name: 'X', steps: [{ key: 'a', dayOffset: 1, action: 'SMS', catchUp: { policy: 'LATER' } as never }] }),
    ).toEqual(['steps[0].catchUp.policy']);
  });
});
