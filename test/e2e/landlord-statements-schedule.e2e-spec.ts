import { randomBytes } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { todayIn } from '../../src/common/clock';
import { parisParts } from '../../src/domain/french-calendar';
import { previousMonth } from '../../src/domain/statement-month';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { landlordStatementsScheduleId } from '../../src/worker/worker-schedules';
import type { LandlordStatementsSummary } from '../../workflows/landlord-statements.workflow';
import { createLeaseInArrears } from '../support/lease-fixture';
import { triggerScheduleOnce } from '../support/schedule-run';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { LandlordStatementsDocument } from './graphql/generated';

/**
 * The monthly statements on the dev server: the worker keeps the Schedule in line with
 * LANDLORD_STATEMENTS_SCHEDULE, and a run (the Schedule's workflow, its activities, the
 * database) issues the month just over once.
 */
describe('landlord statements Schedule', () => {
  const taskQueue = `relance-statements-${randomBytes(4).toString('hex')}`;
  let relance: TestRelance | undefined;
  afterEach(async () => {
    await relance?.stop();
    relance = undefined;
  });

  it('creates the Schedule at start, and each run issues the month just over once', async () => {
    // On another day of the month, twelve hours from now (Paris): no scheduled run fires mid-test.
    const now = parisParts(new Date());
    const hour = (now.hour + 12) % 24;
    const day = (Number(now.date.slice(8, 10)) % 28) + 1;
    relance = await startTestRelance('all-in-one', {
      TEMPORAL_TASK_QUEUE: taskQueue,
      LANDLORD_STATEMENTS_SCHEDULE: `0 ${hour} ${day} * *`,
    });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const schedule = client.schedule.getHandle(landlordStatementsScheduleId(taskQueue));
    const description = await schedule.describe();
    expect(description.spec.timezone).toBe('Europe/Paris');
    expect(JSON.stringify(description.spec.calendars)).toContain(`"dayOfMonth":[{"start":${day},"end":${day},"step":1}]`);
    expect(description.policies.overlap).toBe('SKIP');
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'landlordStatements', taskQueue });

    const month = previousMonth(todayIn());
    const { landlordId } = await createLeaseInArrears(relance, { reference: 'SCH-STA', period: month, dueDate: `${month}-05` });

    const runOnce = () => triggerScheduleOnce<LandlordStatementsSummary>(client, schedule);
    const issued = await runOnce();
    // The run's month is the month before its own start in Paris (the same as this spec's, unless midnight of a 1st fell between).
    expect([month, previousMonth(todayIn())]).toContain(issued.month);
    expect(issued).toEqual({ month: issued.month, workspaces: 1, issued: 1, alreadyIssued: 0, emailed: 0, failedBatches: [] });
    const listed = await relance.ok(LandlordStatementsDocument, {});
    expect(listed.landlordStatements.edges.map((e) => [e.node.landlordId, e.node.month, e.node.leasesInArrears])).toEqual([
      [landlordId, issued.month, 1],
    ]);
    // A second run makes nothing new.
    expect(await runOnce()).toEqual({ month: issued.month, workspaces: 1, issued: 0, alreadyIssued: 1, emailed: 0, failedBatches: [] });
    expect((await relance.ok(LandlordStatementsDocument, {})).landlordStatements.totalCount).toBe(1);
  });

  it('deletes the Schedule when set to off', async () => {
    // Same task queue as the test before, whose worker created the Schedule.
    relance = await startTestRelance('all-in-one', { TEMPORAL_TASK_QUEUE: taskQueue, LANDLORD_STATEMENTS_SCHEDULE: 'off' });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    await expect(client.schedule.getHandle(landlordStatementsScheduleId(taskQueue)).describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
  });
});
