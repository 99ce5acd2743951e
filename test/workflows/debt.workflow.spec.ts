import type { WorkflowHandle } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalActivities } from '../../activities/approval.activities.types';
import type { DebtActivities } from '../../activities/debt.activities.types';
import { addDays } from '../../src/domain/calendar-date';
import { STANDARD_SCENARIO } from '../../src/domain/default-scenarios';
import { stepDueAt } from '../../src/domain/dunning-plan';
import { isContactDay, nextContactTime, parisParts, parisTime } from '../../src/domain/french-calendar';
import { CONTACT_HOURS_ACTIONS, ScenarioDefinition } from '../../src/domain/scenario';
import { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import {
  cancelSignal,
  landlordDecisionSignal,
  pauseSignal,
  paymentRecordedSignal,
  proposePaymentPlanUpdate,
  resumeSignal,
  statusQuery,
  taskCompletedSignal,
} from '../../workflows/debt.messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { installmentCheckTime, promiseCheckTime } from '../../src/domain/payment-plan';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { temporalCliPath } from '../support/temporal-executables';
import { relanceWorkflowBundle, skipTime, sleepUntil, startTimeSkippingServer } from '../support/time-skipping';

/**
 * The debt workflow on the time-skipping server: months of scenario in seconds, every
 * action checked at its exact time. Activities are in-memory stand-ins that record what
 * the workflow asked and when (in workflow time).
 */
describe('debtDunning workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let anchor: string;
  let run = 0;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /**
   * With RECORD_HISTORIES=1, keeps a finished run's history in test/workflows/histories/ so
   * that debt.replay.spec.ts replays it against every later version of the workflow code.
   * RECORD_HISTORIES_SUFFIX (e.g. `-debt-progress`) names a new path's histories beside
   * those of the paths before it, which stay as they were recorded.
   */
  async function keepHistory(name: string, handle: WorkflowHandle<typeof debtDunning>): Promise<void> {
    if (!process.env.RECORD_HISTORIES) return;
    const dir = join(__dirname, 'histories');
    mkdirSync(dir, { recursive: true });
    // The CLI's JSON is the history format Temporal's replayer reads.
    const json = execFileSync(
      temporalCliPath(),
      ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', env.address, '--output', 'json'],
      { encoding: 'utf8' },
    );
    writeFileSync(join(dir, `${name}${process.env.RECORD_HISTORIES_SUFFIX ?? ''}.json`), json.endsWith('\n') ? json : `${json}\n`);
  }

  /** The debt's live balance as the fake ledger sees it; tests change it and signal a payment. */
  interface Balance {
    cents: number;
    /** Paid since the payment plan was accepted. */
    paidSincePlan?: number;
  }

  interface Recorded {
    steps: Array<{ stepKey: string; at: string; performedAt: string }>;
    events: Array<{ kind: string; at: string; data?: Record<string, unknown> }>;
    tasks: string[];
    /** The debt's PAYMENT_PLAN status mirror, each change in order. */
    onPlan: boolean[];
    /** What the workflow published on the debt's row (status, step done last, next action), in order. */
    progress: Array<Parameters<DebtActivities['recordDebtProgress']>[0]>;
    /** The landlord's side of approvals (patch `approval-requests`): request, reminder, lapse, each with its step. */
    approvals: string[];
    closed?: { status: string; reason: string };
  }

  function fakeActivities(balance: Balance, onEvent?: (kind: string, data?: Record<string, unknown>) => void) {
    const recorded: Recorded = { steps: [], events: [], tasks: [], onPlan: [], progress: [], approvals: [] };
    const activities: DebtActivities & ApprovalActivities = {
      async readDebtState({ paymentsSince }) {
        return {
          balanceCents: balance.cents,
          anchor: balance.cents > 0 ? anchor : null,
          ...(paymentsSince ? { paidSinceCents: balance.paidSincePlan ?? 0 } : {}),
        };
      },
      async performStep({ stepKey, scheduledAt, performedAt }) {
        recorded.steps.push({ stepKey, at: scheduledAt, performedAt });
      },
      async recordDebtEvent({ kind, at, data }) {
        recorded.events.push({ kind, at, data });
        onEvent?.(kind, data);
      },
      async createAgentTask({ key }) {
        recorded.tasks.push(key);
      },
      async recordDebtProgress(progress) {
        recorded.progress.push(progress);
        // The row's PAYMENT_PLAN status, each change in order, as the mirror of runs before `debt-progress` recorded it.
        const onPlan = progress.status === 'PAYMENT_PLAN';
        if (onPlan !== (recorded.onPlan[recorded.onPlan.length - 1] ?? false)) recorded.onPlan.push(onPlan);
      },
      async setDebtPaused() {
        // the status mirror is the database's concern; nothing to record here
      },
      async setDebtOnPlan({ onPlan }) {
        recorded.onPlan.push(onPlan);
      },
      async closeDebt({ status, reason }) {
        recorded.closed = { status, reason };
      },
      async requestLandlordApproval({ stepKey }) {
        recorded.approvals.push(`request:${stepKey}`);
      },
      async remindLandlordApproval({ stepKey }) {
        recorded.approvals.push(`remind:${stepKey}`);
      },
      async lapseLandlordApproval({ stepKey, reason }) {
        recorded.approvals.push(`lapse:${stepKey}:${reason}`);
      },
    };
    return { activities, recorded };
  }

  /**
   * Starts a debt whose day 0 is the first day from tomorrow (Paris, in server time, which
   * earlier tests moved on) that `anchorFits`, so every step lies ahead and the case a test
   * names happens whatever the date the suite runs on.
   */
  async function start(
    activities: DebtActivities,
    options: {
      maxCachedWorkflows?: number;
      carried?: DebtDunningInput['carried'];
      scenario?: ScenarioDefinition;
      anchorFits?: (anchor: string) => boolean;
    } = {},
  ) {
    const { carried, scenario, anchorFits = () => true, ...workerOptions } = options;
    run += 1;
    anchor = addDays(parisParts(new Date(await env.currentTimeMs())).date, 1);
    for (let tries = 0; !anchorFits(anchor); tries++) {
      if (tries > 31) throw new Error(`no anchor fits within a month of ${anchor}`);
      anchor = addDays(anchor, 1);
    }
    const taskQueue = `debt-${run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
      ...workerOptions,
    });
    const input: DebtDunningInput = {
      workspaceId: 'ws',
      debtId: `debt-${run}`,
      scenario: scenario ?? STANDARD_SCENARIO,
      pursueFromCents: 1,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      ...(carried ? { carried } : {}),
    };
    const handle = await env.client.workflow.start(debtDunning, { workflowId: `debt:ws:debt-${run}`, taskQueue, args: [input] });
    return { worker, handle, taskQueue };
  }

  /**
   * Advances time a day at a time until `stepKey` is done, then pays the debt in full and
   * waits for the workflow's result (the scenario alone leaves the debt open).
   */
  async function payOnceStepDone(
    handle: WorkflowHandle<typeof debtDunning>,
    recorded: Recorded,
    balance: { cents: number },
    stepKey: string,
  ): Promise<unknown> {
    while (!recorded.steps.some((s) => s.stepKey === stepKey)) await skipTime(env, '1 day');
    balance.cents = 0;
    await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
    return handle.result();
  }

  /** When each step of the standard scenario is due, calendar applied. */
  const expectedAt = (key: string) => {
    const step = STANDARD_SCENARIO.steps.find((s) => s.key === key)!;
    const due = stepDueAt(step, anchor);
    return (CONTACT_HOURS_ACTIONS.includes(step.action) ? nextContactTime(due) : due).toISOString();
  };

  it('runs the seed scenario, every action at its time, the landlord approving', async () => {
    let signalApproval: (stepKey: string) => void = () => undefined;
    const balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance, (kind, data) => {
      if (kind === 'APPROVAL_REQUESTED') signalApproval(String(data?.stepKey));
    });
    const { worker, handle } = await start(activities);
    signalApproval = (stepKey) =>
      void handle.signal(landlordDecisionSignal, { stepKey, approve: true, by: 'landlord' }).catch(() => undefined);
    // The scenario ends with the hand-off; the debt stays open: pay it to end the workflow.
    const done = payOnceStepDone(handle, recorded, balance, 'd45-handoff');
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    // In the order they fall due (an SMS moved off a Sunday comes after that day's e-mail).
    const byTime = (a: { at: string }, b: { at: string }) => Date.parse(a.at) - Date.parse(b.at);
    expect(recorded.steps.map(({ stepKey, at }) => ({ stepKey, at }))).toEqual(
      STANDARD_SCENARIO.steps.map((s) => ({ stepKey: s.key, at: expectedAt(s.key) })).sort(byTime),
    );
    // Carried out when scheduled, to within the few milliseconds a workflow task takes.
    for (const step of recorded.steps) expect(Date.parse(step.performedAt) - Date.parse(step.at)).toBeLessThan(5_000);
    expect(recorded.events.filter((e) => e.kind === 'APPROVAL_REQUESTED')).toHaveLength(2);
    expect(recorded.closed).toEqual({ status: 'RESOLVED', reason: 'PAID' });
    await keepHistory('standard-scenario-approved', handle);
  });

  it('keeps an SMS and a call at least 48 hours apart, and says the call was moved', async () => {
    const balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const scenario: ScenarioDefinition = {
      key: 'close-contacts',
      name: 'Close contacts',
      steps: [
        { key: 'd1-sms', dayOffset: 1, action: 'SMS' },
        { key: 'd2-call', dayOffset: 2, action: 'CALL_TASK', manual: true },
      ],
    };
    // D+1 to D+3 ordinary contact days: the SMS goes on its day, and only the gap moves the call.
    const { worker, handle } = await start(activities, {
      scenario,
      anchorFits: (a) => [1, 2, 3].every((d) => isContactDay(addDays(a, d))),
    });
    expect(await worker.runUntil(payOnceStepDone(handle, recorded, balance, 'd2-call'))).toBe('RESOLVED');
    const [sms, call] = recorded.steps;
    expect([sms.stepKey, call.stepKey]).toEqual(['d1-sms', 'd2-call']);
    const gap = Date.parse(call.performedAt) - Date.parse(sms.performedAt);
    expect(gap).toBeGreaterThanOrEqual(48 * 3600_000);
    // Not a moment later than the contact calendar asks.
    expect(call.performedAt.slice(0, 19)).toBe(
      nextContactTime(new Date(Date.parse(sms.performedAt) + 48 * 3600_000))
        .toISOString()
        .slice(0, 19),
    );
    expect(recorded.events.filter((e) => e.kind === 'STEP_MOVED')).toHaveLength(1);
  });

  it('stops every later step when the debt is paid in full at D+12', async () => {
    const balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const done = (async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 12), 12));
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      return handle.result();
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    // (In either order: an SMS whose D+3 is a Sunday goes after that day's e-mail.)
    expect(recorded.steps.map((s) => s.stepKey).sort()).toEqual(['d10-letter', 'd3-email', 'd3-sms', 'd5-guarantor']);
    await keepHistory('paid-in-full-d12', handle);
  });

  it('goes on with the new amount after a partial payment at D+12', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const done = (async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 12), 12));
      await pay(handle, balance, 50_000);
      return payOnceStepDone(handle, recorded, balance, 'd20-call');
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    // The payment woke the workflow, which re-read 400 € still due and kept the call on its date.
    expect(recorded.steps.map((s) => s.stepKey).sort()).toEqual(['d10-letter', 'd20-call', 'd3-email', 'd3-sms', 'd5-guarantor']);
    expect(recorded.steps.find((s) => s.stepKey === 'd20-call')!.at).toBe(expectedAt('d20-call'));
    expect(recorded.closed).toEqual({ status: 'RESOLVED', reason: 'PAID' });
  });

  it('pauses until a date, then resumes by itself with the overdue step', async () => {
    const balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const until = () => parisTime(addDays(anchor, 15), 0).toISOString();
    const done = (async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 5), 12));
      await handle.signal(pauseSignal, { reason: 'Tenant in hospital', until: until(), by: 'agent' });
      while (!recorded.steps.some((s) => s.stepKey === 'd20-call')) await skipTime(env, '1 day');
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      return handle.result();
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    const letter = recorded.steps.find((s) => s.stepKey === 'd10-letter')!;
    expect(letter.at).toBe(expectedAt('d10-letter'));
    expect(Date.parse(letter.performedAt) - Date.parse(until())).toBeGreaterThanOrEqual(0);
    expect(Date.parse(letter.performedAt) - Date.parse(until())).toBeLessThan(5_000);
    expect(recorded.events.map((e) => e.kind)).toContain('RESUMED');
    await keepHistory('paused-until-date', handle);
  });

  it('does not send the formal notice the landlord rejects, and asks an agent instead', async () => {
    let signalDecision: (stepKey: string) => void = () => undefined;
    const balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance, (kind, data) => {
      if (kind === 'APPROVAL_REQUESTED') signalDecision(String(data?.stepKey));
    });
    const { worker, handle } = await start(activities);
    signalDecision = (stepKey) =>
      void handle
        .signal(landlordDecisionSignal, { stepKey, approve: stepKey !== 'd30-formal-notice', comment: 'Pas encore', by: 'landlord' })
        .catch(() => undefined);
    const done = payOnceStepDone(handle, recorded, balance, 'd45-handoff');
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    expect(recorded.steps.map((s) => s.stepKey)).not.toContain('d30-formal-notice');
    expect(recorded.tasks).toEqual(['rejected:d30-formal-notice']);
    expect(recorded.events.map((e) => e.kind)).toContain('LANDLORD_REJECTED');
    await keepHistory('formal-notice-rejected', handle);
  });

  /** Pays `cents` on the fake ledger (counting towards a plan) and tells the workflow. */
  async function pay(handle: WorkflowHandle<typeof debtDunning>, balance: Balance, cents: number) {
    balance.cents -= cents;
    balance.paidSincePlan = (balance.paidSincePlan ?? 0) + cents;
    await handle.signal(paymentRecordedSignal, { paymentId: `p-${balance.cents}`, amountCents: cents });
  }

  it('refuses a plan that does not add up, changing nothing, and resolves the debt when the plan is kept', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const installments = [15, 45, 75].map((d) => ({ dueDate: addDays(anchor, d), amountCents: 30_000 }));
    const done = (async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 12), 12));
      const short = handle.executeUpdate(proposePaymentPlanUpdate, {
        args: [{ installments: installments.slice(0, 2), requiresLandlordApproval: false, by: 'agent' }],
      });
      await expect(short).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(short).rejects.toMatchObject({
        cause: { message: expect.stringContaining('add up to 60000 cents but the balance is 90000') },
      });
      expect((await handle.query(statusQuery)).status).toBe('OPEN');
      const accepted = await handle.executeUpdate(proposePaymentPlanUpdate, {
        args: [{ installments, requiresLandlordApproval: false, by: 'agent' }],
      });
      expect(accepted).toEqual({ status: 'ACTIVE' });
      expect((await handle.query(statusQuery)).status).toBe('PAYMENT_PLAN');
      for (const installment of installments) {
        await sleepUntil(env, parisTime(installment.dueDate, 12));
        await pay(handle, balance, installment.amountCents);
      }
      return handle.result();
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    // Nothing after the letter: the plan held the scenario for two months.
    expect(recorded.steps.map((s) => s.stepKey).sort()).toEqual(['d10-letter', 'd3-email', 'd3-sms', 'd5-guarantor']);
    expect(recorded.onPlan).toEqual([true]);
    expect(recorded.closed).toEqual({ status: 'RESOLVED', reason: 'PAID' });
    await keepHistory('payment-plan-kept', handle);
  });

  it('resumes the scenario and asks an agent when an installment is missed', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const installments = [15, 45].map((d) => ({ dueDate: addDays(anchor, d), amountCents: 45_000 }));
    const brokenAt = () => installmentCheckTime(installments[1]);
    const done = (async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 12), 12));
      await handle.executeUpdate(proposePaymentPlanUpdate, { args: [{ installments, requiresLandlordApproval: false, by: 'agent' }] });
      await sleepUntil(env, parisTime(installments[0].dueDate, 12));
      await pay(handle, balance, 45_000);
      // The second installment never comes: the plan breaks at its check time.
      while (!recorded.steps.some((s) => s.stepKey === 'd20-call')) await skipTime(env, '1 day');
      await pay(handle, balance, 45_000);
      return handle.result();
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    const broken = recorded.events.find((e) => e.kind === 'PLAN_BROKEN')!;
    expect(broken.data).toEqual({ installment: 2, paidCents: 45_000, expectedCents: 90_000 });
    expect(Date.parse(broken.at) - brokenAt().getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(broken.at) - brokenAt().getTime()).toBeLessThan(5_000);
    expect(recorded.tasks).toEqual([expect.stringMatching(/^plan-broken:/)]);
    // The call, held by the plan since D+20, is the first step after it broke.
    const call = recorded.steps.find((s) => s.stepKey === 'd20-call')!;
    expect(Date.parse(call.performedAt)).toBeGreaterThanOrEqual(brokenAt().getTime());
    expect(recorded.onPlan).toEqual([true, false]);
    await keepHistory('payment-plan-broken', handle);
  });

  it('waits for a promise to pay until its date, then resumes with the formal notice', async () => {
    let approve: (stepKey: string) => void = () => undefined;
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance, (kind, data) => {
      if (kind === 'APPROVAL_REQUESTED') approve(String(data?.stepKey));
    });
    const { worker, handle } = await start(activities);
    approve = (stepKey) => void handle.signal(landlordDecisionSignal, { stepKey, approve: true, by: 'landlord' }).catch(() => undefined);
    const promisedDate = () => addDays(anchor, 33);
    const done = (async () => {
      while (!recorded.steps.some((s) => s.stepKey === 'd20-call')) await skipTime(env, '1 day');
      await handle.signal(taskCompletedSignal, {
        taskId: 'call-1',
        outcome: 'PROMISE_TO_PAY',
        promisedDate: promisedDate(),
        report: 'Will pay after payday',
        by: 'agent',
      });
      return payOnceStepDone(handle, recorded, balance, 'd30-formal-notice');
    })();
    expect(await worker.runUntil(done)).toBe('RESOLVED');
    const check = promiseCheckTime(promisedDate()).getTime();
    const brokenPromise = recorded.events.find((e) => e.kind === 'PROMISE_BROKEN')!;
    expect(Date.parse(brokenPromise.at) - check).toBeGreaterThanOrEqual(0);
    expect(Date.parse(brokenPromise.at) - check).toBeLessThan(5_000);
    // Due at D+30, the formal notice waited for the promise.
    expect(Date.parse(recorded.steps.find((s) => s.stepKey === 'd30-formal-notice')!.performedAt)).toBeGreaterThanOrEqual(check);
  });

  it('holds a disputed debt until an agent resumes it', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const { worker, handle } = await start(activities);
    const done = (async () => {
      while (!recorded.steps.some((s) => s.stepKey === 'd20-call')) await skipTime(env, '1 day');
      await handle.signal(taskCompletedSignal, {
        taskId: 'call-1',
        outcome: 'DISPUTE',
        report: 'Says the June rent was paid in cash',
        by: 'agent',
      });
      await sleepUntil(env, parisTime(addDays(anchor, 40), 12));
      expect((await handle.query(statusQuery)).status).toBe('PAUSED');
      expect(recorded.events.map((e) => e.kind)).not.toContain('APPROVAL_REQUESTED');
      await handle.signal(resumeSignal, { by: 'agent' });
      while (!recorded.events.some((e) => e.kind === 'APPROVAL_REQUESTED')) await skipTime(env, '1 hour');
      await handle.signal(cancelSignal, { reason: 'Dispute upheld', by: 'agent' });
      return handle.result();
    })();
    expect(await worker.runUntil(done)).toBe('CANCELLED');
  });

  it('loses no step and repeats none when the worker stops mid-scenario and another takes over', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    // Without a cache the stopped worker holds no sticky queue the next one would wait on.
    const { worker, handle, taskQueue } = await start(activities, { maxCachedWorkflows: 0 });
    await worker.runUntil(async () => {
      while (!recorded.steps.some((s) => s.stepKey === 'd10-letter')) await skipTime(env, '1 day');
    });
    // (The time-skipping server cannot move time while a workflow task waits for a worker,
    // so the new worker starts at once.) It rebuilds the workflow's state from its history.
    const next = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
    });
    const done = (async () => {
      while (!recorded.tasks.includes('approval-overdue:d30-formal-notice')) await skipTime(env, '1 day');
      await pay(handle, balance, balance.cents);
      return handle.result();
    })();
    expect(await next.runUntil(done)).toBe('RESOLVED');
    const keys = recorded.steps.map((s) => s.stepKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect([...keys].sort()).toEqual(['d10-letter', 'd20-call', 'd3-email', 'd3-sms', 'd5-guarantor']);
    // The landlord did not answer: the approval request and its overdue task, once each.
    expect(recorded.events.filter((e) => e.kind === 'APPROVAL_REQUESTED')).toHaveLength(1);
    const call = recorded.steps.find((s) => s.stepKey === 'd20-call')!;
    expect(call.at).toBe(expectedAt('d20-call'));
    expect(Date.parse(call.performedAt) - Date.parse(call.at)).toBeLessThan(5_000);
  });

  it('picks up the state a run carried over by continue-as-new: nothing redone, approvals kept', async () => {
    const balance: Balance = { cents: 90_000 };
    const { activities, recorded } = fakeActivities(balance);
    const carried = {
      done: ['d3-sms', 'd3-email', 'd5-guarantor', 'd10-letter'],
      approved: ['d30-formal-notice'],
      history: [{ at: '2026-01-01T08:00:00.000Z', kind: 'LETTER', stepKey: 'd10-letter' }],
    };
    const { worker, handle } = await start(activities, { carried });
    expect(await worker.runUntil(payOnceStepDone(handle, recorded, balance, 'd30-formal-notice'))).toBe('RESOLVED');
    expect(recorded.steps.map((s) => s.stepKey)).toEqual(['d20-call', 'd30-formal-notice']);
    // Approved before the new run: the notice went out without asking again.
    expect(recorded.events.map((e) => e.kind)).not.toContain('APPROVAL_REQUESTED');
  });
});
