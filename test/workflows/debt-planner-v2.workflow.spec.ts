import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalActivities } from '../../activities/approval.activities.types';
import type { DebtActivities } from '../../activities/debt.activities.types';
import { addDays } from '../../src/domain/calendar-date';
import { STANDARD_SCENARIO } from '../../src/domain/default-scenarios';
import { nextContactTime, parisParts, parisTime } from '../../src/domain/french-calendar';
import { installmentCheckTime } from '../../src/domain/payment-plan';
import { ScenarioDefinition } from '../../src/domain/scenario';
import { paymentRecordedSignal, proposePaymentPlanUpdate, statusQuery } from '../../workflows/debt.messages';
import { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { skipTime, sleepUntil, startTimeSkippingServer } from '../support/time-skipping';

/**
 * The rules of planner version 2 as a running debt meets them on the time-skipping server:
 * no channel waits for another, stale steps follow their catch-up policy, the preferred
 * channel narrows a channel group, a hand-off escalates the debt. Every anchor is taken
 * from the server's clock, so each case happens whatever the date the suite runs on.
 */
describe('debtDunning on planner version 2 (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let run = 0;
  /** Runs of the current test: one left running without a worker would stop time from moving for the next. */
  let handles: Array<{ terminate(): Promise<unknown> }> = [];

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });
  afterEach(async () => {
    await Promise.all(handles.map((h) => h.terminate().catch(() => undefined)));
    handles = [];
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const serverToday = async () => parisParts(new Date(await env.currentTimeMs())).date;

  function fakeActivities(anchor: string, balance: { cents: number }) {
    const recorded = {
      steps: [] as Array<{ stepKey: string; performedAt: string }>,
      events: [] as Array<{ kind: string; summary: string; at: string }>,
    };
    const activities: DebtActivities & ApprovalActivities = {
      readDebtState: async () => ({ balanceCents: balance.cents, anchor: balance.cents > 0 ? anchor : null, paidSinceCents: 0 }),
      performStep: async ({ stepKey, performedAt }) => void recorded.steps.push({ stepKey, performedAt }),
      recordDebtEvent: async ({ kind, summary, at }) => void recorded.events.push({ kind, summary, at }),
      createAgentTask: async () => undefined,
      recordDebtProgress: async () => undefined,
      setDebtPaused: async () => undefined,
      setDebtOnPlan: async () => undefined,
      closeDebt: async () => undefined,
      requestLandlordApproval: async () => undefined,
      remindLandlordApproval: async () => undefined,
      lapseLandlordApproval: async () => undefined,
    };
    return { activities, recorded };
  }

  async function start(anchor: string, balance: { cents: number }, extra: Partial<DebtDunningInput> = {}) {
    run += 1;
    const { activities, recorded } = fakeActivities(anchor, balance);
    const taskQueue = `planner-v2-${run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    const input: DebtDunningInput = {
      workspaceId: 'ws',
      debtId: `v2-${run}`,
      scenario: STANDARD_SCENARIO,
      pursueFromCents: 1,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
      ...extra,
    };
    const handle = await env.client.workflow.start(debtDunning, { workflowId: `debt:ws:v2-${run}`, taskQueue, args: [input] });
    handles.push(handle);
    const pay = async () => {
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      return handle.result();
    };
    return { worker, handle, recorded, pay };
  }

  const stepsUntil = async (recorded: { steps: Array<{ stepKey: string }> }, stepKey: string) => {
    while (!recorded.steps.some((s) => s.stepKey === stepKey)) await skipTime(env, '1 day');
  };

  it('sends a D+3 e-mail due at 21:00 at once while its SMS waits for 9:00 on the next contact day', async () => {
    const anchor = addDays(await serverToday(), 1);
    const at21 = parisTime(addDays(anchor, 3), 21);
    await sleepUntil(env, at21);
    const balance = { cents: 90_000 };
    const { worker, recorded, pay } = await start(anchor, balance);
    await worker.runUntil(async () => {
      await stepsUntil(recorded, 'd3-sms');
      await pay();
    });
    const [email, sms] = recorded.steps;
    expect(email.stepKey).toBe('d3-email');
    // At once: within the seconds the worker takes to start (server time runs in real time meanwhile).
    expect(Date.parse(email.performedAt) - at21.getTime()).toBeLessThan(60_000);
    expect(sms.stepKey).toBe('d3-sms');
    expect(Date.parse(sms.performedAt) - nextContactTime(at21).getTime()).toBeLessThan(5_000);
    expect(Date.parse(sms.performedAt)).toBeGreaterThanOrEqual(nextContactTime(at21).getTime());
  });

  it('skips the courteous D+3 messages after a plan broken on D+24, says why, and sends the letter and the call', async () => {
    const anchor = addDays(await serverToday(), 2);
    const balance = { cents: 90_000 };
    const { worker, handle, recorded, pay } = await start(anchor, balance);
    // Installment 1 on D+19 is checked on D+24 at 9:00: never paid, the plan breaks then.
    const installments = [
      { dueDate: addDays(anchor, 19), amountCents: 45_000 },
      { dueDate: addDays(anchor, 40), amountCents: 45_000 },
    ];
    await worker.runUntil(async () => {
      // The plan is proposed on D+1, once the workflow has read the balance and before any step.
      await sleepUntil(env, parisTime(addDays(anchor, 1), 12));
      await handle.executeUpdate(proposePaymentPlanUpdate, { args: [{ installments, requiresLandlordApproval: false, by: 'agent' }] });
      await sleepUntil(env, installmentCheckTime(installments[0]));
      await stepsUntil(recorded, 'd20-call');
      await pay();
    });
    const broken = installmentCheckTime(installments[0]).getTime();
    // The guarantor notice is a legal step: sent however late (SEND); the courteous messages are not.
    expect(recorded.steps.map((s) => s.stepKey)).toEqual(['d5-guarantor', 'd10-letter', 'd20-call']);
    for (const step of recorded.steps) expect(Date.parse(step.performedAt)).toBeGreaterThanOrEqual(broken);
    // In either order: on a Sunday the e-mail's turn comes before the SMS's.
    const skipped = recorded.events
      .filter((e) => e.kind === 'STEP_SKIPPED')
      .map((e) => e.summary)
      .sort();
    expect(skipped).toEqual([
      expect.stringMatching(
        /^Step d3-email skipped: its moment .* had passed by 21 days when the scenario resumed; it is caught up only within 7 days$/,
      ),
      expect.stringMatching(
        /^Step d3-sms skipped: its moment .* had passed by 21 days when the scenario resumed; it is caught up only within 7 days$/,
      ),
    ]);
  });

  it('sends the courteous reminder by e-mail only to a tenant who prefers letters', async () => {
    const anchor = addDays(await serverToday(), 1);
    const balance = { cents: 90_000 };
    const { worker, recorded, pay } = await start(anchor, balance, { preferredChannel: 'POSTAL' });
    await worker.runUntil(async () => {
      await stepsUntil(recorded, 'd3-email');
      await pay();
    });
    expect(recorded.steps.map((s) => s.stepKey)).toEqual(['d3-email']);
    expect(recorded.events.find((e) => e.kind === 'STEP_SKIPPED')?.summary).toBe(
      'Step d3-sms skipped: the tenant prefers letters: no SMS for this message; it goes by e-mail (d3-email)',
    );
  });

  it('reads ESCALATED once the hand-off is done', async () => {
    const anchor = addDays(await serverToday(), 1);
    const scenario: ScenarioDefinition = {
      key: 'quick',
      name: 'Quick',
      steps: [
        { key: 'd1-email', dayOffset: 1, action: 'EMAIL' },
        { key: 'd2-handoff', dayOffset: 2, action: 'LITIGATION_HANDOFF', manual: true },
      ],
    };
    const balance = { cents: 90_000 };
    const { worker, handle, recorded, pay } = await start(anchor, balance, { scenario });
    await worker.runUntil(async () => {
      await stepsUntil(recorded, 'd1-email');
      expect((await handle.query(statusQuery)).status).toBe('OPEN');
      await stepsUntil(recorded, 'd2-handoff');
      const status = await handle.query(statusQuery);
      expect(status).toMatchObject({ status: 'ESCALATED', currentStep: 'd2-handoff', steps: ['d1-email', 'd2-handoff'] });
      const described = await handle.describe();
      expect(described.searchAttributes.RelanceDebtStatus).toEqual(['ESCALATED']);
      await pay();
    });
  });
});
