import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { LandlordStatementsActivities } from '../../activities/landlord-statements.activities';
import { addDays } from '../../src/domain/calendar-date';
import { parisParts, parisTime } from '../../src/domain/french-calendar';
import { monthBounds, previousMonth } from '../../src/domain/statement-month';
import { landlordStatements } from '../../workflows/landlord-statements.workflow';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { relanceWorkflowBundle, sleepUntil, startTimeSkippingServer } from '../support/time-skipping';

/**
 * The monthly statements workflow on the time-skipping server: started as the Schedule
 * starts it, on the first day of a month at 7:00 Paris time (whatever today is, the next
 * such day is reached in server time), it issues the month just over, batch by batch, and
 * a batch that fails once is retried, not skipped.
 */
describe('landlordStatements workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let run = 0;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** In-memory activities: two workspaces, the first with two batches of landlords. */
  function fakeActivities(options: { failOnce?: string } = {}) {
    const calls: Array<{ workspaceId: string; month: string; landlordIds: string[] }> = [];
    let failed = false;
    const activities: LandlordStatementsActivities = {
      statementWorkspaces: async () => ['ws-1', 'ws-2'],
      statementLandlordBatches: async ({ workspaceId }) => (workspaceId === 'ws-1' ? [['l-1', 'l-2'], ['l-3']] : [['l-4']]),
      async issueLandlordStatements(input) {
        if (options.failOnce === input.landlordIds[0] && !failed) {
          failed = true;
          throw new Error('SMTP server not answering');
        }
        calls.push(input);
        return { month: input.month, issued: input.landlordIds.length, alreadyIssued: 0, emailed: 1, emailRetries: 0 };
      },
    };
    return { activities, calls };
  }

  async function runWorkflow(activities: LandlordStatementsActivities, args: Parameters<typeof landlordStatements> = []) {
    const taskQueue = `statements-${++run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
    });
    return worker.runUntil(env.client.workflow.execute(landlordStatements, { taskQueue, workflowId: `landlord-statements-${run}`, args }));
  }

  it('issues the month just over when started on the 1st at 7:00, every batch of every workspace', async () => {
    // The next 1st of a month at 7:00 in Paris, in server time: the Schedule's default.
    const today = parisParts(new Date(await env.currentTimeMs())).date;
    const nextFirst = monthBounds(today.slice(0, 7)).next;
    await sleepUntil(env, parisTime(nextFirst, 7));
    const { activities, calls } = fakeActivities();
    const summary = await runWorkflow(activities);
    const month = today.slice(0, 7);
    expect(previousMonth(nextFirst)).toBe(month);
    expect(summary).toEqual({ month, workspaces: 2, issued: 4, alreadyIssued: 0, emailed: 3, failedBatches: [] });
    expect(calls).toEqual([
      { workspaceId: 'ws-1', month, landlordIds: ['l-1', 'l-2'] },
      { workspaceId: 'ws-1', month, landlordIds: ['l-3'] },
      { workspaceId: 'ws-2', month, landlordIds: ['l-4'] },
    ]);
  });

  it('caught up days later, still covers the month before its own date; a failed batch is retried', async () => {
    const now = parisParts(new Date(await env.currentTimeMs())).date;
    // Three days after the coming 1st: a run missed by an outage, caught up by the Schedule.
    const caughtUp = addDays(monthBounds(now.slice(0, 7)).next, 3);
    await sleepUntil(env, parisTime(caughtUp, 10));
    const { activities, calls } = fakeActivities({ failOnce: 'l-3' });
    const summary = await runWorkflow(activities);
    expect(summary.month).toBe(previousMonth(caughtUp));
    expect(summary.failedBatches).toEqual([]);
    expect(calls.map((c) => c.landlordIds[0])).toEqual(['l-1', 'l-3', 'l-4']);
  });

  it('issues an explicit month when asked, and refuses one that is not YYYY-MM', async () => {
    const { activities, calls } = fakeActivities();
    const summary = await runWorkflow(activities, [{ month: '2025-11' }]);
    expect(summary.month).toBe('2025-11');
    expect(new Set(calls.map((c) => c.month))).toEqual(new Set(['2025-11']));
    await expect(runWorkflow(fakeActivities().activities, [{ month: 'November' }])).rejects.toThrow(/Workflow execution failed/);
  });
});
