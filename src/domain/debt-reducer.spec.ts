import fc from 'fast-check';
import {
  applyDecision,
  DebtCase,
  DebtCaseMessage,
  HISTORY_LIMIT,
  progressOf,
  reduceDebtCase,
  refusalOf,
  TASK_OUTCOMES,
  viewOf,
} from './debt-reducer';
import { PAYMENT_PLAN_APPROVAL } from './dunning-plan';
import { STANDARD_SCENARIO } from './default-scenarios';

const now = new Date('2026-05-12T10:00:00.000Z');
const steps = STANDARD_SCENARIO.steps.map((s) => s.key);
const fresh = (): DebtCase => ({ done: [], approved: [], history: [] });
const context = { steps, balanceCents: 90_000, tracksResumption: true };
const plan = [
  { dueDate: '2026-05-20', amountCents: 45_000 },
  { dueDate: '2026-06-20', amountCents: 45_000 },
];

/** Any case a debt's workflow may hold: paused or not, a plan (awaiting or not), a step awaiting, steps done. */
const anyCase: fc.Arbitrary<DebtCase> = fc
  .record({
    done: fc.subarray(steps),
    paused: fc.boolean(),
    plan: fc.constantFrom<'none' | 'active' | 'awaiting'>('none', 'active', 'awaiting'),
    awaiting: fc.option(fc.constantFrom(...steps), { nil: undefined }),
    promise: fc.boolean(),
  })
  .map(({ done, paused, plan: planState, awaiting, promise }) => ({
    done,
    approved: [],
    history: [],
    ...(paused ? { pause: { reason: 'agent' } } : {}),
    ...(planState !== 'none'
      ? {
          plan: {
            installments: plan,
            acceptedAt: '2026-05-01T10:00:00.000Z',
            ...(planState === 'awaiting' ? { awaitingApprovalSince: '2026-05-01T10:00:00.000Z' } : {}),
          },
        }
      : {}),
    ...(awaiting ? { awaitingApproval: { stepKey: awaiting, since: '2026-05-10T09:00:00.000Z' } } : {}),
    ...(promise ? { promise: { until: '2026-05-30T07:00:00.000Z', taskId: 't1' } } : {}),
  }));

/** Any message an agent, a landlord or the ledger may send. */
const anyMessage: fc.Arbitrary<DebtCaseMessage> = fc.oneof(
  fc.constant<DebtCaseMessage>({ kind: 'paymentRecorded' }),
  fc.record({
    kind: fc.constant('pause' as const),
    reason: fc.string({ minLength: 1 }),
    until: fc.option(fc.constantFrom('2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z'), { nil: undefined }),
  }),
  fc.constant<DebtCaseMessage>({ kind: 'resume' }),
  fc.record({
    kind: fc.constant('decide' as const),
    stepKey: fc.constantFrom(...steps, PAYMENT_PLAN_APPROVAL, 'nope'),
    approve: fc.boolean(),
    by: fc.constant('landlord'),
  }),
  fc.record({ kind: fc.constant('cancel' as const), reason: fc.string({ minLength: 1 }) }),
  fc.record({ kind: fc.constant('writeOff' as const), reason: fc.string({ minLength: 1 }) }),
  fc.record({
    kind: fc.constant('taskCompleted' as const),
    taskId: fc.constant('t2'),
    outcome: fc.constantFrom(...TASK_OUTCOMES),
    promisedDate: fc.constant('2026-05-25'),
    report: fc.constant('report'),
  }),
  fc.record({
    kind: fc.constant('proposePlan' as const),
    installments: fc.constantFrom(plan, plan.slice(0, 1)),
    requiresLandlordApproval: fc.boolean(),
  }),
);

describe('the debt case reducer', () => {
  it('changes nothing and runs nothing for a message it refuses, and the refusal is what the services see', () => {
    fc.assert(
      fc.property(anyCase, anyMessage, (state, message) => {
        const before = JSON.stringify(state);
        const outcome = reduceDebtCase(state, message, now, context);
        // The services check with the same function on the view the status query gives them.
        expect(outcome.refused).toEqual(refusalOf(viewOf(state, context), message, now));
        if (outcome.refused) {
          expect(outcome.state).toBe(state);
          expect(outcome.effects).toEqual([]);
          expect(outcome.refused.field).toEqual(expect.any(String));
        } else {
          // Every message taken wakes the loop to plan again.
          expect(outcome.effects).toContainEqual({ kind: 'WAKE' });
        }
        // Pure: the case given is never changed in place.
        expect(JSON.stringify(state)).toBe(before);
      }),
    );
  });

  it('keeps its recent history bounded whatever comes in', () => {
    fc.assert(
      fc.property(fc.array(anyMessage, { maxLength: 300 }), (messages) => {
        let state = fresh();
        for (const message of messages) state = reduceDebtCase(state, message, now, context).state;
        expect(state.history!.length).toBeLessThanOrEqual(HISTORY_LIMIT);
      }),
      { numRuns: 30 },
    );
  });

  it('pauses once, resumes only what is paused, and records when the scenario resumed', () => {
    const paused = reduceDebtCase(fresh(), { kind: 'pause', reason: 'FSL' }, now, context);
    expect(paused.state.pause).toEqual({ reason: 'FSL', until: undefined });
    expect(reduceDebtCase(paused.state, { kind: 'pause', reason: 'again' }, now, context).refused).toMatchObject({
      field: 'id',
      message: 'The debt is already paused',
    });
    expect(reduceDebtCase(fresh(), { kind: 'pause', reason: 'x', until: '2020-01-01T00:00:00Z' }, now, context).refused).toMatchObject({
      field: 'until',
    });
    expect(reduceDebtCase(fresh(), { kind: 'resume' }, now, context).refused).toMatchObject({
      field: 'id',
      message: 'The debt is not paused',
    });
    const later = new Date(now.getTime() + 3600_000);
    const resumed = reduceDebtCase(paused.state, { kind: 'resume' }, later, context).state;
    expect(resumed.pause).toBeUndefined();
    expect(resumed.resumedAt).toBe(later.toISOString());
    // Runs on planner version 1 never recorded it.
    expect(
      reduceDebtCase(paused.state, { kind: 'resume' }, later, { ...context, tracksResumption: false }).state.resumedAt,
    ).toBeUndefined();
    expect(resumed.history!.map((h) => h.kind)).toEqual(['PAUSED', 'RESUMED']);
  });

  it('tells an unknown step from one not awaited, and names what is awaited', () => {
    const awaiting: DebtCase = { ...fresh(), awaitingApproval: { stepKey: 'd30-formal-notice', since: now.toISOString() } };
    expect(refusalOf(viewOf(fresh(), context), { kind: 'decide', stepKey: 'nope', approve: true, by: 'l' }, now)?.message).toBe(
      `Unknown step nope: this debt's scenario has ${steps.join(', ')}; no approval is awaited`,
    );
    expect(refusalOf(viewOf(awaiting, context), { kind: 'decide', stepKey: 'd45-handoff', approve: true, by: 'l' }, now)?.message).toBe(
      'The approval awaited is d30-formal-notice, not d45-handoff',
    );
    expect(
      refusalOf(viewOf(fresh(), context), { kind: 'decide', stepKey: 'd30-formal-notice', approve: true, by: 'l' }, now)?.message,
    ).toBe('No approval is awaited on this debt (d30-formal-notice is not waiting for a decision)');
    const taken = reduceDebtCase(
      awaiting,
      { kind: 'decide', stepKey: 'd30-formal-notice', approve: false, comment: 'non', by: 'l' },
      now,
      context,
    );
    // The decision is acted on at the loop's next turn, not in the handler.
    expect(taken.state).toBe(awaiting);
    expect(taken.effects).toEqual([
      { kind: 'DECIDE', decision: { stepKey: 'd30-formal-notice', approve: false, comment: 'non', by: 'l' } },
      { kind: 'WAKE' },
    ]);
  });

  it('acts on a rejected step: not carried out, on the timeline, and an agent decides what follows', () => {
    const awaiting: DebtCase = { ...fresh(), awaitingApproval: { stepKey: 'd30-formal-notice', since: now.toISOString() } };
    const { state, effects } = applyDecision(awaiting, { stepKey: 'd30-formal-notice', approve: false, by: 'l' }, now, context);
    expect(state.awaitingApproval).toBeUndefined();
    expect(state.done).toEqual(['d30-formal-notice']);
    expect(effects).toEqual([
      {
        kind: 'TIMELINE',
        entry: {
          kind: 'LANDLORD_REJECTED',
          summary: 'Landlord rejected step d30-formal-notice',
          data: { stepKey: 'd30-formal-notice', by: 'l' },
        },
      },
      { kind: 'TASK', task: expect.objectContaining({ key: 'rejected:d30-formal-notice' }) },
    ]);
    const approved = applyDecision(awaiting, { stepKey: 'd30-formal-notice', approve: true, by: 'l' }, now, context);
    expect(approved.state.approved).toEqual(['d30-formal-notice']);
    expect(approved.effects.map((e) => e.kind)).toEqual(['TIMELINE']);
  });

  it('takes a plan that adds up, refuses one that does not or a second one, and lets the landlord decide a reserved one', () => {
    const short = reduceDebtCase(
      fresh(),
      { kind: 'proposePlan', installments: plan.slice(0, 1), requiresLandlordApproval: false },
      now,
      context,
    );
    expect(short.refused?.field).toBe('installments');
    expect(short.refused?.message).toContain('the balance is 90000 cents');
    expect(
      reduceDebtCase(fresh(), { kind: 'proposePlan', installments: plan, requiresLandlordApproval: false }, now, { steps }).refused
        ?.message,
    ).toBe('the debt’s balance is not read yet');
    const promised: DebtCase = { ...fresh(), promise: { until: '2026-05-30T07:00:00.000Z', taskId: 't' } };
    const accepted = reduceDebtCase(promised, { kind: 'proposePlan', installments: plan, requiresLandlordApproval: false }, now, context);
    expect(accepted.reply).toEqual({ status: 'ACTIVE' });
    expect(accepted.state.plan).toEqual({ installments: plan, acceptedAt: now.toISOString() });
    expect(accepted.state.promise).toBeUndefined();
    expect(
      reduceDebtCase(accepted.state, { kind: 'proposePlan', installments: plan, requiresLandlordApproval: false }, now, context).refused
        ?.message,
    ).toBe('A payment plan is already running on this debt');
    const reserved = reduceDebtCase(fresh(), { kind: 'proposePlan', installments: plan, requiresLandlordApproval: true }, now, context);
    expect(reserved.reply).toEqual({ status: 'AWAITING_APPROVAL' });
    expect(viewOf(reserved.state).awaitingApprovals).toEqual([PAYMENT_PLAN_APPROVAL]);
    const rejected = applyDecision(reserved.state, { stepKey: PAYMENT_PLAN_APPROVAL, approve: false, by: 'l' }, now, context);
    expect(rejected.state.plan).toBeUndefined();
    expect(rejected.effects.map((e) => e.kind)).toEqual(['TIMELINE', 'TASK']);
  });

  it('turns task outcomes into a promise, a pause or a follow-up task', () => {
    const task = { kind: 'taskCompleted' as const, taskId: 't9', report: 'r' };
    expect(reduceDebtCase(fresh(), { ...task, outcome: 'PROMISE_TO_PAY', promisedDate: '2026-05-25' }, now, context).state.promise).toEqual(
      {
        until: expect.stringMatching(/^2026-05-30T/),
        taskId: 't9',
      },
    );
    expect(reduceDebtCase(fresh(), { ...task, outcome: 'DISPUTE' }, now, context).state.pause).toEqual({ reason: 'Dispute raised: r' });
    expect(reduceDebtCase(fresh(), { ...task, outcome: 'WRONG_NUMBER' }, now, context).state.followUps).toEqual([
      expect.objectContaining({ key: 'wrong-number:t9' }),
    ]);
    expect(reduceDebtCase(fresh(), { ...task, outcome: 'NO_ANSWER' }, now, context).state.history!.map((h) => h.kind)).toEqual([
      'TASK_NO_ANSWER',
    ]);
  });

  it('ends the case on a cancellation or a write-off, whatever it was doing', () => {
    fc.assert(
      fc.property(anyCase, fc.constantFrom('cancel' as const, 'writeOff' as const), (state, kind) => {
        const { effects, refused } = reduceDebtCase(state, { kind, reason: 'why' }, now, context);
        expect(refused).toBeUndefined();
        expect(effects).toContainEqual({ kind: 'END', status: kind === 'cancel' ? 'CANCELLED' : 'WRITTEN_OFF', reason: 'why' });
      }),
    );
  });

  it('publishes on the row PAUSED while paused, PAYMENT_PLAN on an accepted plan, ESCALATED once handed off, OPEN otherwise', () => {
    const sms = { kind: 'RUN' as const, step: STANDARD_SCENARIO.steps[0], at: now, dueAt: now, needsApproval: false };
    expect(progressOf({ ...fresh(), done: ['d3-sms'] }, sms)).toEqual({
      status: 'OPEN',
      currentStep: 'd3-sms',
      nextAction: { kind: STANDARD_SCENARIO.steps[0].action, stepKey: STANDARD_SCENARIO.steps[0].key, at: now.toISOString() },
    });
    expect(progressOf({ ...fresh(), pause: { reason: 'x' } }, { kind: 'WAIT', reason: 'PAUSED' })).toMatchObject({
      status: 'PAUSED',
      nextAction: { kind: 'WAIT_PAUSED', stepKey: null, at: null },
    });
    const onPlan: DebtCase = { ...fresh(), plan: { installments: plan, acceptedAt: now.toISOString() } };
    expect(progressOf(onPlan, { kind: 'WAIT', reason: 'PAYMENT_PLAN', until: now }).status).toBe('PAYMENT_PLAN');
    const reserved: DebtCase = {
      ...fresh(),
      plan: { installments: plan, acceptedAt: now.toISOString(), awaitingApprovalSince: now.toISOString() },
    };
    expect(progressOf(reserved, { kind: 'WAIT', reason: 'APPROVAL' })).toMatchObject({
      status: 'OPEN',
      nextAction: { kind: 'WAIT_APPROVAL', stepKey: PAYMENT_PLAN_APPROVAL },
    });
    expect(progressOf({ ...fresh(), escalated: true }, { kind: 'FINISHED' })).toEqual({
      status: 'ESCALATED',
      currentStep: null,
      nextAction: { kind: 'FINISHED', stepKey: null, at: null },
    });
  });
});
