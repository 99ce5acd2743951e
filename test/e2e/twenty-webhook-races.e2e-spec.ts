import { createHmac, randomUUID } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import { TwentyInboundService } from '../../src/twenty/twenty-inbound.service';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';
import { eventually } from '../support/eventually';
import { FakeTwentyServer, FakeWebhookRequest, startFakeTwentyServer } from '../support/fake-twenty-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  AssignAndStartTaskDocument,
  DebtEventSummariesOfKindDocument,
  DebtStatusOnlyDocument,
  DebtTaskAssignmentsDocument,
  InstallTwentyDocument,
  RunArrearsDetectionByLeaseDocument,
  SetTwentyConnectionDocument,
  SyncTwentyNowDocument,
} from './graphql/generated';

type TwentyRow = Record<string, unknown> & { id: string };

/**
 * Twenty's webhooks as a real Twenty sends them, against the loopback Twenty of
 * test/support/fake-twenty-server.ts: deliveries posted concurrently (two versions of a
 * task racing, one delivery five times at once), whole records with `null` for what is
 * unset — echoes of Relance's own writes included —, a Twenty down when Relance answers
 * it, and a Relance that cannot apply an event that Twenty will never send again.
 */
describe('Twenty webhooks under races, echoes and outages', () => {
  const secret = 'whsec-races-0123456789abcdef';
  let relance: TestRelance;
  let twenty: FakeTwentyServer;

  const sync = () => relance.running.app.get(TwentySyncService);
  async function syncNow(): Promise<void> {
    await sync().settled();
    await relance.ok(SyncTwentyNowDocument);
    await sync().settled();
    // The webhooks Twenty sends for the sync's writes have been answered.
    await twenty.settled();
  }
  const twentyTaskOf = (taskId: string) => (twenty.records.get('tasks') as TwentyRow[]).find((t) => t.relanceTaskId === taskId)!;
  /** The task as Relance has it. */
  async function relanceTask(debtId: string, taskId: string) {
    const tasks = (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges.map((e) => e.node);
    return tasks.find((t) => t.id === taskId)!;
  }
  /** Posts a prepared delivery to Relance: its status and answer. */
  async function deliver(request: FakeWebhookRequest) {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  /** A delivery made by hand, as Twenty would have posted it: `payload` signed with the webhook's secret now. */
  function signed(like: FakeWebhookRequest, payload: unknown): FakeWebhookRequest {
    const body = JSON.stringify(payload);
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex');
    return {
      ...like,
      body,
      headers: { ...like.headers, 'X-Twenty-Webhook-Timestamp': timestamp, 'X-Twenty-Webhook-Signature': signature },
    };
  }
  /** Writes a record through Twenty's REST API, as Relance's sync (or any client) does: Twenty then sends its own webhook. */
  async function writeThroughApi(namePlural: string, id: string, values: Record<string, unknown>) {
    const response = await fetch(`${twenty.url}/rest/${namePlural}/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${twenty.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(values),
    });
    expect(response.status).toBe(200);
    await twenty.settled();
  }
  const member = (firstName: string) => twenty.seed('workspaceMembers', { name: { firstName, lastName: 'Agent' } }).id;

  beforeAll(async () => {
    twenty = await startFakeTwentyServer({ workspaceName: 'Agence des courses (Twenty)' });
    // Passes run when asked (syncTwentyNow), not on a timer a test would race.
    relance = await startTestRelance('all-in-one', { TWENTY_SYNC_INTERVAL_SECONDS: '3600' });
    await relance.ok(SetTwentyConnectionDocument, { data: { apiUrl: twenty.url, apiKey: twenty.apiKey, webhookSecret: secret } });
    await relance.ok(InstallTwentyDocument);
    await sync().settled();
    twenty.webhook = { url: `${new URL(`/webhooks/twenty/${relance.workspaceId}`, relance.running.graphqlUrl)}`, secret };
  });
  afterAll(async () => {
    await twenty?.settled();
    await relance?.stop();
    await twenty?.close();
  });

  /** A debt in arrears with one open call task, in Twenty once the sync has run. */
  async function debtWithTask(reference: string) {
    const { leaseId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8 });
    await addTenant(relance, leaseId, { email: `${reference.toLowerCase()}@example.test` });
    const detected = (await relance.ok(RunArrearsDetectionByLeaseDocument)).runArrearsDetection;
    const debtId = detected.find((d) => d.leaseId === leaseId)!.id;
    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId,
      key: 'race-call',
      title: `Call ${reference}`,
      body: 'Dette : 900,00 €',
      dueAt: `${addDays(todayIn(), 1)}T08:00:00.000Z`,
    });
    await syncNow();
    const tasks = (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges.map((e) => e.node);
    const taskId = tasks.find((t) => t.title === `Call ${reference}`)!.id;
    const task = () => relanceTask(debtId, taskId);
    return { debtId, taskId, task, twentyTaskId: twentyTaskOf(taskId).id };
  }

  it('ends with the newer of two versions of a task posted at once, whichever lands first, 20 rounds running', async () => {
    const { task, twentyTaskId } = await debtWithTask('RACE-ORDER');
    const members = ['Anne', 'Bruno', 'Claire'].map(member);
    for (let round = 0; round < 20; round++) {
      // Two edits in a row, both in Twenty's queue when its CallWebhookJob posts them together.
      const older = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: members[(round + 2) % 3] })!;
      const newer = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: members[(round + 1) % 3] })!;
      const answers = await Promise.all((round % 2 === 0 ? [older, newer] : [newer, older]).map(deliver));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.map((a) => a.body.result)).toEqual(expect.arrayContaining(['APPLIED']));
      expect((await task()).assignee).toBe(members[(round + 1) % 3]);
    }
  });

  it('applies a delivery posted five times at once exactly once', async () => {
    const { debtId, task, twentyTaskId } = await debtWithTask('RACE-TWICE');
    const promised = addDays(todayIn(), 5);
    const done = twenty.editAsUser('tasks', twentyTaskId, {
      status: 'DONE',
      relanceOutcome: 'PROMISE_TO_PAY',
      relanceReport: 'Will pay on Friday',
      relancePromisedDate: promised,
    })!;
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(done)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.result).sort()).toEqual(['APPLIED', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    expect(await task()).toMatchObject({ status: 'DONE', outcome: 'PROMISE_TO_PAY' });
    const { debtEvents } = await relance.ok(DebtEventSummariesOfKindDocument, { id: debtId, kind: 'TASK_COMPLETED' });
    expect(debtEvents.edges.map((e) => e.node.summary)).toEqual([`Call RACE-TWICE: PROMISE_TO_PAY (promised by ${promised})`]);
  });

  it("keeps Relance's assignee through the echo of its own write, and takes a reassignment made in Twenty", async () => {
    const { taskId, task, twentyTaskId } = await debtWithTask('RACE-ECHO');
    // Assigned and started in Relance: the sync writes the status to Twenty, which answers with the whole task.
    const before = twenty.deliveries.length;
    await relance.ok(AssignAndStartTaskDocument, { id: taskId });
    await syncNow();
    const echoes = twenty.deliveries.slice(before).filter((d) => d.origin === 'API' && d.record.id === twentyTaskId);
    expect(echoes).toHaveLength(1);
    expect(echoes[0]).toMatchObject({ eventName: 'task.updated', status: 200, record: { status: 'IN_PROGRESS', assigneeId: null } });
    expect(echoes[0].updatedFields).toContain('status');
    expect(echoes[0].updatedFields).not.toContain('assigneeId');
    expect(await task()).toMatchObject({ status: 'IN_PROGRESS', assignee: 'agent.dupont@agence.test' });

    // What an agent changes in Twenty is theirs: a reassignment, then taking the task from everyone.
    const denise = member('Denise');
    expect((await twenty.updateAsUser('tasks', twentyTaskId, { assigneeId: denise })).status).toBe(200);
    expect((await task()).assignee).toBe(denise);
    expect((await twenty.updateAsUser('tasks', twentyTaskId, { assigneeId: null })).status).toBe(200);
    expect((await task()).assignee).toBeNull();
  });

  it('takes a change made in Twenty that lands after the echo of a later write, and carries out an agent action once', async () => {
    const { debtId, task, twentyTaskId } = await debtWithTask('RACE-LATE');
    const twentyDebtId = (twenty.records.get('debts') as TwentyRow[]).find((d) => d.relanceId === debtId)!.id;
    const debtStatus = async () => (await relance.ok(DebtStatusOnlyDocument, { id: debtId })).debts.edges[0].node.status;

    // An agent reassigns the task; before that delivery lands, a write through the API (a sync pass) changes the title,
    // and its webhook, about a later version carrying the new assignee but not naming it, lands first.
    const fanny = member('Fanny');
    const reassigned = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: fanny })!;
    await writeThroughApi('tasks', twentyTaskId, { title: 'Call RACE-LATE (renamed)' });
    expect((await task()).assignee).toBeNull();
    expect(await deliver(reassigned)).toEqual({ status: 200, body: { result: 'APPLIED' } });
    expect((await task()).assignee).toBe(fanny);

    // The same on the Debt record: the agent's PAUSE lands after the echo of a later write, which shows it without naming it.
    const until = addDays(todayIn(), 12);
    const pause = twenty.editAsUser('debts', twentyDebtId, {
      agentAction: 'PAUSE',
      pauseUntil: until,
      pauseReason: 'Waiting for the CAF',
    })!;
    await writeThroughApi('debts', twentyDebtId, { daysLate: 9 });
    expect(await debtStatus()).toBe('OPEN');
    expect(await deliver(pause)).toEqual({ status: 200, body: { result: 'APPLIED' } });
    expect(await debtStatus()).toBe('PAUSED');
    await twenty.settled();
    expect(twenty.records.get('debts')!.find((d) => d.id === twentyDebtId)).toMatchObject({
      agentAction: 'NONE',
      agentActionResult: `Paused until ${until}`,
    });

    // RESUME, answered; then a record Twenty sent for a write made before the answer, still showing RESUME: not done twice.
    const resume = twenty.editAsUser('debts', twentyDebtId, { agentAction: 'RESUME' })!;
    const resumeEvent = JSON.parse(resume.body) as { record: Record<string, unknown>; updatedFields: string[] };
    expect(await deliver(resume)).toEqual({ status: 200, body: { result: 'APPLIED' } });
    await twenty.settled();
    const between = new Date(Date.parse(String(resumeEvent.record.updatedAt)) + 1).toISOString();
    const echo = signed(resume, {
      ...resumeEvent,
      record: { ...resumeEvent.record, daysLate: 10, updatedAt: between },
      updatedFields: ['daysLate'],
    });
    expect((await deliver(echo)).body.result).toMatch(/^(IGNORED|STALE)$/);
    expect(await debtStatus()).toBe('OPEN');
    expect(twenty.records.get('debts')!.find((d) => d.id === twentyDebtId)).toMatchObject({
      agentAction: 'NONE',
      agentActionResult: 'Resumed',
    });
  });

  it('brings a refusal decided while Twenty is down to the Twenty task once Twenty is back', async () => {
    const { task, twentyTaskId } = await debtWithTask('RACE-DOWN');
    twenty.down = true;
    try {
      // The agent's edit reaches Relance (webhooks do not go through the API that is down); Relance cannot answer on the task.
      const answer = await twenty.updateAsUser('tasks', twentyTaskId, {
        status: 'DONE',
        relanceOutcome: 'REACHED',
        relanceReport: 'Le locataire est en dépression depuis son licenciement',
      });
      expect(answer.status).toBe(200);
      expect(await task()).toMatchObject({ status: 'TODO', outcome: null });
      await relance.ok(SyncTwentyNowDocument);
      await sync().settled();
      expect(twenty.records.get('tasks')!.find((t) => t.id === twentyTaskId)).toMatchObject({ status: 'DONE' });
    } finally {
      twenty.down = false;
    }
    const flagged = await eventually(
      async () => {
        await syncNow();
        return twenty.records.get('tasks')!.find((t) => t.id === twentyTaskId)!;
      },
      (task) => task.status === 'TODO' && /^Not recorded: .*sensitive data/.test(String(task.relanceFeedback)),
      'the refusal written on the Twenty task',
      20,
    );
    expect(flagged.status).toBe('TODO');
    expect(await task()).toMatchObject({ status: 'TODO', outcome: null });
  });

  it('applies later a completion Relance could not apply when it came, without Twenty sending it again', async () => {
    const { debtId, task, twentyTaskId } = await debtWithTask('RACE-LATER');
    // Temporal does not answer the signal once: the completion is not recorded, and Twenty is told so.
    const spy = jest
      .spyOn(relance.running.app.get(DebtWorkflowsService), 'taskCompleted')
      .mockRejectedValueOnce(new Error('14 UNAVAILABLE: No connection established'));
    try {
      const answer = await twenty.updateAsUser('tasks', twentyTaskId, {
        status: 'DONE',
        relanceOutcome: 'NO_ANSWER',
        relanceReport: 'No answer at 10:00',
      });
      expect(answer.status).toBe(503);
    } finally {
      spy.mockRestore();
    }
    expect(await task()).toMatchObject({ status: 'TODO', outcome: null });
    const [kept] = await relance.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM twenty_webhook_event WHERE workspace_id = $1 AND record_id = $2 AND outcome = 'PENDING'`,
      [relance.workspaceId, twentyTaskId],
    );
    expect(kept.count).toBe(1);

    // The worker's sweep (every TWENTY_SYNC_INTERVAL_SECONDS, an hour here; run at once) reads the task back and applies it.
    await relance.running.app.get(TwentyInboundService).retryPending();
    expect(await task()).toMatchObject({ status: 'DONE', outcome: 'NO_ANSWER' });
    // (Relance's answer on the task is written by a sync pass, whose own webhook is answered meanwhile.)
    await syncNow();
    const { debtEvents } = await relance.ok(DebtEventSummariesOfKindDocument, { id: debtId, kind: 'TASK_COMPLETED' });
    expect(debtEvents.edges.map((e) => e.node.summary)).toEqual(['Call RACE-LATER: NO_ANSWER']);
    expect(twenty.deliveries.filter((d) => d.origin === 'USER' && d.record.id === twentyTaskId)).toHaveLength(1);
    const left = await relance.database.query(
      `SELECT outcome FROM twenty_webhook_event WHERE workspace_id = $1 AND record_id = $2 AND outcome = 'PENDING'`,
      [relance.workspaceId, twentyTaskId],
    );
    expect(left).toEqual([]);
    // Once applied, a sweep has nothing left to do for it, and Relance's answer reaches the Twenty task.
    await relance.running.app.get(TwentyInboundService).retryPending();
    expect((await task()).status).toBe('DONE');
    await eventually(
      async () => {
        await syncNow();
        return twenty.records.get('tasks')!.find((t) => t.id === twentyTaskId)!;
      },
      (task) => task.relanceFeedback === 'Recorded in Relance: NO_ANSWER',
      'the completion acknowledged on the Twenty task',
      20,
    );
  });

  it('refuses an event whose record has no updatedAt, which cannot be ordered', async () => {
    const { task, twentyTaskId } = await debtWithTask('RACE-UNDATED');
    const request = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: member('Emile') })!;
    const event = JSON.parse(request.body) as { record: Record<string, unknown> };
    delete event.record.updatedAt;
    const answer = await deliver(signed(request, event));
    expect(answer).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'record.updatedAt' } });
    expect((await task()).assignee).toBeNull();
  });
  it('refuses, with 403 and no change, an event signed with the secret but sent from another Twenty workspace', async () => {
    const { task, twentyTaskId } = await debtWithTask('RACE-ELSEWHERE');
    const request = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: member('Fanny') })!;
    const event = JSON.parse(request.body) as { workspaceId: string };
    expect(event.workspaceId).toBe(twenty.workspaceId);
    event.workspaceId = randomUUID();
    const answer = await deliver(signed(request, event));
    expect(answer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', field: 'workspaceId' } });
    expect((await task()).assignee).toBeNull();
  });
  it('starts over when the key opens another Twenty workspace on the same server, and then refuses the old one’s webhooks', async () => {
    const { twentyTaskId } = await debtWithTask('RACE-MOVED');
    const before = twenty.workspaceId;
    // Twenty Cloud: one URL for every workspace; the admin pasted a key of another one.
    twenty.workspaceId = randomUUID();
    const tested = await relance.ok<{ testTwentyConnection: { message: string } }>('mutation { testTwentyConnection { message } }');
    expect(tested.testTwentyConnection.message).toContain('another Twenty workspace');
    const view = await relance.ok<{ twentyConnection: { installedVersion: number } }>('query { twentyConnection { installedVersion } }');
    expect(view.twentyConnection.installedVersion).toBe(0);
    const status = await relance.ok<{ twentySyncStatus: { pending: number } }>('query { twentySyncStatus { pending } }');
    expect(status.twentySyncStatus.pending).toBeGreaterThan(0);
    // An event from the workspace the connection left is no longer this connection's.
    const request = twenty.editAsUser('tasks', twentyTaskId, { assigneeId: member('Gilles') })!;
    const event = { ...(JSON.parse(request.body) as Record<string, unknown>), workspaceId: before };
    expect((await deliver(signed(request, event))).status).toBe(403);
  });
});
