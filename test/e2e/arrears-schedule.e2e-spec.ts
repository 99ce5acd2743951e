import { randomBytes } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { arrearsScheduleId } from '../../src/worker/arrears-detection.schedule';
import type { ArrearsDetectionSummary } from '../../workflows/arrears-detection.workflow';
import { startTestRelance, TestRelance } from '../support/test-relance';

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

  async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await relance!.graphql<T>(query, variables);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  }

  async function leaseWithCharge(reference: string, dueDaysAgo: number): Promise<string> {
    const landlord = (await ok<{ createLandlord: { id: string } }>(`mutation($n: String!) { createLandlord(data: { kind: "LEGAL_ENTITY", companyName: $n }) { id } }`, { n: `SCI ${reference}` })).createLandlord.id;
    const property = (await ok<{ createProperty: { id: string } }>(`mutation($n: String!) { createProperty(data: { name: $n }) { id } }`, { n: reference })).createProperty.id;
    const unit = (await ok<{ createUnit: { id: string } }>(`mutation($p: ID!) { createUnit(data: { propertyId: $p, label: "1" }) { id } }`, { p: property })).createUnit.id;
    const lease = (
      await ok<{ createLease: { id: string } }>(`mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }`, {
        d: { reference, unitId: unit, landlordId: landlord, kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2025-01-01', startsOn: '2025-01-01', monthlyRentCents: 70_000 },
      })
    ).createLease.id;
    await ok(`mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }`, {
      d: [{ leaseId: lease, period: '2026-04', dueDate: addDays(todayIn(), -dueDaysAgo), rentCents: 70_000, chargesCents: 0 }],
    });
    return lease;
  }

  it('creates the Schedule at start, and each run opens and starts a debt once', async () => {
    relance = await startTestRelance('all-in-one', { TEMPORAL_TASK_QUEUE: taskQueue, ARREARS_DETECTION_SCHEDULE: '30 5 * * 1-5' });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const schedule = client.schedule.getHandle(arrearsScheduleId(taskQueue));
    const description = await schedule.describe();
    expect(description.spec.timezone).toBe('Europe/Paris');
    expect(JSON.stringify(description.spec.calendars)).toContain('"hour":[{"start":5,"end":5,"step":1}]');
    expect(description.policies.overlap).toBe('SKIP');
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'arrearsDetection', taskQueue });

    const late = await leaseWithCharge('SCH-LATE', 12);
    const paid = await leaseWithCharge('SCH-PAID', 12);
    await ok(`mutation($d: CreatePaymentInput!) { createPayment(data: $d) { id } }`, {
      d: { leaseId: paid, amountCents: 70_000, paidOn: todayIn(), method: 'TRANSFER', bankReference: 'SCH-PAY-1' },
    });

    const runOnce = async (): Promise<ArrearsDetectionSummary> => {
      const before = (await schedule.describe()).info.recentActions.length;
      await schedule.trigger();
      let actions = (await schedule.describe()).info.recentActions;
      for (let i = 0; i < 100 && actions.length === before; i++) {
        await new Promise((r) => setTimeout(r, 100));
        actions = (await schedule.describe()).info.recentActions;
      }
      const started = actions[actions.length - 1].action;
      return client.workflow.getHandle(started.workflow.workflowId).result();
    };
    expect(await runOnce()).toEqual({ workspaces: 1, debtsOpened: 1, workflowsStarted: 1, failedWorkspaces: [] });
    const debts = await ok<{ debts: { edges: Array<{ node: { leaseId: string; workflowId: string } }> } }>('query { debts { edges { node { leaseId workflowId } } } }');
    expect(debts.debts.edges.map((e) => e.node.leaseId)).toEqual([late]);
    const workflowId = debts.debts.edges[0].node.workflowId;
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
