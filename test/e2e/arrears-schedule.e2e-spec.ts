import { randomBytes } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { todayIn } from '../../src/common/clock';
import { parisParts } from '../../src/domain/french-calendar';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { arrearsScheduleId } from '../../src/worker/worker-schedules';
import type { ArrearsDetectionSummary } from '../../workflows/arrears-detection.workflow';
import { createLeaseInArrears } from '../support/lease-fixture';
import { triggerScheduleOnce } from '../support/schedule-run';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { CreatePaymentDocument, DebtLeasesAndWorkflowsDocument } from './graphql/generated';

/**
 * The daily arrears detection on the dev server: the worker keeps the Schedule in line
 * with ARREARS_DETECTION_SCHEDULE, and a run opens debts and starts their workflows once.
 */
describe('arrears detection Schedule', () => {
  const taskQueue = `relance-schedule-${randomBytes(4).toString('hex')}`;
  let relance: TestRelance | undefined;
  afterEach(async () => {
    await relance?.stop();
    relance = undefined;
  });

  it('creates the Schedule at start, and each run opens and starts a debt once', async () => {
    // At an hour twelve hours from now (Paris), so that no scheduled run fires mid-test
    // whatever the hour the suite runs at: the runs below are the ones it triggers.
    const hour = (parisParts(new Date()).hour + 12) % 24;
    relance = await startTestRelance('all-in-one', { TEMPORAL_TASK_QUEUE: taskQueue, ARREARS_DETECTION_SCHEDULE: `30 ${hour} * * 1-5` });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const schedule = client.schedule.getHandle(arrearsScheduleId(taskQueue));
    const description = await schedule.describe();
    expect(description.spec.timezone).toBe('Europe/Paris');
    expect(JSON.stringify(description.spec.calendars)).toContain(`"hour":[{"start":${hour},"end":${hour},"step":1}]`);
    expect(description.policies.overlap).toBe('SKIP');
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'arrearsDetection', taskQueue });

    const { leaseId: late } = await createLeaseInArrears(relance, {
      reference: 'SCH-LATE',
      dueDaysAgo: 12,
      rentCents: 70_000,
      period: '2026-04',
    });
    const { leaseId: paid } = await createLeaseInArrears(relance, {
      reference: 'SCH-PAID',
      dueDaysAgo: 12,
      rentCents: 70_000,
      period: '2026-04',
    });
    await relance!.ok(CreatePaymentDocument, {
      d: { leaseId: paid, amountCents: 70_000, paidOn: todayIn(), method: 'TRANSFER', bankReference: 'SCH-PAY-1' },
    });

    const runOnce = () => triggerScheduleOnce<ArrearsDetectionSummary>(client, schedule);
    expect(await runOnce()).toEqual({ workspaces: 1, debtsOpened: 1, workflowsStarted: 1, failedWorkspaces: [] });
    const debts = await relance!.ok(DebtLeasesAndWorkflowsDocument);
    expect(debts.debts.edges.map((e) => e.node.leaseId)).toEqual([late]);
    const workflowId = debts.debts.edges[0].node.workflowId!;
    expect((await client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
    // A second run finds nothing new.
    expect(await runOnce()).toEqual({ workspaces: 1, debtsOpened: 0, workflowsStarted: 0, failedWorkspaces: [] });
  });

  it('deletes the Schedule when set to off', async () => {
    // Same task queue as the test before, whose worker created the Schedule.
    relance = await startTestRelance('all-in-one', { TEMPORAL_TASK_QUEUE: taskQueue, ARREARS_DETECTION_SCHEDULE: 'off' });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    await expect(client.schedule.getHandle(arrearsScheduleId(taskQueue)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
