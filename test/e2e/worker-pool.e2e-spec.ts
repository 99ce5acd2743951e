import { randomBytes } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { loadConfig } from '../../src/config/configuration';
import { addDays } from '../../src/domain/calendar-date';
import { RunningRelance, startRelance } from '../../src/runtime/start-relance';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { eventually } from '../support/eventually';
import {
  CreateChargesDocument,
  CreateLandlordDocument,
  CreateLeaseInput,
  CreateLeasesDocument,
  CreatePropertyDocument,
  CreateTenantsDocument,
  CreateUnitsDocument,
  MessageSentEventsDocument,
  RunArrearsDetectionWorkflowsDocument,
  SentEmailCountDocument,
  SetLeasePartiesDocument,
} from './graphql/generated';

const POOL_SIZE = 5;
const DEBTS = 50;
/**
 * All the e-mails must be recorded this soon after the worker starts. They take 5 to 12 s
 * on a loaded 2-core machine; the margin lets one attempt be retried (a 20 s heartbeat
 * timeout and 10 s of backoff). With the bug, none is recorded for 10 minutes.
 */
const WITHIN_MS = 60_000;

/**
 * A worker never stalls on its own resources (issue 10): ten times more steps due at once
 * than the worker has database connections, and they all go through in seconds. Detection
 * starts the workflows while no worker polls, as a backlog builds up on a busy cluster; a
 * worker with a pool of 5 then finds them all due at once. A step that held its
 * transaction's connection while asking the pool for another (the channel's provider read
 * through the DataSource) starved the pool: every connection sat "idle in transaction"
 * and nothing was recorded until the activities' 10-minute limit.
 *
 * E-mails, not SMS, are asserted: they are not subject to the contact hours, so the test
 * holds on any day and at any hour. Channels are CAPTURE (recorded, nothing sent).
 */
describe('a worker with fewer database connections than due steps', () => {
  const taskQueue = `relance-pool-${randomBytes(4).toString('hex')}`;
  let relance: TestRelance;
  let worker: RunningRelance | undefined;

  beforeAll(async () => {
    // The API alone: the workflows it starts wait on the task queue until the worker comes.
    relance = await startTestRelance('api', { TEMPORAL_TASK_QUEUE: taskQueue });
  });
  afterAll(async () => {
    await worker?.stop();
    await relance?.stop();
  });

  /** A worker process's Relance, in this process, on the test's database and task queue. */
  function startWorker(): Promise<RunningRelance> {
    const config = loadConfig({
      DATABASE_URL: relance.database.url,
      TEMPORAL_ADDRESS: relance.running.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      ARREARS_DETECTION_SCHEDULE: 'off',
      LANDLORD_STATEMENTS_SCHEDULE: 'off',
      DATA_RETENTION_SCHEDULE: 'off',
      DATABASE_POOL_SIZE: String(POOL_SIZE),
    });
    expect(config.workerActivityConcurrency).toBe(POOL_SIZE);
    return startRelance('worker', config, { logLevels: ['error'] });
  }

  /** DEBTS leases whose rent fell due 8 days ago, on the standard scenario: its D+3 e-mail is overdue. */
  async function leasesInArrears(): Promise<string[]> {
    const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);
    const range = [...Array(DEBTS).keys()];
    const { createLandlord } = await relance.ok(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: 'SCI Pool' } });
    const { createProperty } = await relance.ok(CreatePropertyDocument, { d: { name: 'Résidence Pool' } });
    const units = ids(
      (
        await relance.ok(CreateUnitsDocument, {
          d: range.map((i) => ({ propertyId: createProperty.id, label: `${i + 1}` })),
        })
      ).createUnits,
    );
    const leases = ids(
      (
        await relance.ok(CreateLeasesDocument, {
          d: range.map((i): CreateLeaseInput => ({
            reference: `POOL-${i + 1}`,
            unitId: units[i],
            landlordId: createLandlord.id,
            kind: 'RESIDENTIAL_UNFURNISHED',
            signedOn: '2025-01-01',
            startsOn: '2025-01-01',
            monthlyRentCents: 80_000,
            scenarioOverride: 'standard',
          })),
        })
      ).createLeases,
    );
    await relance.ok(CreateChargesDocument, {
      d: leases.map((leaseId) => ({ leaseId, period: '2026-01', dueDate: addDays(todayIn(), -8), rentCents: 80_000, chargesCents: 0 })),
    });
    const tenants = ids(
      (
        await relance.ok(CreateTenantsDocument, {
          d: range.map((i) => ({
            firstName: 'Camille',
            lastName: `Locataire ${i + 1}`,
            email: `locataire${i + 1}@example.test`,
            consentEmail: true,
          })),
        })
      ).createTenants,
    );
    for (const [i, leaseId] of leases.entries()) {
      await relance.ok(SetLeasePartiesDocument, { leaseId, d: { tenantIds: [tenants[i]] } });
    }
    return leases;
  }

  /** The longest any connection to the test database has sat "idle in transaction" (ms), read outside the pool. */
  async function longestIdleInTransactionMs(): Promise<number> {
    const [row] = await relance.database.query<{ ms: number }>(
      `SELECT COALESCE(max(extract(epoch FROM clock_timestamp() - state_change)), 0)::float8 * 1000 AS ms
       FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    return row.ms;
  }

  it(`records ${DEBTS} e-mails due at once within ${WITHIN_MS / 1000} s of a worker's start on a pool of ${POOL_SIZE}, no connection left idle in a transaction`, async () => {
    await leasesInArrears();

    // Watch Postgres the whole time, on connections of the test's own.
    let watching = true;
    let longestIdleMs = 0;
    const watcher = (async () => {
      while (watching) {
        longestIdleMs = Math.max(longestIdleMs, await longestIdleInTransactionMs());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    try {
      const { runArrearsDetection } = await relance.ok(RunArrearsDetectionWorkflowsDocument);
      expect(runArrearsDetection).toHaveLength(DEBTS);
      expect(runArrearsDetection.every((d) => d.workflowId)).toBe(true);
      worker = await startWorker();
      const started = Date.now();

      const sentEmails = async () => (await relance.ok(SentEmailCountDocument)).outboundMessages.totalCount;
      await eventually(sentEmails, (n) => n >= DEBTS, `${DEBTS} e-mails recorded as sent`, Math.ceil(WITHIN_MS / 200));
      const elapsedMs = Date.now() - started;
      expect(await sentEmails()).toBe(DEBTS);
      expect(elapsedMs).toBeLessThan(WITHIN_MS);

      // Each debt's timeline says its e-mail went out, once.
      const { debtEvents } = await relance.ok(MessageSentEventsDocument);
      const emailed = debtEvents.edges.filter((e) => e.node.summary.startsWith('E-mail to '));
      expect(new Set(emailed.map((e) => e.node.debtId))).toEqual(new Set(runArrearsDetection.map((d) => d.id)));
      expect(emailed).toHaveLength(DEBTS);
    } finally {
      watching = false;
      await watcher;
    }
    // A transaction commits in milliseconds; one held while its code waits on the pool lingers.
    expect(longestIdleMs).toBeLessThan(2_000);
  });
});
