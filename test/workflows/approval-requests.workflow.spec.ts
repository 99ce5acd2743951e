import type { WorkflowHandle } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalActivities } from '../../activities/approval.activities.types';
import type { DebtActivities } from '../../activities/debt.activities.types';
import { addDays } from '../../src/domain/calendar-date';
import { APPROVAL_DEADLINE_DAYS, APPROVAL_REMINDER_DAYS_BEFORE } from '../../src/domain/debt-reducer';
import { stepDueAt } from '../../src/domain/dunning-plan';
import { parisParts, parisTime } from '../../src/domain/french-calendar';
import type { ScenarioDefinition } from '../../src/domain/scenario';
import { cancelSignal, landlordDecisionSignal, paymentRecordedSignal, proposePaymentPlanUpdate } from '../../workflows/debt.messages';
import { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { temporalCliPath } from '../support/temporal-executables';
import { relanceWorkflowBundle, skipTime, sleepUntil, startTimeSkippingServer } from '../support/time-skipping';

const DAY = 86_400_000;

/** One formal notice the landlord must approve, on D+1. */
const NOTICE_SCENARIO: ScenarioDefinition = {
  key: 'approval-requests',
  name: 'A formal notice to approve',
  steps: [{ key: 'd1-notice', dayOffset: 1, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true }],
};

/**
 * The landlord's side of approvals on the time-skipping server (patch `approval-requests`):
 * when the workflow asks, the request becomes a row and the landlord is told; two days
 * before the deadline they are reminded; at the deadline the row lapses beside the agent's
 * task. Each activity call is checked at its exact workflow time.
 */
describe('approval requests in the debt workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let run = 0;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /**
   * With RECORD_HISTORIES=1, keeps the run's history for debt.replay.spec.ts, as
   * debt.workflow.spec.ts does (the lapse and reminder paths are recorded from here).
   */
  function keepHistory(name: string, handle: WorkflowHandle<typeof debtDunning>): void {
    if (!process.env.RECORD_HISTORIES) return;
    const json = execFileSync(
      temporalCliPath(),
      ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', env.address, '--output', 'json'],
      { encoding: 'utf8' },
    );
    writeFileSync(join(__dirname, 'histories', `${name}.json`), json.endsWith('\n') ? json : `${json}\n`);
  }

  interface ApprovalCall {
    call: 'request' | 'remind' | 'lapse';
    stepKey: string;
    requestedAt: string;
    deadlineAt?: string;
    at?: string;
    reason?: string;
    action?: string;
    installments?: unknown;
  }

  function fakeActivities(balance: { cents: number }, anchor: () => string, onRequest?: (stepKey: string) => void) {
    const recorded = { approvals: [] as ApprovalCall[], tasks: [] as string[], steps: [] as string[], events: [] as string[] };
    const activities: DebtActivities & ApprovalActivities = {
      readDebtState: async ({ paymentsSince }) => ({
        balanceCents: balance.cents,
        anchor: balance.cents > 0 ? anchor() : null,
        ...(paymentsSince ? { paidSinceCents: 0 } : {}),
      }),
      performStep: async ({ stepKey }) => void recorded.steps.push(stepKey),
      recordDebtEvent: async ({ kind }) => void recorded.events.push(kind),
      createAgentTask: async ({ key }) => void recorded.tasks.push(key),
      recordDebtProgress: async () => undefined,
      setDebtPaused: async () => undefined,
      setDebtOnPlan: async () => undefined,
      closeDebt: async () => undefined,
      async requestLandlordApproval({ stepKey, requestedAt, deadlineAt, action, installments }) {
        recorded.approvals.push({ call: 'request', stepKey, requestedAt, deadlineAt, action, installments });
        onRequest?.(stepKey);
      },
      async remindLandlordApproval({ stepKey, requestedAt, at }) {
        recorded.approvals.push({ call: 'remind', stepKey, requestedAt, at });
      },
      async lapseLandlordApproval({ stepKey, requestedAt, at, reason }) {
        recorded.approvals.push({ call: 'lapse', stepKey, requestedAt, at, reason });
      },
    };
    return { activities, recorded };
  }

  async function start(activities: DebtActivities & ApprovalActivities, scenario: ScenarioDefinition) {
    run += 1;
    const taskQueue = `approvals-${run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
    });
    const input: DebtDunningInput = {
      workspaceId: 'ws',
      debtId: `approvals-${run}`,
      scenario,
      pursueFromCents: 1,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
    };
    const handle = await env.client.workflow.start(debtDunning, { workflowId: `debt:ws:approvals-${run}`, taskQueue, args: [input] });
    return { worker, handle };
  }

  /** Day 0 tomorrow (Paris, server time): every step lies ahead whatever the date the suite runs on. */
  const tomorrow = async () => addDays(parisParts(new Date(await env.currentTimeMs())).date, 1);
  /** Workflow time has moved on by a few milliseconds of task processing at most. */
  const near = (actual: string | undefined, expected: Date) => {
    expect(actual).toBeDefined();
    expect(Math.abs(Date.parse(actual!) - expected.getTime())).toBeLessThan(5_000);
  };

  it('asks the landlord at the step’s time, reminds them two days before the deadline, and lapses the request at it', async () => {
    const balance = { cents: 90_000 };
    const anchor = await tomorrow();
    const { activities, recorded } = fakeActivities(balance, () => anchor);
    const { worker, handle } = await start(activities, NOTICE_SCENARIO);
    const askedAt = stepDueAt(NOTICE_SCENARIO.steps[0], anchor);
    const deadline = new Date(askedAt.getTime() + APPROVAL_DEADLINE_DAYS * DAY);
    const reminder = new Date(deadline.getTime() - APPROVAL_REMINDER_DAYS_BEFORE * DAY);
    await worker.runUntil(async () => {
      await sleepUntil(env, new Date(askedAt.getTime() + 60_000));
      while (recorded.approvals.length < 1) await skipTime(env, '1 minute');
      // Just before the reminder: asked once, nothing more.
      await sleepUntil(env, new Date(reminder.getTime() - 60_000));
      expect(recorded.approvals.map((a) => a.call)).toEqual(['request']);
      await sleepUntil(env, new Date(reminder.getTime() + 60_000));
      while (recorded.approvals.length < 2) await skipTime(env, '1 minute');
      await sleepUntil(env, new Date(deadline.getTime() - 60_000));
      expect(recorded.approvals.map((a) => a.call)).toEqual(['request', 'remind']);
      expect(recorded.tasks).toEqual([]);
      await sleepUntil(env, new Date(deadline.getTime() + 60_000));
      while (!recorded.tasks.includes('approval-overdue:d1-notice')) await skipTime(env, '1 minute');
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      expect(await handle.result()).toBe('RESOLVED');
    });
    const [request, remind, lapse, ...more] = recorded.approvals;
    expect(more).toEqual([]);
    expect(request).toMatchObject({ call: 'request', stepKey: 'd1-notice', action: 'FORMAL_NOTICE' });
    near(request.requestedAt, askedAt);
    // The deadline is the request's own time plus the days a landlord has.
    expect(request.deadlineAt).toBe(new Date(Date.parse(request.requestedAt) + APPROVAL_DEADLINE_DAYS * DAY).toISOString());
    expect(remind).toMatchObject({ call: 'remind', stepKey: 'd1-notice', requestedAt: request.requestedAt });
    near(remind.at, reminder);
    expect(lapse).toMatchObject({ call: 'lapse', stepKey: 'd1-notice', requestedAt: request.requestedAt, reason: 'DEADLINE' });
    near(lapse.at, deadline);
    // Today's lapse is unchanged beside it: the step is not carried out, an agent chases the landlord.
    expect(recorded.steps).toEqual([]);
    expect(recorded.tasks).toEqual(['approval-overdue:d1-notice']);
    keepHistory('formal-notice-lapsed-approval-requests', handle);
  });

  it('carries the step out once the landlord approves, with no reminder and no lapse', async () => {
    const balance = { cents: 90_000 };
    const anchor = await tomorrow();
    let approve: (stepKey: string) => void = () => undefined;
    const { activities, recorded } = fakeActivities(
      balance,
      () => anchor,
      (stepKey) => approve(stepKey),
    );
    const { worker, handle } = await start(activities, NOTICE_SCENARIO);
    approve = (stepKey) =>
      void handle.signal(landlordDecisionSignal, { stepKey, approve: true, comment: 'OK', by: 'session:s1' }).catch(() => undefined);
    const askedAt = stepDueAt(NOTICE_SCENARIO.steps[0], anchor);
    await worker.runUntil(async () => {
      await sleepUntil(env, new Date(askedAt.getTime() + 60_000));
      while (!recorded.steps.includes('d1-notice')) await skipTime(env, '1 minute');
      // Past the would-be reminder and deadline: nothing more is asked of the landlord.
      await sleepUntil(env, new Date(askedAt.getTime() + (APPROVAL_DEADLINE_DAYS + 1) * DAY));
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      expect(await handle.result()).toBe('RESOLVED');
    });
    expect(recorded.approvals.map((a) => `${a.call}:${a.stepKey}`)).toEqual(['request:d1-notice']);
    expect(recorded.events).toContain('LANDLORD_APPROVED');
    expect(recorded.tasks).toEqual([]);
  });

  it('asks for a reserved payment plan with its installments, reminds, and lapses it at the deadline', async () => {
    const balance = { cents: 90_000 };
    // A scenario whose only step is far off: the plan is all that happens.
    const scenario: ScenarioDefinition = { key: 'far', name: 'Far', steps: [{ key: 'd60-letter', dayOffset: 60, action: 'LETTER' }] };
    const anchor = await tomorrow();
    const { activities, recorded } = fakeActivities(balance, () => anchor);
    const { worker, handle } = await start(activities, scenario);
    const today = parisParts(new Date(await env.currentTimeMs())).date;
    const installments = [
      { dueDate: addDays(today, 10), amountCents: 45_000 },
      { dueDate: addDays(today, 40), amountCents: 45_000 },
    ];
    let proposedAt = 0;
    await worker.runUntil(async () => {
      // The first turn has read the balance (the plan is checked against it).
      await skipTime(env, '1 hour');
      proposedAt = await env.currentTimeMs();
      const reply = await handle.executeUpdate(proposePaymentPlanUpdate, {
        args: [{ installments, requiresLandlordApproval: true, by: 'api-key:agent' }],
      });
      expect(reply.status).toBe('AWAITING_APPROVAL');
      await sleepUntil(env, new Date(proposedAt + APPROVAL_DEADLINE_DAYS * DAY + 60_000));
      while (!recorded.tasks.some((t) => t.startsWith('plan-approval-overdue:'))) await skipTime(env, '1 minute');
      await handle.signal(cancelSignal, { reason: 'end of test', by: 'agent' });
      expect(await handle.result()).toBe('CANCELLED');
    });
    const [request, remind, lapse, ...more] = recorded.approvals;
    expect(more).toEqual([]);
    expect(request).toMatchObject({ call: 'request', stepKey: 'payment-plan', installments });
    expect(request.action).toBeUndefined();
    near(request.requestedAt, new Date(proposedAt));
    const deadline = new Date(Date.parse(request.requestedAt) + APPROVAL_DEADLINE_DAYS * DAY);
    expect(request.deadlineAt).toBe(deadline.toISOString());
    near(remind.at, new Date(deadline.getTime() - APPROVAL_REMINDER_DAYS_BEFORE * DAY));
    expect(lapse).toMatchObject({ call: 'lapse', stepKey: 'payment-plan', reason: 'DEADLINE' });
    near(lapse.at, deadline);
    keepHistory('payment-plan-lapsed-approval-requests', handle);
  });

  it('lapses a request still pending when the debt closes', async () => {
    const balance = { cents: 90_000 };
    const anchor = await tomorrow();
    const { activities, recorded } = fakeActivities(balance, () => anchor);
    const { worker, handle } = await start(activities, NOTICE_SCENARIO);
    await worker.runUntil(async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 1), 12));
      while (recorded.approvals.length < 1) await skipTime(env, '1 minute');
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      expect(await handle.result()).toBe('RESOLVED');
    });
    expect(recorded.approvals.map((a) => `${a.call}:${a.stepKey}:${a.reason ?? ''}`)).toEqual([
      'request:d1-notice:',
      'lapse:d1-notice:DEBT_CLOSED',
    ]);
  });
});
