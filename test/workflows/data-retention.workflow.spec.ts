import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { RetentionActivities, RetentionCursor, RetentionPage } from '../../activities/retention.activities';
import { dataRetention } from '../../workflows/data-retention.workflow';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { relanceWorkflowBundle, startTimeSkippingServer } from '../support/time-skipping';

/**
 * The nightly data-retention workflow on the time-skipping server, as its Schedule starts
 * it: every workspace page by page (each page starts after the last one's cursor), the
 * counts added up; a page that fails once is retried, and a workspace that keeps failing
 * is named in the summary while the others are done.
 */
describe('dataRetention workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let run = 0;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  const page = (debts: number, next: RetentionCursor | null): RetentionPage => ({
    debts,
    debtFields: debts,
    tasks: 2 * debts,
    timelineEntries: 3 * debts,
    messageZones: 0,
    outboundMessages: debts,
    documents: 0,
    approvalRequests: 0,
    next,
  });

  /** In-memory activities: ws-1 has two pages of due debts, ws-2 one, ws-3 fails as told. */
  function fakeActivities(options: { failOnce?: boolean; ws3Fails?: boolean } = {}) {
    const calls: Array<{ workspaceId: string; after?: RetentionCursor }> = [];
    let failed = false;
    const activities: RetentionActivities = {
      retentionWorkspaces: async () => ['ws-1', 'ws-2', 'ws-3'],
      async anonymiseDueDebts(input) {
        if (options.failOnce && input.workspaceId === 'ws-1' && input.after && !failed) {
          failed = true;
          throw new Error('database restarting');
        }
        if (options.ws3Fails && input.workspaceId === 'ws-3') throw new Error('workspace ws-3 unreachable');
        calls.push(input);
        if (input.workspaceId === 'ws-1')
          return input.after ? page(1, null) : page(100, { closedAt: '2023-01-05T11:00:00.000Z', id: 'd-100' });
        if (input.workspaceId === 'ws-2') return page(4, null);
        return page(0, null);
      },
    };
    return { activities, calls };
  }

  async function runWorkflow(activities: RetentionActivities) {
    const taskQueue = `retention-${++run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await relanceWorkflowBundle(),
      activities,
    });
    return worker.runUntil(env.client.workflow.execute(dataRetention, { taskQueue, workflowId: `data-retention-${run}` }));
  }

  it('goes through every workspace page by page and adds up what each page purged', async () => {
    const { activities, calls } = fakeActivities();
    const summary = await runWorkflow(activities);
    expect(calls).toEqual([
      { workspaceId: 'ws-1' },
      { workspaceId: 'ws-1', after: { closedAt: '2023-01-05T11:00:00.000Z', id: 'd-100' } },
      { workspaceId: 'ws-2' },
      { workspaceId: 'ws-3' },
    ]);
    expect(summary).toEqual({
      workspaces: 3,
      debts: 105,
      debtFields: 105,
      tasks: 210,
      timelineEntries: 315,
      messageZones: 0,
      outboundMessages: 105,
      documents: 0,
      approvalRequests: 0,
      failedWorkspaces: [],
    });
  });

  it('retries a page that failed, and names a workspace that kept failing while doing the others', async () => {
    const { activities, calls } = fakeActivities({ failOnce: true, ws3Fails: true });
    const summary = await runWorkflow(activities);
    expect(calls.map((c) => c.workspaceId)).toEqual(['ws-1', 'ws-1', 'ws-2']);
    expect(summary).toMatchObject({ workspaces: 3, debts: 105, failedWorkspaces: ['ws-3'] });
  });
});
