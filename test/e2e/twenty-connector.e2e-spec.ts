import { createHmac } from 'node:crypto';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { FakeTwentyServer, startFakeTwentyServer } from '../support/fake-twenty-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { DebtEventSummariesOfKindDocument, DebtTaskAssignmentsDocument, RunArrearsDetectionDocument } from './graphql/generated';

/**
 * The Twenty connector against a loopback server speaking Twenty's REST API: a recovery
 * task is mirrored as a Task with a TaskTarget on the tenant's person, and Twenty's
 * HMAC-signed `task.updated` webhook starts and completes it here; a bad signature is
 * refused and changes nothing.
 */
describe('Twenty connector', () => {
  const secret = 'whsec-relance-test-0123';
  let relance: TestRelance;
  let twenty: FakeTwentyServer;

  beforeAll(async () => {
    twenty = await startFakeTwentyServer();
    relance = await startTestRelance('all-in-one', {
      TWENTY_API_URL: twenty.url,
      TWENTY_API_KEY: twenty.apiKey,
      TWENTY_WEBHOOK_SECRET: secret,
    });
  });
  afterAll(async () => {
    await relance?.stop();
    await twenty?.close();
  });

  async function post(
    body: unknown,
    options: { secret?: string; timestamp?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const raw = JSON.stringify(body);
    const timestamp = options.timestamp ?? String(Date.now());
    const signature = createHmac('sha256', options.secret ?? secret)
      .update(`${timestamp}:${raw}`)
      .digest('hex');
    const response = await fetch(new URL('/webhooks/twenty', relance.running.graphqlUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Twenty-Webhook-Timestamp': timestamp, 'X-Twenty-Webhook-Signature': signature },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const taskOf = async (debtId: string) => (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges[0]?.node;

  it('mirrors a task into Twenty and takes its updates back through the signed webhook', async () => {
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'TW-1', dueDaysAgo: 8 });
    await addTenant(relance, leaseId, { email: 'jean.martin@example.test' });
    const debtId = (await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection[0].id;

    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId,
      key: 'twenty-call',
      title: 'Call Jean Martin',
      body: 'Dette : 900,00 €',
      dueAt: '2026-12-01T08:00:00.000Z',
    });
    expect(twenty.tasks).toHaveLength(1);
    const [mirrored] = twenty.tasks;
    const task = await taskOf(debtId);
    expect(mirrored).toMatchObject({ title: 'Call Jean Martin', dueAt: '2026-12-01T08:00:00.000Z', status: 'TODO' });
    expect((mirrored.bodyV2 as { markdown: string }).markdown).toBe(`Dette : 900,00 €\n\n_Relance task ${task.id}_`);
    expect(twenty.taskTargets).toEqual([{ taskId: mirrored.id, targetPersonId: twenty.people[0].id }]);
    // A second task of the debt mirrors only itself.
    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId,
      key: 'twenty-follow-up',
      title: 'Follow up',
      body: 'x',
      dueAt: '2026-12-02T08:00:00.000Z',
    });
    expect(twenty.tasks.map((t) => t.title)).toEqual(['Call Jean Martin', 'Follow up']);

    // Forged, stale or unsigned: refused, nothing changes.
    const started = {
      event: 'task.updated',
      data: { id: mirrored.id, status: 'IN_PROGRESS', assigneeId: 'member-7' },
      timestamp: new Date().toISOString(),
    };
    expect((await post(started, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await post(started, { timestamp: String(Date.now() - 10 * 60 * 1000) })).status).toBe(401);
    const unsigned = await fetch(new URL('/webhooks/twenty', relance.running.graphqlUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(started),
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await taskOf(debtId)).toMatchObject({ status: 'TODO', assignee: null });

    expect(await post(started)).toEqual({ status: 200, body: { result: 'APPLIED' } });
    expect(await taskOf(debtId)).toMatchObject({ status: 'IN_PROGRESS', assignee: 'member-7' });
    expect(await post({ event: 'person.updated', data: { id: twenty.people[0].id } })).toEqual({
      status: 200,
      body: { result: 'IGNORED' },
    });

    expect((await post({ event: 'task.updated', data: { id: mirrored.id, status: 'DONE' } })).status).toBe(200);
    expect(await taskOf(debtId)).toMatchObject({ status: 'DONE', outcome: 'OTHER' });
    const { debtEvents } = await relance.ok(DebtEventSummariesOfKindDocument, { id: debtId, kind: 'TASK_COMPLETED' });
    expect(debtEvents.edges.map((e) => e.node.summary)).toEqual(['Call Jean Martin: OTHER']);
    // Done is done: a later event changes nothing.
    expect(await post({ event: 'task.updated', data: { id: mirrored.id, status: 'TODO' } })).toEqual({
      status: 200,
      body: { result: 'IGNORED' },
    });
  });
});
