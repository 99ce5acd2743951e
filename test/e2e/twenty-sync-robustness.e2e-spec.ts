import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';
import { eventually } from '../support/eventually';
import { FakeTwentyServer, startFakeTwentyServer } from '../support/fake-twenty-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  DebtTaskAssignmentsDocument,
  InstallTwentyDocument,
  RunArrearsDetectionByLeaseDocument,
  SetTwentyConnectionDocument,
  SyncTwentyNowDocument,
  TwentySyncStatusDocument,
} from './graphql/generated';

type TwentyRow = Record<string, unknown> & { id: string };

/** A request the proxy answers itself, once: refused before Twenty sees it, or made in Twenty with its answer lost. */
interface Fault {
  method: string;
  path: string;
  status: number;
  /** True: Twenty carries the request out, and Relance gets `status` instead of its answer. */
  reachesTwenty: boolean;
}

/**
 * Twenty as Relance reaches it here: the fake (test/support/fake-twenty-server.ts) behind
 * a loopback proxy adding what the fake does not do — a request failing once on cue, and
 * Twenty's unique e-mail on people (`emails` is `@WorkspaceIsUnique()` in Twenty's
 * person.workspace-entity.ts: a second Person with one address is refused).
 */
interface TwentyProxy {
  url: string;
  fail(fault: Fault): void;
  /** How many faults wait for their request. */
  faults(): number;
  close(): Promise<void>;
}

async function startTwentyProxy(twenty: FakeTwentyServer): Promise<TwentyProxy> {
  const faults: Fault[] = [];
  const twentyError = (status: number, message: string) => ({
    status,
    body: JSON.stringify({ statusCode: status, error: status >= 500 ? 'ServiceUnavailable' : 'BadRequestException', messages: [message] }),
  });
  const emailTaken = (body: string) => {
    const email = (JSON.parse(body || '{}') as { emails?: { primaryEmail?: string } }).emails?.primaryEmail;
    return !!email && (twenty.records.get('people') ?? []).some((p) => (p.emails as { primaryEmail?: string })?.primaryEmail === email);
  };
  async function answer(request: IncomingMessage, body: string): Promise<{ status: number; body: string }> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const at = faults.findIndex((f) => f.method === method && f.path === path.split('?')[0]);
    const fault = at >= 0 ? faults.splice(at, 1)[0] : undefined;
    if (fault && !fault.reachesTwenty) return twentyError(fault.status, 'Refused once (simulated)');
    if (method === 'POST' && path === '/rest/people' && emailTaken(body))
      return twentyError(400, 'A duplicate entry was detected: emails.primaryEmail must be unique');
    const forwarded = await fetch(`${twenty.url}${path}`, {
      method,
      headers: {
        ...(request.headers.authorization ? { Authorization: request.headers.authorization } : {}),
        'Content-Type': 'application/json',
      },
      body: body || undefined,
    });
    const text = await forwarded.text();
    return fault ? twentyError(fault.status, 'Answer lost (simulated)') : { status: forwarded.status, body: text };
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(request, Buffer.concat(chunks).toString('utf8')).then(
        ({ status, body }) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(body),
        (error: Error) => response.writeHead(502).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fail: (fault) => faults.push(fault),
    faults: () => faults.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The Relance → Twenty sync when things go wrong, against the fake Twenty: records that
 * share one Twenty Person or Company, a record that cannot be acknowledged, an agent
 * filling in a task's outcome while Relance pushes it, a task's link to its Debt record
 * refused or its answer lost, Relance's answer on a task while Twenty is down, and the lag
 * an admin reads. No webhook is set: what Twenty sends back is the connector spec's.
 */
describe('Twenty sync robustness', () => {
  let relance: TestRelance;
  let twenty: FakeTwentyServer;
  let proxy: TwentyProxy;

  const sync = () => relance.running.app.get(TwentySyncService);
  /** Runs a pass of the workspace and waits for it. */
  async function syncNow(): Promise<void> {
    await sync().settled();
    await relance.ok(SyncTwentyNowDocument);
    await sync().settled();
  }
  const status = async () => (await relance.ok(TwentySyncStatusDocument)).twentySyncStatus;
  /**
   * Syncs until Twenty has everything (the workflows go on writing meanwhile: a step taken
   * after a pass is due for the next); a record stuck or failing never gets there.
   */
  const caughtUp = () =>
    eventually(
      async () => {
        await syncNow();
        return status();
      },
      (s) => s.pending === 0 && s.lagSeconds === 0,
      'Twenty having everything',
      20,
    );
  const rows = (plural: string): TwentyRow[] => (twenty.records.get(plural) ?? []) as TwentyRow[];
  const rowOf = (plural: string, relanceId: string) => rows(plural).find((r) => r.relanceId === relanceId);
  const taskOf = (relanceTaskId: string) => rows('tasks').filter((t) => t.relanceTaskId === relanceTaskId);
  const outbox = async (kind: string, relanceId: string) =>
    (
      await relance.database.query<{
        twenty_id: string | null;
        link_twenty_id: string | null;
        pending_flag: Record<string, string | null> | null;
        attempts: number;
      }>(
        'SELECT twenty_id, link_twenty_id, pending_flag, attempts FROM twenty_record WHERE workspace_id = $1 AND kind = $2 AND relance_id = $3',
        [relance.workspaceId, kind, relanceId],
      )
    )[0];
  /** Lets a record waiting out its backoff be tried by the next pass (rather than in 30 s). */
  const dueNow = (kind: string, relanceId: string) =>
    relance.database.query('UPDATE twenty_record SET next_attempt_at = now() WHERE workspace_id = $1 AND kind = $2 AND relance_id = $3', [
      relance.workspaceId,
      kind,
      relanceId,
    ]);

  beforeAll(async () => {
    twenty = await startFakeTwentyServer({ workspaceName: 'Agence (Twenty)' });
    proxy = await startTwentyProxy(twenty);
    // Passes run when asked (syncTwentyNow), or nudged by a task opened, not on a timer a test would race.
    relance = await startTestRelance('all-in-one', { TWENTY_SYNC_INTERVAL_SECONDS: '3600' });
    await relance.ok(SetTwentyConnectionDocument, {
      data: { apiUrl: proxy.url, apiKey: twenty.apiKey, webhookSecret: 'whsec-robustness-0123456789' },
    });
    await relance.ok(InstallTwentyDocument);
  });
  afterAll(async () => {
    await relance?.stop();
    await proxy?.close();
    await twenty?.close();
  });

  async function lease(reference: string, tenant: Record<string, unknown>, landlord?: Record<string, unknown>) {
    const { leaseId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8, landlord });
    const tenantId = await addTenant(relance, leaseId, { email: `${reference.toLowerCase()}@example.test`, ...tenant });
    const detected = (await relance.ok(RunArrearsDetectionByLeaseDocument)).runArrearsDetection;
    return { leaseId, tenantId, debtId: detected.find((d) => d.leaseId === leaseId)!.id };
  }
  async function task(debtId: string, title: string): Promise<string> {
    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId,
      key: `robustness-${title}`,
      title,
      body: 'Dette : 900,00 €',
      dueAt: `${addDays(todayIn(), 1)}T08:00:00.000Z`,
    });
    const tasks = (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges.map((e) => e.node);
    return tasks.find((t) => t.title === title)!.id;
  }

  it('syncs two tenants sharing one e-mail and two landlords sharing one company name, holding nothing up', async () => {
    const email = 'famille.durand@example.test';
    const tilleuls = { companyName: 'SCI Les Tilleuls' };
    const paul = await lease('RB-PAIR-1', { firstName: 'Paul', lastName: 'Durand', email }, tilleuls);
    const marie = await lease('RB-PAIR-2', { firstName: 'Marie', lastName: 'Durand', email }, tilleuls);
    await syncNow();

    // Twenty holds one Person per address: both tenants are that Person, each lease party naming its own.
    const people = rows('people').filter((p) => (p.emails as { primaryEmail?: string })?.primaryEmail === email);
    expect(people).toHaveLength(1);
    expect((await outbox('PERSON', paul.tenantId)).twenty_id).toBe(people[0].id);
    expect((await outbox('PERSON', marie.tenantId)).twenty_id).toBe(people[0].id);
    const [leaseOfPaul, leaseOfMarie] = [rowOf('leases', paul.leaseId)!, rowOf('leases', marie.leaseId)!];
    const party = (leaseRow: TwentyRow) => rows('leaseParties').find((p) => p.leaseId === leaseRow.id);
    expect(party(leaseOfPaul)).toMatchObject({ personId: people[0].id, name: 'Paul Durand', role: 'TENANT' });
    expect(party(leaseOfMarie)).toMatchObject({ personId: people[0].id, name: 'Marie Durand', role: 'TENANT' });
    // One Company of that name, landlord of both leases.
    const companies = rows('companies').filter((c) => c.name === 'SCI Les Tilleuls');
    expect(companies).toHaveLength(1);
    expect([leaseOfPaul.landlordCompanyId, leaseOfMarie.landlordCompanyId]).toEqual([companies[0].id, companies[0].id]);
    // Everything else went through, and nothing is left behind.
    expect(rowOf('debts', paul.debtId)).toMatchObject({ leaseId: leaseOfPaul.id });
    expect(rowOf('debts', marie.debtId)).toMatchObject({ leaseId: leaseOfMarie.id });
    expect(await caughtUp()).toMatchObject({ pending: 0, failing: 0, lastError: null, failures: [] });

    // The shared Person keeps the name it had: the other tenant's changes are not written over it.
    const name = people[0].name as { firstName: string };
    const other = name.firstName === 'Paul' ? marie : paul;
    await relance.ok('mutation($id: ID!, $d: UpdateTenantInput!) { updateTenant(id: $id, data: $d) { id } }', {
      id: other.tenantId,
      d: { firstName: 'Camille', phone: '+33612345678' },
    });
    await syncNow();
    expect(rows('people').find((p) => p.id === people[0].id)!.name).toEqual(name);
    expect(party(other === paul ? leaseOfPaul : leaseOfMarie)).toMatchObject({ personId: people[0].id, name: 'Camille Durand' });

    // A tenant given an address of their own leaves the shared Person for one of their own, their lease party with them.
    await relance.ok('mutation($id: ID!, $d: UpdateTenantInput!) { updateTenant(id: $id, data: $d) { id } }', {
      id: other.tenantId,
      d: { email: 'camille.durand@example.test' },
    });
    await syncNow();
    const camille = rows('people').find((p) => (p.emails as { primaryEmail?: string })?.primaryEmail === 'camille.durand@example.test')!;
    expect(camille.name).toMatchObject({ firstName: 'Camille', lastName: 'Durand' });
    expect(party(other === paul ? leaseOfPaul : leaseOfMarie)).toMatchObject({ personId: camille.id });
    expect(rows('people').find((p) => p.id === people[0].id)!.name).toEqual(name);
    expect(await caughtUp()).toMatchObject({ failing: 0, lastError: null });
  });

  it('fails a record that cannot be acknowledged on its own, with its backoff, and goes on with the pass', async () => {
    const first = await lease('RB-KEY-1', {});
    const taskA = await task(first.debtId, 'Call RB-KEY-1');
    await syncNow();
    const twentyTaskA = taskOf(taskA)[0];
    // The next task's Relance id is copied onto A's Twenty record (an agent editing the key): the
    // next task is found as A's record, which Relance cannot acknowledge as another task's too.
    twenty.down = true;
    const taskB = await task(first.debtId, 'Call RB-KEY-1 again');
    await twenty.updateAsUser('tasks', twentyTaskA.id, { relanceTaskId: taskB });
    const second = await lease('RB-KEY-2', {});
    const taskC = await task(second.debtId, 'Call RB-KEY-2');
    twenty.down = false;
    await syncNow();

    const after = await status();
    expect(after).toMatchObject({ failing: 1, lastError: null, consecutiveFailures: 0 });
    expect(after.failures).toEqual([expect.objectContaining({ kind: 'TASK', relanceId: taskB, attempts: 1 })]);
    expect(after.failures[0].lastError).toMatch(/^Relance could not sync it: .*twenty_record_twenty_id/);
    // The pass went on: the other lease, its debt, its task and its timeline reached Twenty.
    const debtOfSecond = rowOf('debts', second.debtId)!;
    expect(debtOfSecond).toBeDefined();
    expect(taskOf(taskC)).toHaveLength(1);
    expect(rows('noteTargets').filter((t) => t.targetDebtId === debtOfSecond.id).length).toBeGreaterThan(0);
    // It waits out its backoff: the next pass leaves it alone.
    const [{ waits }] = await relance.database.query<{ waits: boolean }>(
      "SELECT next_attempt_at > now() + interval '20 seconds' AS waits FROM twenty_record WHERE workspace_id = $1 AND kind = 'TASK' AND relance_id = $2",
      [relance.workspaceId, taskB],
    );
    expect(waits).toBe(true);

    // Once the key is put back, it goes through.
    await twenty.updateAsUser('tasks', twentyTaskA.id, { relanceTaskId: taskA });
    await dueNow('TASK', taskB);
    await syncNow();
    expect(taskOf(taskB)).toHaveLength(1);
    expect(taskOf(taskA)).toEqual([expect.objectContaining({ id: twentyTaskA.id })]);
    expect(await status()).toMatchObject({ failing: 0, failures: [] });
  });

  it('never blanks the outcome an agent is filling in on an open task, and writes Relance’s once it has one', async () => {
    const { debtId } = await lease('RB-OPEN', {});
    const taskId = await task(debtId, 'Call RB-OPEN');
    await syncNow();
    const twentyTask = taskOf(taskId)[0];
    const promised = addDays(todayIn(), 5);
    const typing = { relanceOutcome: 'PROMISE_TO_PAY', relanceReport: 'Rappelle vendredi', relancePromisedDate: promised };
    await twenty.updateAsUser('tasks', twentyTask.id, typing);

    // The task changes in Relance while the agent is on it: it is pushed, without the outcome fields.
    const before = twenty.requests.length;
    await relance.ok('mutation($id: ID!, $a: String) { assignTask(id: $id, assignee: $a) { id } }', {
      id: taskId,
      a: 'agent@example.test',
    });
    await syncNow();
    const pushes = twenty.requests.slice(before).filter((r) => r.method === 'PATCH' && r.path === `/rest/tasks/${twentyTask.id}`);
    expect(pushes.length).toBeGreaterThan(0);
    for (const push of pushes)
      expect(Object.keys(push.body as object)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^relance(Outcome|Report|PromisedDate)$/)]),
      );
    expect(taskOf(taskId)[0]).toMatchObject(typing);

    // Completed in Relance: its outcome is Relance's to write.
    await relance.ok('mutation($id: ID!) { completeTask(id: $id, outcome: NO_ANSWER, report: "Pas de réponse à 10 h") { id } }', {
      id: taskId,
    });
    await syncNow();
    expect(taskOf(taskId)[0]).toMatchObject({
      status: 'DONE',
      relanceOutcome: 'NO_ANSWER',
      relanceReport: 'Pas de réponse à 10 h',
      relancePromisedDate: null,
    });
  });

  it('links a task to its Debt record once, after the link is refused and then made with its answer lost', async () => {
    proxy.fail({ method: 'POST', path: '/rest/taskTargets', status: 400, reachesTwenty: false });
    const { debtId } = await lease('RB-LINK', {});
    const taskId = await task(debtId, 'Call RB-LINK');
    await syncNow();
    const debt = rowOf('debts', debtId)!;
    const links = () => rows('taskTargets').filter((t) => t.taskId === taskOf(taskId)[0]?.id);
    // The task is in Twenty, its link refused: the task is failing and due again with its link.
    expect(taskOf(taskId)).toHaveLength(1);
    expect(links()).toEqual([]);
    expect((await status()).failures).toEqual([expect.objectContaining({ kind: 'TASK', relanceId: taskId, attempts: 1 })]);
    expect(await outbox('TASK', taskId)).toMatchObject({ link_twenty_id: null });

    // Tried again: Twenty makes the link but its answer is lost (that pass ends, as Twenty is unreachable).
    proxy.fail({ method: 'POST', path: '/rest/taskTargets', status: 503, reachesTwenty: true });
    await dueNow('TASK', taskId);
    await syncNow();
    expect(links()).toHaveLength(1);
    // (Whichever pass met the lost answer — a workflow's nudge may have started one first, the admin's then running
    // right after it — the link was made once.)
    expect(proxy.faults()).toBe(0);

    // The next pass finds the link Twenty has rather than making another, and acknowledges it all.
    await syncNow();
    expect(links()).toEqual([expect.objectContaining({ targetDebtId: debt.id })]);
    expect(await outbox('TASK', taskId)).toMatchObject({ twenty_id: taskOf(taskId)[0].id, link_twenty_id: links()[0].id, attempts: 0 });
    expect(await status()).toMatchObject({ failing: 0, lastError: null });
    // A later change of the task sends the task, not its link again.
    const before = twenty.requests.length;
    await relance.ok('mutation($id: ID!) { startTask(id: $id) { id } }', { id: taskId });
    await syncNow();
    expect(twenty.requests.slice(before).filter((r) => r.path.startsWith('/rest/taskTargets'))).toEqual([]);
    expect(taskOf(taskId)).toEqual([expect.objectContaining({ status: 'IN_PROGRESS' })]);
    expect(links()).toHaveLength(1);
  });

  it('writes Relance’s answer on a task once Twenty is back, the latest one, retrying what Twenty refused', async () => {
    const { debtId } = await lease('RB-FLAG', {});
    const taskId = await task(debtId, 'Call RB-FLAG');
    await syncNow();
    const twentyTask = taskOf(taskId)[0];

    twenty.down = true;
    await sync().flagTask(relance.workspaceId, taskId, { status: 'IN_PROGRESS', 'task.relanceFeedback': 'Not recorded: first answer' });
    await sync().flagTask(relance.workspaceId, taskId, { 'task.relanceFeedback': 'Not recorded: the report is empty' });
    await syncNow();
    expect(taskOf(taskId)[0].relanceFeedback ?? null).toBeNull();
    expect((await outbox('TASK', taskId)).pending_flag).toEqual({ 'task.relanceFeedback': 'Not recorded: the report is empty' });
    const waiting = await status();
    expect(waiting.byKind.find((k) => k.kind === 'TASK')!.pending).toBeGreaterThan(0);
    expect(waiting.lastError).toContain('503');
    // While the connection backs off (pinned here, past any slow machine's pace), an answer stored or a task opened
    // waits for the backoff rather than calling a Twenty that is down; the admin's "sync now" does not.
    await relance.database.query("UPDATE twenty_connection SET sync_next_attempt_at = now() + interval '1 hour' WHERE workspace_id = $1", [
      relance.workspaceId,
    ]);
    const calls = twenty.requests.length;
    await sync().flagTask(relance.workspaceId, taskId, { 'task.relanceFeedback': 'Not recorded: the report is empty' });
    await sync().settled();
    expect(twenty.requests.length).toBe(calls);

    twenty.down = false;
    await syncNow();
    // The later answer replaced the earlier one, never sent: the status it carried is not written.
    expect(taskOf(taskId)[0]).toMatchObject({ id: twentyTask.id, status: 'TODO', relanceFeedback: 'Not recorded: the report is empty' });
    expect((await outbox('TASK', taskId)).pending_flag).toBeNull();
    expect(await caughtUp()).toMatchObject({ lastError: null });

    // An answer Twenty refuses backs off and stays; the next one replaces it and goes through at once.
    await sync().flagTask(relance.workspaceId, taskId, { status: 'NOT_A_STATUS' });
    await syncNow();
    expect((await status()).failures).toEqual([expect.objectContaining({ kind: 'TASK', relanceId: taskId })]);
    expect((await outbox('TASK', taskId)).pending_flag).toEqual({ status: 'NOT_A_STATUS' });
    await sync().flagTask(relance.workspaceId, taskId, { status: 'TODO', 'task.relanceFeedback': 'Recorded in Relance: REACHED' });
    await syncNow();
    expect(taskOf(taskId)[0]).toMatchObject({ status: 'TODO', relanceFeedback: 'Recorded in Relance: REACHED' });
    expect(await caughtUp()).toMatchObject({ failing: 0 });

    await expect(sync().flagTask(relance.workspaceId, '00000000-0000-4000-8000-000000000000', { status: 'TODO' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'relanceTaskId',
    });
  });

  it('shows as lag the age of the oldest change Twenty has not acknowledged, 0 once it has everything', async () => {
    const { tenantId, debtId } = await lease('RB-LAG', {});
    const taskId = await task(debtId, 'Call RB-LAG');
    await caughtUp();

    // Relance installed in this Twenty a day ago; a tenant changed an hour ago and not sent (Twenty is down); an answer flagged now.
    await relance.database.query("UPDATE twenty_connection SET installed_at = now() - interval '1 day' WHERE workspace_id = $1", [
      relance.workspaceId,
    ]);
    twenty.down = true;
    await relance.database.query("UPDATE tenant SET updated_at = now() - interval '1 hour' WHERE workspace_id = $1 AND id = $2", [
      relance.workspaceId,
      tenantId,
    ]);
    await sync().flagTask(relance.workspaceId, taskId, { 'task.relanceFeedback': 'Recorded in Relance: REACHED' });
    await syncNow();
    const behind = await status();
    expect(behind.lagSeconds).toBeGreaterThanOrEqual(3600);
    expect(behind.lagSeconds).toBeLessThan(3600 + 300);
    // What changed before Relance was installed in this Twenty waited only since the install.
    await relance.database.query("UPDATE twenty_connection SET installed_at = now() - interval '10 minutes' WHERE workspace_id = $1", [
      relance.workspaceId,
    ]);
    const sinceInstall = (await status()).lagSeconds!;
    expect(sinceInstall).toBeGreaterThanOrEqual(600);
    expect(sinceInstall).toBeLessThan(600 + 300);

    twenty.down = false;
    expect(await caughtUp()).toMatchObject({ pending: 0, lagSeconds: 0 });
    expect(taskOf(taskId)[0]).toMatchObject({ relanceFeedback: 'Recorded in Relance: REACHED' });
  });
});
