import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalActivities } from '../../activities/approval.activities.types';
import type { DebtActivities } from '../../activities/debt.activities.types';
import { addDays, daysBetween, endOfMonth } from '../../src/domain/calendar-date';
import { APPROVAL_DEADLINE_DAYS } from '../../src/domain/debt-reducer';
import { GLI_SCENARIO } from '../../src/domain/default-scenarios';
import { STEP_HOUR } from '../../src/domain/dunning-plan';
import { parisParts, parisTime } from '../../src/domain/french-calendar';
import { commandementExpiresOn, GliContract, LegalFacts, STEP_MILESTONES } from '../../src/domain/legal-rules';
import type { ScenarioDefinition } from '../../src/domain/scenario';
import { landlordDecisionSignal, legalMilestoneSignal, paymentRecordedSignal } from '../../workflows/debt.messages';
import { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { relanceWorkflowBundle, skipTime, sleepUntil, startTimeSkippingServer } from '../support/time-skipping';

const HOUR = 3_600_000;

/** A scenario that keeps the debt open for two months with nothing else to do: the legal deadlines are what happens. */
const QUIET_SCENARIO: ScenarioDefinition = {
  key: 'quiet',
  name: 'One letter at D+60',
  steps: [{ key: 'd60-letter', dayOffset: 60, action: 'LETTER', template: 'first-reminder-letter' }],
};

const GLI_30: GliContract = {
  insurer: 'Assureur Test',
  claimDeadlineDays: 30,
  documentsRequired: ['bail', 'décompte'],
  claimRegardless: false,
};

/**
 * The deadlines law and GLI contracts set (src/domain/legal-rules.ts), carried by the debt's
 * workflow on the time-skipping server (patch `legal-deadlines`): each task opens on its day
 * as a durable timer, at the exact workflow time asserted, whatever the date the suite runs
 * on (every anchor is chosen from the server's today for the case the test names).
 */
describe('legal deadlines in the debt workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let run = 0;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  // A test that failed half-way leaves its workflow running without a worker: end it, or its
  // pending tasks would hold the server's clock for the tests after it.
  const started: Array<WorkflowHandle<typeof debtDunning>> = [];
  // A test that timed out leaves its worker polling too: shut it down, or the process never exits.
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const handle of started.splice(0)) await handle.terminate('test over').catch(() => undefined);
    for (const worker of workers.splice(0)) if (worker.getState() === 'RUNNING') worker.shutdown();
  });

  const serverToday = async () => parisParts(new Date(await env.currentTimeMs())).date;

  function factsFor(anchor: string, openedOn: string, overrides: Partial<LegalFacts> = {}): LegalFacts {
    return {
      anchor,
      openedOn,
      lease: {
        reference: 'L-LEGAL',
        kind: 'RESIDENTIAL_UNFURNISHED',
        signedOn: '2024-01-15',
        monthlyRentCents: 80_000,
        monthlyChargesCents: 10_000,
        housingBenefitToLandlord: false,
        housingBenefitCents: null,
        gli: null,
      },
      landlord: { name: 'SCI Test', kind: 'LEGAL_ENTITY', familySci: false, professionalCreditor: null },
      tenants: ['Jean Martin'],
      guarantors: [{ name: 'Paul Martin', kind: 'NATURAL_PERSON' }],
      unpaid: [{ period: anchor.slice(0, 7), dueDate: anchor, outstandingCents: 90_000 }],
      milestones: {},
      ...overrides,
    };
  }

  interface Task {
    key: string;
    title: string;
    dueAt: string;
    /** Workflow time when it was opened. */
    at?: string;
  }

  /** In-memory activities: a ledger that owes 900 € until paid, the facts a test changes, every call recorded in workflow time. */
  function fakeActivities(facts: LegalFacts, onRequest?: (stepKey: string, requestedAt: string) => void) {
    const balance = { cents: 90_000 };
    const recorded = {
      tasks: [] as Task[],
      steps: [] as Array<{ stepKey: string; performedAt: string }>,
      events: [] as Array<{ kind: string; at: string; data?: Record<string, unknown> }>,
      requests: [] as Array<{ stepKey: string; requestedAt: string }>,
      closed: undefined as string | undefined,
    };
    const activities: DebtActivities & ApprovalActivities = {
      readDebtState: async () => ({
        balanceCents: balance.cents,
        anchor: balance.cents > 0 ? facts.anchor : null,
        ...(balance.cents > 0 ? { legal: structuredClone(facts) } : {}),
      }),
      performStep: async ({ stepKey, action, performedAt }) => {
        recorded.steps.push({ stepKey, performedAt });
        // As the timeline does: a guarantor notice, a litigation file or a claim prepared is a milestone.
        const milestone = STEP_MILESTONES[action];
        if (milestone) facts.milestones[milestone] ??= parisParts(new Date(performedAt)).date;
      },
      recordDebtEvent: async ({ kind, at, data }) => void recorded.events.push({ kind, at, data }),
      createAgentTask: async ({ key, title, dueAt, at }) => void recorded.tasks.push({ key, title, dueAt, at }),
      recordDebtProgress: async () => undefined,
      setDebtPaused: async () => undefined,
      setDebtOnPlan: async () => undefined,
      closeDebt: async ({ status }) => void (recorded.closed = status),
      requestLandlordApproval: async ({ stepKey, requestedAt }) => {
        recorded.requests.push({ stepKey, requestedAt });
        onRequest?.(stepKey, requestedAt);
      },
      remindLandlordApproval: async () => undefined,
      lapseLandlordApproval: async () => undefined,
    };
    return { activities, recorded, balance };
  }

  async function start(activities: DebtActivities, anchor: string, scenario: ScenarioDefinition) {
    run += 1;
    const taskQueue = `legal-${run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
    });
    workers.push(worker);
    const input: DebtDunningInput = {
      workspaceId: 'ws',
      debtId: `legal-${run}`,
      scenario,
      pursueFromCents: 1,
      profile: 'UNKNOWN',
      leaseKind: 'RESIDENTIAL_UNFURNISHED',
    };
    const handle = await env.client.workflow.start(debtDunning, { workflowId: `debt:ws:legal-${run}-${anchor}`, taskQueue, args: [input] });
    started.push(handle);
    return { worker, handle };
  }

  /** The first day from tomorrow (server time) that fits. */
  async function anchorWhere(fits: (day: string) => boolean): Promise<string> {
    let day = addDays(await serverToday(), 1);
    for (let tries = 0; !fits(day); tries++) {
      if (tries > 62) throw new Error(`no anchor fits within two months of ${day}`);
      day = addDays(day, 1);
    }
    return day;
  }

  /**
   * Ends a run that has shown what it should. Terminated, not awaited: waiting for a result
   * lets the server skip time to the run's next timer, years ahead (a prescription's).
   */
  const end = (handle: WorkflowHandle<typeof debtDunning>) => handle.terminate('test over');
  const keys = (tasks: Task[]) => tasks.map((t) => t.key);
  /** Waits in real time (server time standing still) until the worker has done what a signal asked. */
  async function settle(done: () => boolean): Promise<void> {
    for (const deadline = Date.now() + 10_000; !done();) {
      if (Date.now() > deadline) throw new Error('the workflow did not act on the signal within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  /** An instant of workflow time, to within the milliseconds the workflow task and its activities took. */
  function expectNear(actual: string | undefined, expected: Date): void {
    if (!(Math.abs(Date.parse(actual ?? '') - expected.getTime()) < 5_000)) {
      throw new Error(`expected ${actual} to be within 5 s of ${expected.toISOString()}`);
    }
  }

  it('opens the guarantor task on the last day of the month for rent due the day before (C. civ. 2303)', async () => {
    // The rent is due on the month's last day but one: the incident is the last day itself.
    const anchor = await anchorWhere((day) => addDays(day, 1) === endOfMonth(day));
    const lastDay = endOfMonth(anchor);
    const { activities, recorded } = fakeActivities(factsFor(anchor, await serverToday()));
    const { worker, handle } = await start(activities, anchor, QUIET_SCENARIO);
    await worker.runUntil(async () => {
      await sleepUntil(env, parisTime(lastDay, STEP_HOUR - 1));
      expect(keys(recorded.tasks)).not.toContain('legal:guarantor-first-incident');
      await sleepUntil(env, parisTime(lastDay, STEP_HOUR + 1));
      const task = recorded.tasks.find((t) => t.key === 'legal:guarantor-first-incident')!;
      expectNear(task.at, parisTime(lastDay, STEP_HOUR));
      expect(task.dueAt).toBe(parisTime(lastDay, 18).toISOString());
      expect(task.title).toBe(`Inform the guarantor of the first payment incident by ${lastDay}`);
      expect(recorded.events).toContainEqual(
        expect.objectContaining({
          kind: 'LEGAL_DEADLINE',
          data: expect.objectContaining({ rule: 'GUARANTOR_FIRST_INCIDENT', dueOn: lastDay }),
        }),
      );
      await end(handle);
    });
  });

  it('for rent due on the last day, waits to five days before the next month ends, and needs no task once a guarantor notice went', async () => {
    const anchor = await anchorWhere((day) => day === endOfMonth(day));
    const informBy = endOfMonth(addDays(anchor, 1));
    const taskDay = addDays(informBy, -5);

    // Without a guarantor step: the task on its day.
    const bare = fakeActivities(factsFor(anchor, await serverToday()));
    const first = await start(bare.activities, anchor, QUIET_SCENARIO);
    await first.worker.runUntil(async () => {
      await sleepUntil(env, parisTime(taskDay, STEP_HOUR + 1));
      const task = bare.recorded.tasks.find((t) => t.key === 'legal:guarantor-first-incident');
      expectNear(task?.at, parisTime(taskDay, STEP_HOUR));
      expect(task?.dueAt).toBe(parisTime(informBy, 18).toISOString());
      await end(first.handle);
    });

    // With the scenario's guarantor notice at D+5, well before: the law is met, no task.
    const anchor2 = await anchorWhere((day) => day === endOfMonth(day));
    const informBy2 = endOfMonth(addDays(anchor2, 1));
    const noticed = fakeActivities(factsFor(anchor2, await serverToday()));
    const withNotice: ScenarioDefinition = {
      ...QUIET_SCENARIO,
      steps: [{ key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' }, ...QUIET_SCENARIO.steps],
    };
    const second = await start(noticed.activities, anchor2, withNotice);
    await second.worker.runUntil(async () => {
      await sleepUntil(env, parisTime(informBy2, 20));
      expect(noticed.recorded.steps.map((s) => s.stepKey)).toContain('d5-guarantor');
      expect(keys(noticed.recorded.tasks)).not.toContain('legal:guarantor-first-incident');
      await end(second.handle);
    });
  });

  it('skips a guarantor notice step on a lease without a guarantor, and performs it on one with a guarantor', async () => {
    const scenario: ScenarioDefinition = {
      key: 'guarantor-step',
      name: 'Guarantor at D+5, letter at D+10',
      steps: [
        { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
        { key: 'd10-letter', dayOffset: 10, action: 'LETTER', template: 'first-reminder-letter' },
      ],
    };
    for (const guarantors of [[], [{ name: 'Paul Martin', kind: 'NATURAL_PERSON' as const }]]) {
      const anchor = await anchorWhere(() => true);
      const { activities, recorded } = fakeActivities(factsFor(anchor, await serverToday(), { guarantors }));
      const { worker, handle } = await start(activities, anchor, scenario);
      await worker.runUntil(async () => {
        await sleepUntil(env, parisTime(addDays(anchor, 14), 12));
        expect(recorded.steps.map((step) => step.stepKey)).toEqual(guarantors.length > 0 ? ['d5-guarantor', 'd10-letter'] : ['d10-letter']);
        await end(handle);
      });
    }
  });

  it('asks the landlord early enough for a 30-day GLI deadline with a 7-day approval, so a decision on the last day still files in time', async () => {
    const anchor = await anchorWhere(() => true);
    const facts = factsFor(anchor, await serverToday(), {
      lease: { ...factsFor(anchor, anchor).lease, gli: GLI_30 },
    });
    let claimRequestedAt: string | undefined;
    let approve: (stepKey: string) => void = () => undefined;
    const { activities, recorded, balance } = fakeActivities(facts, (stepKey, requestedAt) => {
      if (stepKey === 'd35-insurer-claim') claimRequestedAt = requestedAt;
      else approve(stepKey);
    });
    const { worker, handle } = await start(activities, anchor, GLI_SCENARIO);
    approve = (stepKey) => void handle.signal(landlordDecisionSignal, { stepKey, approve: true, by: 'landlord' }).catch(() => undefined);
    await worker.runUntil(async () => {
      for (let day = 0; !claimRequestedAt; day++) {
        if (day > 40) throw new Error('the claim’s approval was not asked within 40 days');
        await skipTime(env, '1 day');
      }
      // Asked on day 21 (30 − 2 days to file − 7 days to decide), not on the scenario's day 35.
      expectNear(claimRequestedAt, parisTime(addDays(anchor, 21), STEP_HOUR));
      // The landlord decides at the last moment: an hour before their deadline (168 hours on,
      // 8:00 or 10:00 Paris across a change of summer time), and before day 28's 9:00 check.
      const deadline = Date.parse(claimRequestedAt) + APPROVAL_DEADLINE_DAYS * 24 * HOUR;
      await sleepUntil(env, new Date(Math.min(deadline, parisTime(addDays(anchor, 28), STEP_HOUR).getTime()) - HOUR));
      await handle.signal(landlordDecisionSignal, { stepKey: 'd35-insurer-claim', approve: true, by: 'landlord' });
      // Acted on at once, in real time: no server time passes.
      await settle(() => recorded.steps.some((s) => s.stepKey === 'd35-insurer-claim'));
      const claim = recorded.steps.find((s) => s.stepKey === 'd35-insurer-claim')!;
      // The landlord's 7 days are 168 hours: across a change of summer time they end at 8:00 or 10:00 Paris.
      expect(Date.parse(claim.performedAt)).toBeLessThanOrEqual(parisTime(addDays(anchor, 28), STEP_HOUR + 1).getTime());
      expect(Date.parse(claim.performedAt)).toBeLessThan(parisTime(addDays(anchor, 30), 0).getTime());
      // Filed in time: the at-risk task of day 28 never opens.
      await sleepUntil(env, parisTime(addDays(anchor, 31), 12));
      expect(keys(recorded.tasks)).not.toContain('legal:gli-claim-at-risk');
      balance.cents = 0;
      await handle.signal(paymentRecordedSignal, { paymentId: 'p', amountCents: 90_000 });
      // Closed in real time. Not `handle.result()`: waiting on it lets the test server skip years ahead.
      await settle(() => recorded.closed !== undefined);
      expect(recorded.closed).toBe('RESOLVED');
    });
  });

  it('files a claim the contract requires regardless on day 28 without asking the landlord', async () => {
    const anchor = await anchorWhere(() => true);
    const facts = factsFor(anchor, await serverToday(), {
      lease: { ...factsFor(anchor, anchor).lease, gli: { ...GLI_30, claimRegardless: true } },
    });
    let approve: (stepKey: string) => void = () => undefined;
    const { activities, recorded } = fakeActivities(facts, (stepKey) => approve(stepKey));
    const { worker, handle } = await start(activities, anchor, GLI_SCENARIO);
    approve = (stepKey) => void handle.signal(landlordDecisionSignal, { stepKey, approve: true, by: 'landlord' }).catch(() => undefined);
    await worker.runUntil(async () => {
      await sleepUntil(env, parisTime(addDays(anchor, 28), STEP_HOUR + 1));
      expectNear(recorded.steps.find((s) => s.stepKey === 'd35-insurer-claim')?.performedAt, parisTime(addDays(anchor, 28), STEP_HOUR));
      expect(recorded.requests.map((r) => r.stepKey)).not.toContain('d35-insurer-claim');
      await end(handle);
    });
  });

  it('opens a task at once when the debt opens too late for the GLI deadline to be met through the scenario', async () => {
    const today = await serverToday();
    // Day 23 today: past day 21, the last day to ask the landlord in time for day 30.
    const anchor = addDays(today, -23);
    const facts = factsFor(anchor, today, { lease: { ...factsFor(anchor, anchor).lease, gli: GLI_30 } });
    const { activities, recorded } = fakeActivities(facts);
    const { worker, handle } = await start(activities, anchor, GLI_SCENARIO);
    await worker.runUntil(async () => {
      await skipTime(env, '1 hour');
      const task = recorded.tasks.find((t) => t.key === 'legal:gli-claim-infeasible')!;
      expect(task.title).toBe(`GLI claim due by ${addDays(anchor, 30)}: file it with Assureur Test now`);
      expect(task.dueAt).toBe(parisTime(addDays(anchor, 30), 18).toISOString());
      expect(daysBetween(today, parisParts(new Date(task.at!)).date)).toBe(0);
      await end(handle);
    });
  });

  it.each([
    ['2023-07-28', 'two months'],
    ['2023-07-29', 'six weeks'],
  ])(
    'counts a commandement served on a lease signed %s (%s): the guarantor’s copy in 15 days, the delay’s end on its day',
    async (signedOn) => {
      const anchor = await anchorWhere(() => true);
      const facts = factsFor(anchor, await serverToday(), { lease: { ...factsFor(anchor, anchor).lease, signedOn } });
      const { activities, recorded } = fakeActivities(facts);
      const { worker, handle } = await start(activities, anchor, QUIET_SCENARIO);
      await worker.runUntil(async () => {
        await sleepUntil(env, parisTime(addDays(anchor, 2), 11));
        const servedOn = await serverToday();
        facts.milestones.COMMANDEMENT_SERVED = servedOn;
        await handle.signal(legalMilestoneSignal, { milestone: 'COMMANDEMENT_SERVED', on: servedOn, by: 'agent' });
        // Acted on at once, in real time: skipping server time right after a signal could hang
        // the test server (its time lock and the signal's workflow task race).
        await settle(() => recorded.tasks.some((t) => t.key === 'legal:guarantor-commandement'));
        expect(recorded.tasks.find((t) => t.key === 'legal:guarantor-commandement')?.dueAt).toBe(
          parisTime(addDays(servedOn, 15), 18).toISOString(),
        );
        const expiresOn = commandementExpiresOn(facts.lease, servedOn)!;
        const days = daysBetween(servedOn, expiresOn);
        // Two months is at least 59 days; six weeks is 42, moved at most three days past a weekend or holiday.
        if (signedOn === '2023-07-28') {
          expect(days).toBeGreaterThanOrEqual(59);
        } else {
          expect(days).toBeGreaterThanOrEqual(42);
          expect(days).toBeLessThanOrEqual(45);
        }
        await sleepUntil(env, parisTime(expiresOn, 20));
        expect(keys(recorded.tasks)).not.toContain('legal:commandement-expiry');
        await sleepUntil(env, parisTime(addDays(expiresOn, 1), STEP_HOUR + 1));
        expectNear(recorded.tasks.find((t) => t.key === 'legal:commandement-expiry')?.at, parisTime(addDays(expiresOn, 1), STEP_HOUR));
        await end(handle);
      });
    },
  );
});
