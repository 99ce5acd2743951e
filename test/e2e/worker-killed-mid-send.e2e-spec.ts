import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { nextContactTime } from '../../src/domain/french-calendar';
import { FakeSinchServer, startFakeSinchServer } from '../support/fake-sinch-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { skipTime, startTimeSkippingServer } from '../support/time-skipping';
import { eventually } from '../support/eventually';
import {
  DebtEventsOfKindDocument,
  DebtMessageAttemptsDocument,
  PublishScenarioDocument,
  RunArrearsDetectionDocument,
  SaveScenarioDraftDocument,
  SetChannelSettingDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

/**
 * The outbox's promise, tested the hard way: a real worker process is SIGKILLed after
 * the SMS provider accepted the message and before the worker recorded it. Temporal
 * notices the dead worker by its missing heartbeat and retries the step on a new worker
 * process, which asks the provider for the message's key instead of sending it again.
 */
describe('a worker killed mid-send (time-skipping server, worker in its own process)', () => {
  let env: TestWorkflowEnvironment;
  let relance: TestRelance;
  let sinch: FakeSinchServer;
  const workers: ChildProcess[] = [];
  const taskQueue = `relance-kill-${process.pid}`;

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    sinch = await startFakeSinchServer();
    // The API in this process, no worker: the workers are child processes the test kills.
    relance = await startTestRelance('api', { TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
    await relance.ok(SetChannelSettingDocument, {
      i: {
        channel: 'SMS',
        provider: 'SINCH',
        baseUrl: sinch.baseUrl,
        servicePlanId: sinch.servicePlanId,
        apiToken: sinch.apiToken,
        sender: 'AgenceRG',
      },
    });
    await relance.ok(SaveScenarioDraftDocument, {
      d: { key: 'e2e-sms', name: 'SMS', steps: [{ key: 'd1-sms', dayOffset: 1, action: 'SMS', template: 'courteous-reminder-sms' }] },
    });
    await relance.ok(PublishScenarioDocument, { key: 'e2e-sms' });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await relance?.stop();
    await env?.teardown();
    await sinch?.close();
  });

  function startWorker(): ChildProcess {
    const worker = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js'), 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: relance.database.url,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        ARREARS_DETECTION_SCHEDULE: 'off',
        LANDLORD_STATEMENTS_SCHEDULE: 'off',
        DATA_RETENTION_SCHEDULE: 'off',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    return worker;
  }

  it('does not send the SMS twice, and records it as sent', async () => {
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'KILL-1', dueDaysAgo: 8 });
    await addTenant(relance, leaseId, { firstName: 'Léa', lastName: 'Petit', phone: '+33612345678', consentSms: true });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'e2e-sms' } });

    const first = startWorker();
    const held = sinch.holdNext();
    const debtId = (await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection[0].id;
    // Outside 9:00–19:00 the SMS waits for the contact calendar: move server time there, and
    // not a moment further (server time cannot skip ahead while the send is held).
    const now = new Date(await env.currentTimeMs());
    if (nextContactTime(now) > now) await skipTime(env, nextContactTime(now).getTime() - now.getTime());

    // The provider has the message; the worker is waiting for its answer. Kill it there.
    const { release } = await held;
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    release();
    const statusOf = async () => (await relance.ok(DebtMessageAttemptsDocument, { id: debtId })).outboundMessages.edges.map((e) => e.node);
    expect(await statusOf()).toEqual([{ status: 'SENDING', attempts: 1, providerMessageId: null }]);
    expect(sinch.batches).toHaveLength(1);

    // A new worker takes the step over once Temporal sees the first one's heartbeat stop.
    startWorker();
    const [message] = await eventually(statusOf, (m) => m[0]?.status === 'SENT', 'the retried step to record the SMS', 600);
    expect(message).toEqual({ status: 'SENT', attempts: 1, providerMessageId: sinch.batches[0].id });
    expect(sinch.batches).toHaveLength(1);
    const { debtEvents } = await relance.ok(DebtEventsOfKindDocument, { id: debtId, kind: 'MESSAGE_SENT' });
    expect(debtEvents.edges.map((e) => e.node.summary)).toEqual([
      'SMS to Léa Petit sent (SINCH, found at the provider after an interrupted send)',
    ]);
  });
});
