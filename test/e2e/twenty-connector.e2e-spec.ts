import { createHash, createHmac } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { DocumentRepository } from '../../src/messaging/documents/document.repository';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { eventually } from '../support/eventually';
import { FakeTwentyServer, startFakeTwentyServer } from '../support/fake-twenty-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  DebtEventSummariesOfKindDocument,
  DebtStatusOnlyDocument,
  DebtTaskAssignmentsDocument,
  InstallTwentyDocument,
  RunArrearsDetectionByLeaseDocument,
  SetTwentyConnectionDocument,
  SyncTwentyNowDocument,
  TestTwentyConnectionDocument,
  TwentyConnectionDocument,
  TwentySyncStatusDocument,
  UninstallTwentyDocument,
} from './graphql/generated';

type TwentyRow = Record<string, unknown> & { id: string };

/**
 * The agent's day in Twenty, against loopback servers speaking Twenty's REST and metadata
 * APIs (test/support/fake-twenty-server.ts): one connection per workspace with sealed
 * secrets, the versioned install (twice, then an upgrade that renames a field and keeps its
 * data, then an uninstall that leaves what others made), the outbox sync under an outage,
 * each outcome of a task completed in Twenty reaching the workflow, agent actions set on
 * the Debt record, replayed and out-of-order webhooks, and two workspaces that never cross.
 */
describe('Twenty connector', () => {
  const secretA = 'whsec-agency-a-0123456789';
  const secretB = 'whsec-agency-b-0123456789';
  let relance: TestRelance;
  let twentyA: FakeTwentyServer;
  let twentyB: FakeTwentyServer;
  let keyB: string;
  let workspaceB: string;

  const sync = () => relance.running.app.get(TwentySyncService);
  /** Runs a pass of the workspace and waits for it. */
  async function syncNow(apiKey?: string): Promise<void> {
    await sync().settled();
    await relance.ok(SyncTwentyNowDocument, {}, apiKey);
    await sync().settled();
  }
  const rows = (twenty: FakeTwentyServer, plural: string): TwentyRow[] => (twenty.records.get(plural) ?? []) as TwentyRow[];
  const rowOf = (twenty: FakeTwentyServer, plural: string, relanceId: string) =>
    rows(twenty, plural).find((r) => r.relanceId === relanceId);

  beforeAll(async () => {
    twentyA = await startFakeTwentyServer({ workspaceName: 'Agence A (Twenty)' });
    twentyB = await startFakeTwentyServer({ apiKey: 'twenty-key-of-agency-b', workspaceName: 'Agence B (Twenty)' });
    // Passes run when asked (syncTwentyNow), not on a timer a test would race.
    relance = await startTestRelance('all-in-one', { TWENTY_SYNC_INTERVAL_SECONDS: '3600' });
    const b = await relance.running.app.get(WorkspaceService).createWorkspace('Agence B');
    keyB = b.apiKey;
    workspaceB = b.workspaceId;
  });
  afterAll(async () => {
    await relance?.stop();
    await twentyA?.close();
    await twentyB?.close();
  });

  async function debtWithTask(reference: string, options: { apiKey?: string; email?: string; tasks?: number } = {}) {
    const scoped = options.apiKey
      ? { ...relance, ok: ((q: never, v: never) => relance.ok(q, v, options.apiKey)) as TestRelance['ok'] }
      : relance;
    const { leaseId } = await createLeaseInArrears(scoped, { reference, dueDaysAgo: 8 });
    await addTenant(scoped, leaseId, { email: options.email ?? `${reference.toLowerCase()}@example.test` });
    const detected = (await relance.ok(RunArrearsDetectionByLeaseDocument, {}, options.apiKey)).runArrearsDetection;
    const debtId = detected.find((d) => d.leaseId === leaseId)!.id;
    const workspaceId = options.apiKey === keyB ? workspaceB : relance.workspaceId;
    for (let n = 0; n < (options.tasks ?? 1); n++) {
      await relance.running.app.get(DebtCaseService).createAgentTask({
        workspaceId,
        debtId,
        key: `twenty-call-${n}`,
        title: `Call ${reference} #${n + 1}`,
        body: 'Dette : 900,00 €',
        dueAt: `${addDays(todayIn(), 1)}T08:00:00.000Z`,
      });
    }
    const tasks = (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId }, options.apiKey)).tasks.edges.map((e) => e.node);
    return { leaseId, debtId, tasks };
  }

  /** A letter sent for the debt, as the outbox keeps it (its PDF, its SHA-256). */
  async function letterFor(workspaceId: string, debtId: string, reference: string) {
    const content = Buffer.from(`%PDF-1.4\n% Lettre de relance ${reference}\n%%EOF\n`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const fileName = `relance-${reference.toLowerCase()}.pdf`;
    const id = await relance.running.app.get(DocumentRepository).insert(workspaceId, {
      debtId,
      templateKey: 'first-reminder-letter',
      title: `Relance ${reference}`,
      fileName,
      sha256,
      content,
      idempotencyKey: `twenty-letter-${reference}`,
      createdAt: new Date().toISOString(),
      zones: null,
    });
    return { id, content, sha256, fileName };
  }
  /** The link in the Twenty note of a letter, and the note. */
  function letterNote(twenty: FakeTwentyServer, documentId: string) {
    const note = rows(twenty, 'notes').find((n) => n.relanceEventId === documentId);
    const markdown = (note?.bodyV2 as { markdown?: string } | undefined)?.markdown ?? '';
    return { note, link: /\((http[^)\s]+)\)/.exec(markdown)?.[1] };
  }
  /** A GET without credentials. */
  async function open(url: string) {
    const response = await fetch(url);
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  function signed(secret: string, payload: unknown, timestamp = String(Date.now())) {
    const body = JSON.stringify(payload);
    return {
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Twenty-Webhook-Timestamp': timestamp,
        'X-Twenty-Webhook-Signature': createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex'),
      },
    };
  }
  async function deliver(workspaceId: string, request: { body: string; headers: Record<string, string> }) {
    const response = await fetch(new URL(`/webhooks/twenty/${workspaceId}`, relance.running.graphqlUrl), { method: 'POST', ...request });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('keeps one connection per workspace, its secrets sealed and never read back, refusing bad input with the field', async () => {
    const bad = await relance.graphql(SetTwentyConnectionDocument, {
      data: { apiUrl: 'crm.agence.fr', apiKey: twentyA.apiKey, webhookSecret: secretA },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apiUrl' });
    const short = await relance.graphql(SetTwentyConnectionDocument, {
      data: { apiUrl: twentyA.url, apiKey: twentyA.apiKey, webhookSecret: 'short' },
    });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'webhookSecret' });
    expect((await relance.ok(TwentyConnectionDocument)).twentyConnection).toBeNull();

    const set = await relance.ok(SetTwentyConnectionDocument, {
      data: { apiUrl: `${twentyA.url}/`, apiKey: twentyA.apiKey, webhookSecret: secretA },
    });
    expect(set.setTwentyConnection).toMatchObject({ apiUrl: twentyA.url, installedVersion: 0, latestVersion: 2 });
    expect(set.setTwentyConnection.webhookUrl).toMatch(new RegExp(`/webhooks/twenty/${relance.workspaceId}$`));
    await relance.ok(SetTwentyConnectionDocument, { data: { apiUrl: twentyB.url, apiKey: twentyB.apiKey, webhookSecret: secretB } }, keyB);

    const [stored] = await relance.database.query<{ api_key_sealed: string; webhook_secret_sealed: string }>(
      'SELECT api_key_sealed, webhook_secret_sealed FROM twenty_connection WHERE workspace_id = $1',
      [relance.workspaceId],
    );
    expect(stored.api_key_sealed).toMatch(/^v1:/);
    expect(stored.api_key_sealed).not.toContain(twentyA.apiKey);
    expect(stored.webhook_secret_sealed).not.toContain(secretA);
    const asked = await relance.graphql('{ twentyConnection { apiKey } }');
    expect(asked.errors?.[0]?.message).toContain('Cannot query field "apiKey"');
  });

  it('tests the connection: the workspace name, the version and the objects, or what went wrong', async () => {
    const { testTwentyConnection } = await relance.ok(TestTwentyConnectionDocument);
    expect(testTwentyConnection).toMatchObject({ reachable: true, authenticated: true, workspaceName: 'Agence A (Twenty)' });
    expect(testTwentyConnection.serverVersion).toBeTruthy();
    expect(testTwentyConnection.objectsPresent).toEqual(expect.arrayContaining(['person', 'company', 'task', 'note']));
    expect(testTwentyConnection.objectsMissing).toEqual(expect.arrayContaining(['lease', 'leaseParty', 'debt']));

    twentyA.down = true;
    const down = (await relance.ok(TestTwentyConnectionDocument)).testTwentyConnection;
    twentyA.down = false;
    expect(down).toMatchObject({ reachable: false, authenticated: false });
    expect(down.message).toContain('503');
  });

  it('installs version 1 twice without duplicating anything, syncs under its names, then upgrades in place keeping the data', async () => {
    const first = (await relance.ok(InstallTwentyDocument, { version: 1 })).installTwenty;
    expect(first).toMatchObject({ fromVersion: 0, toVersion: 1 });
    expect(first.created).toEqual(
      expect.arrayContaining(['object:lease', 'object:leaseParty', 'object:debt', 'field:task.relanceOutcome']),
    );
    const objectCount = twentyA.objects.length;
    const fieldCount = twentyA.objects.reduce((sum, o) => sum + o.fields.length, 0);
    const again = (await relance.ok(InstallTwentyDocument, { version: 1 })).installTwenty;
    expect(again).toMatchObject({ fromVersion: 1, toVersion: 1, created: [], adopted: [] });
    expect(twentyA.objects).toHaveLength(objectCount);
    expect(twentyA.objects.reduce((sum, o) => sum + o.fields.length, 0)).toBe(fieldCount);

    const { leaseId, debtId } = await debtWithTask('TW-UP');
    await syncNow();
    const leaseV1 = rowOf(twentyA, 'leases', leaseId)!;
    expect(leaseV1).toMatchObject({
      name: 'TW-UP',
      lateDays: 8,
      status: 'IN_ARREARS',
      balance: { amountMicros: 900_000_000, currencyCode: 'EUR' },
    });
    // The step itself moves with the workflow (D+8 is past the first steps); only its v1 name is fixed.
    const debtV1 = rowOf(twentyA, 'debts', debtId)!;
    expect(debtV1).toMatchObject({ leaseId: leaseV1.id, status: 'OPEN' });
    expect(debtV1).toHaveProperty('stage');
    expect(debtV1).not.toHaveProperty('currentStep');

    const upgrade = (await relance.ok(InstallTwentyDocument)).installTwenty;
    expect(upgrade).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(upgrade.renamed).toEqual(expect.arrayContaining(['debt.stage → currentStep', 'lease.lateDays → daysLate']));
    expect(upgrade.created).toEqual(expect.arrayContaining(['field:debt.agentAction']));
    const leaseV2 = rowOf(twentyA, 'leases', leaseId)!;
    // Renamed in place: the same record, its value under the new name, nothing left under the old.
    expect(leaseV2.id).toBe(leaseV1.id);
    expect(leaseV2).toMatchObject({ daysLate: 8 });
    expect(leaseV2).not.toHaveProperty('lateDays');
    const debtV2 = rowOf(twentyA, 'debts', debtId)!;
    expect(debtV2.id).toBe(debtV1.id);
    expect(debtV2).toHaveProperty('currentStep');
    expect(debtV2).not.toHaveProperty('stage');
    expect((await relance.ok(TwentyConnectionDocument)).twentyConnection).toMatchObject({ installedVersion: 2 });
    expect(rows(twentyA, 'leases').filter((r) => r.relanceId === leaseId)).toHaveLength(1);
  });

  it('brings leases, parties, debts, tasks and the timeline into Twenty, keyed by Relance ids', async () => {
    const { leaseId, debtId, tasks } = await debtWithTask('TW-SYNC', { email: 'jean.martin@example.test' });
    await syncNow();
    const lease = rowOf(twentyA, 'leases', leaseId)!;
    expect(lease).toMatchObject({ name: 'TW-SYNC', landlordName: 'SCI TW-SYNC', daysLate: 8, monthlyRent: { amountMicros: 900_000_000 } });
    const company = rows(twentyA, 'companies').find((c) => c.name === 'SCI TW-SYNC')!;
    expect(lease.landlordCompanyId).toBe(company.id);
    // The tenant Twenty already knew by e-mail is linked, not duplicated.
    const people = rows(twentyA, 'people').filter(
      (p) => (p.emails as { primaryEmail?: string })?.primaryEmail === 'jean.martin@example.test',
    );
    expect(people).toHaveLength(1);
    expect(rows(twentyA, 'leaseParties').find((p) => p.leaseId === lease.id)).toMatchObject({ role: 'TENANT', personId: people[0].id });
    const debt = rowOf(twentyA, 'debts', debtId)!;
    expect(debt).toMatchObject({ status: 'OPEN', daysLate: 8, amount: { amountMicros: 900_000_000 }, leaseId: lease.id });
    expect((debt.relanceUrl as { primaryLinkUrl: string }).primaryLinkUrl).toContain(`/app/debts/${debtId}`);
    const task = rows(twentyA, 'tasks').find((t) => t.relanceTaskId === tasks[0].id)!;
    expect(task).toMatchObject({ title: 'Call TW-SYNC #1', status: 'TODO' });
    expect(rows(twentyA, 'taskTargets')).toContainEqual(expect.objectContaining({ taskId: task.id, targetDebtId: debt.id }));
    const notes = rows(twentyA, 'notes').filter((n) =>
      rows(twentyA, 'noteTargets').some((t) => t.noteId === n.id && t.targetDebtId === debt.id),
    );
    expect(notes.length).toBeGreaterThan(0);

    // Once the workflow has taken its first steps (D+8: up to the D+5 guarantor notice, skipped without a
    // guarantor) and Twenty has them, a pass with nothing changed sends nothing.
    await eventually(
      () =>
        relance.ok<{ debt: { nextAction: { stepKey: string | null } | null } }>(
          'query($id: ID!) { debt(id: $id) { nextAction { stepKey } } }',
          { id: debtId },
        ),
      (answer) => answer.debt.nextAction?.stepKey === 'd10-letter',
      'the workflow waiting for its D+10 letter',
    );
    const writes = () => twentyA.requests.filter((r) => r.method !== 'GET').length;
    await eventually(
      async () => {
        const before = writes();
        await syncNow();
        return writes() - before;
      },
      (sent) => sent === 0,
      'a pass that sends nothing',
    );
    // Relance forgetting what Twenty acknowledged (a crash between Twenty's answer and the
    // acknowledgement) makes no duplicate: records are found again by their Relance ids.
    const counts = () => ['leases', 'leaseParties', 'debts', 'tasks', 'notes', 'people', 'companies'].map((p) => rows(twentyA, p).length);
    const before = counts();
    await relance.database.query('DELETE FROM twenty_record WHERE workspace_id = $1', [relance.workspaceId]);
    await syncNow();
    expect(counts()).toEqual(before);
    expect(rowOf(twentyA, 'debts', debtId)!.id).toBe(debt.id);
    expect((await relance.ok(TwentySyncStatusDocument)).twentySyncStatus).toMatchObject({ pending: 0, failing: 0, lastError: null });
  });

  it('links each letter from its note through a shared link that opens without a Relance key and cannot be forged', async () => {
    const { debtId } = await debtWithTask('TW-LTR');
    const letter = await letterFor(relance.workspaceId, debtId, 'TW-LTR');
    await syncNow();
    const { note, link } = letterNote(twentyA, letter.id);
    expect(note).toMatchObject({ title: 'Letter: Relance TW-LTR' });
    expect(link).toMatch(/\/documents\/shared\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(rows(twentyA, 'noteTargets')).toContainEqual(
      expect.objectContaining({ noteId: note!.id, targetDebtId: rowOf(twentyA, 'debts', debtId)!.id }),
    );
    // An agent clicking it in Twenty: the PDF as it was sent, shown in the browser, its token kept from other sites.
    const opened = await open(link!);
    expect(opened.status).toBe(200);
    expect(opened.body.equals(letter.content)).toBe(true);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.headers.get('content-disposition')).toBe(`inline; filename="${letter.fileName}"`);
    expect(opened.headers.get('x-content-sha256')).toBe(letter.sha256);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    // The document's own address still asks for a key; a token altered or made up opens nothing.
    expect((await open(new URL(`/documents/${letter.id}`, link).href)).status).toBe(401);
    const last = link!.slice(-1) === 'A' ? 'B' : 'A';
    expect((await open(link!.slice(0, -1) + last)).status).toBe(404);
    const [, linkId] = /shared\/([0-9a-f-]{36})\./.exec(link!)!;
    expect((await open(link!.replace(linkId, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await open(new URL('/documents/shared/not-a-token', link).href)).status).toBe(404);
    const [{ opened_count: openedCount }] = await relance.database.query(
      'SELECT opened_count FROM document_link WHERE workspace_id = $1 AND document_id = $2',
      [relance.workspaceId, letter.id],
    );
    expect(openedCount).toBe(1);

    // A note an earlier version made, with a link that needed a key: brought up to date in place, not made twice.
    note!.bodyV2 = { markdown: `[${letter.fileName}](http://old.example/documents/${letter.id})` };
    await relance.database.query(
      `UPDATE twenty_record SET synced_version = 'v1' WHERE workspace_id = $1 AND kind = 'LETTER' AND relance_id = $2`,
      [relance.workspaceId, letter.id],
    );
    await syncNow();
    expect(rows(twentyA, 'notes').filter((n) => n.relanceEventId === letter.id)).toHaveLength(1);
    expect(letterNote(twentyA, letter.id)).toEqual({ note: expect.objectContaining({ id: note!.id }), link });
  });

  it('never holds up dunning while Twenty is down, shows the backlog and the error, and catches up afterwards', async () => {
    const { leaseId, debtId } = await debtWithTask('TW-DOWN');
    await syncNow();
    twentyA.down = true;
    const { debt } = await relance.ok<{ debt: { amountCents: number } }>('query($id: ID!) { debt(id: $id) { amountCents } }', {
      id: debtId,
    });
    await relance.ok('mutation($d: CreatePaymentInput!) { createPayment(data: $d) { id } }', {
      d: { leaseId, amountCents: debt.amountCents, paidOn: todayIn(), method: 'TRANSFER', bankReference: 'TW-DOWN-PAY' },
    });
    // Dunning goes on: the payment closes the debt whatever Twenty does.
    await eventually(
      () => relance.ok(DebtStatusOnlyDocument, { id: debtId }),
      (d) => d.debts.edges[0]?.node.status === 'RESOLVED',
      'the debt resolved',
    );
    await syncNow();
    const stuck = (await relance.ok(TwentySyncStatusDocument)).twentySyncStatus;
    expect(stuck.pending).toBeGreaterThan(0);
    expect(stuck.byKind.find((k) => k.kind === 'DEBT')!.pending).toBeGreaterThan(0);
    expect(stuck.lastError).toContain('503');
    expect(stuck.consecutiveFailures).toBeGreaterThan(0);
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({ status: 'OPEN' });

    twentyA.down = false;
    await syncNow();
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({ status: 'RESOLVED', daysLate: 0 });
    expect(rowOf(twentyA, 'leases', leaseId)).toMatchObject({ status: 'UP_TO_DATE', balance: { amountMicros: 0 } });
    expect((await relance.ok(TwentySyncStatusDocument)).twentySyncStatus).toMatchObject({
      pending: 0,
      lastError: null,
      consecutiveFailures: 0,
    });
  });

  it('takes each outcome of a task completed in Twenty to the workflow, as completeTask does', async () => {
    twentyA.webhook = { url: `${new URL(`/webhooks/twenty/${relance.workspaceId}`, relance.running.graphqlUrl)}`, secret: secretA };
    const { debtId, tasks } = await debtWithTask('TW-OUT', { tasks: 5 });
    await syncNow();
    const promised = addDays(todayIn(), 10);
    const outcomes = [
      { relanceOutcome: 'REACHED', relanceReport: 'Tenant reached, will call back' },
      { relanceOutcome: 'PROMISE_TO_PAY', relanceReport: 'Promises to pay', relancePromisedDate: promised },
      { relanceOutcome: 'NO_ANSWER', relanceReport: 'No answer at 10:00' },
      { relanceOutcome: 'WRONG_NUMBER', relanceReport: 'Number belongs to someone else' },
      { relanceOutcome: 'DISPUTE', relanceReport: 'Disputes the March charges' },
    ];
    const byTitle = [...tasks].sort((x, y) => x.title.localeCompare(y.title));
    for (const [n, fields] of outcomes.entries()) {
      const twentyTask = rows(twentyA, 'tasks').find((t) => t.relanceTaskId === byTitle[n].id)!;
      const answer = await twentyA.updateAsUser('tasks', twentyTask.id, { status: 'DONE', ...fields });
      expect(answer.status).toBe(200);
    }
    const done = (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges.map((e) => e.node);
    expect(byTitle.map((t) => done.find((d) => d.id === t.id)!.outcome)).toEqual(outcomes.map((o) => o.relanceOutcome));
    const { debtEvents } = await relance.ok(DebtEventSummariesOfKindDocument, { id: debtId, kind: 'TASK_COMPLETED' });
    expect(debtEvents.edges.map((e) => e.node.summary)).toEqual(
      expect.arrayContaining([`Call TW-OUT #2: PROMISE_TO_PAY (promised by ${promised})`, 'Call TW-OUT #5: DISPUTE']),
    );
    // The dispute pauses the case, as completeTask's does; a wrong number opens a task to find the right one.
    await eventually(
      () => relance.ok(DebtStatusOnlyDocument, { id: debtId }),
      (d) => d.debts.edges[0]?.node.status === 'PAUSED',
      'the disputed debt paused',
    );
    await eventually(
      async () => (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges.length,
      (count) => count > 5,
      'the follow-up task of the wrong number',
    );
  });

  it('refuses a report with sensitive data and flags it back on the Twenty task with the reason', async () => {
    const { tasks } = await debtWithTask('TW-SENS');
    await syncNow();
    const twentyTask = rows(twentyA, 'tasks').find((t) => t.relanceTaskId === tasks[0].id)!;
    const answer = await twentyA.updateAsUser('tasks', twentyTask.id, {
      status: 'DONE',
      relanceOutcome: 'REACHED',
      relanceReport: 'Le locataire est en dépression depuis son licenciement',
    });
    expect(answer.status).toBe(200);
    expect((await relance.ok(DebtTaskAssignmentsDocument, { id: await taskDebt(tasks[0].id) })).tasks.edges[0].node).toMatchObject({
      status: 'TODO',
      outcome: null,
    });
    // The answer is kept by the sync (TwentySyncService.flagTask) and written by the pass it starts.
    await sync().settled();
    const flagged = rows(twentyA, 'tasks').find((t) => t.id === twentyTask.id)!;
    expect(flagged.status).toBe('TODO');
    expect(String(flagged.relanceFeedback)).toMatch(/^Not recorded: .*sensitive data/);
  });

  async function taskDebt(taskId: string): Promise<string> {
    const [row] = await relance.database.query<{ debt_id: string }>('SELECT debt_id FROM task WHERE id = $1', [taskId]);
    return row.debt_id;
  }

  it('pauses, resumes and proposes a plan from fields set on the Debt record, answering there', async () => {
    const { debtId } = await debtWithTask('TW-ACT');
    await syncNow();
    const twentyDebt = rowOf(twentyA, 'debts', debtId)!;
    const until = addDays(todayIn(), 12);
    await twentyA.updateAsUser('debts', twentyDebt.id, { agentAction: 'PAUSE', pauseUntil: until, pauseReason: 'Waiting for the CAF' });
    expect((await relance.ok(DebtStatusOnlyDocument, { id: debtId })).debts.edges[0].node.status).toBe('PAUSED');
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({
      agentAction: 'NONE',
      agentActionResult: `Paused until ${until}`,
      pauseUntil: null,
      pauseReason: null,
    });

    await twentyA.updateAsUser('debts', twentyDebt.id, { agentAction: 'RESUME' });
    expect((await relance.ok(DebtStatusOnlyDocument, { id: debtId })).debts.edges[0].node.status).toBe('OPEN');
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({ agentAction: 'NONE', agentActionResult: 'Resumed' });

    await twentyA.updateAsUser('debts', twentyDebt.id, { agentAction: 'PROPOSE_PLAN', planInstallments: 1, planFirstDueDate: until });
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({ agentAction: 'NONE' });
    expect(String(rowOf(twentyA, 'debts', debtId)!.agentActionResult)).toMatch(/^Not done: Plan installments must be 2 to/);
    const first = addDays(todayIn(), 7);
    await twentyA.updateAsUser('debts', twentyDebt.id, { agentAction: 'PROPOSE_PLAN', planInstallments: 3, planFirstDueDate: first });
    expect(rowOf(twentyA, 'debts', debtId)).toMatchObject({
      agentActionResult: `Payment plan of 3 monthly installments from ${first} recorded`,
    });
    expect((await relance.ok(DebtStatusOnlyDocument, { id: debtId })).debts.edges[0].node.status).toBe('PAYMENT_PLAN');
  });

  it('changes nothing on a replayed delivery, and never lets an older event undo a newer one', async () => {
    const { tasks } = await debtWithTask('TW-REPLAY');
    await syncNow();
    const twentyTask = rows(twentyA, 'tasks').find((t) => t.relanceTaskId === tasks[0].id)!;
    const debtId = await taskDebt(tasks[0].id);
    const assignee = async () => (await relance.ok(DebtTaskAssignmentsDocument, { id: debtId })).tasks.edges[0].node.assignee;

    const [anne, bruno, claire] = ['Anne', 'Bruno', 'Claire'].map(
      (firstName) => twentyA.seed('workspaceMembers', { name: { firstName, lastName: 'Agent' } }).id,
    );
    const first = await twentyA.updateAsUser('tasks', twentyTask.id, { assigneeId: anne });
    expect(await assignee()).toBe(anne);
    await twentyA.updateAsUser('tasks', twentyTask.id, { assigneeId: bruno });
    expect(await assignee()).toBe(bruno);
    // The first request again, byte for byte, within its signature's window: nothing changes.
    expect(await deliver(relance.workspaceId, { body: first.body, headers: first.headers })).toEqual({
      status: 200,
      body: { result: 'DUPLICATE' },
    });
    expect(await assignee()).toBe(bruno);
    // The same event re-signed (as a retry would be): still the same event.
    expect((await deliver(relance.workspaceId, signed(secretA, JSON.parse(first.body)))).body).toEqual({ result: 'DUPLICATE' });

    // Out of order: an event about the record as it was before the last one applied.
    const firstEvent = JSON.parse(first.body) as { record: Record<string, unknown> };
    const olderAt = new Date(Date.parse(String(firstEvent.record.updatedAt)) - 1).toISOString();
    const older = { ...firstEvent, record: { ...firstEvent.record, assigneeId: claire, updatedAt: olderAt } };
    expect((await deliver(relance.workspaceId, signed(secretA, older))).body).toEqual({ result: 'STALE' });
    expect(await assignee()).toBe(bruno);

    // Forged or stale signatures are refused and change nothing.
    const newer = {
      ...older,
      record: { ...older.record, assigneeId: 'member-denis', updatedAt: new Date(Date.now() + 60_000).toISOString() },
    };
    expect((await deliver(relance.workspaceId, signed('not-the-secret-at-all', newer))).status).toBe(401);
    expect((await deliver(relance.workspaceId, signed(secretA, newer, String(Date.now() - 10 * 60 * 1000)))).status).toBe(401);
    expect(await assignee()).toBe(bruno);
  });

  it('keeps two workspaces on their own Twenty: records, webhooks and lookups never cross', async () => {
    await relance.ok(InstallTwentyDocument, {}, keyB);
    const a = await debtWithTask('TW-A');
    const b = await debtWithTask('TW-B', { apiKey: keyB });
    await syncNow();
    await syncNow(keyB);
    expect(rowOf(twentyA, 'leases', a.leaseId)).toBeDefined();
    expect(rowOf(twentyA, 'leases', b.leaseId)).toBeUndefined();
    expect(rowOf(twentyB, 'leases', b.leaseId)).toBeDefined();
    expect(rowOf(twentyB, 'leases', a.leaseId)).toBeUndefined();
    expect(rows(twentyB, 'leases').map((l) => l.name)).toEqual(['TW-B']);

    const taskOfA = rows(twentyA, 'tasks').find((t) => t.relanceTaskId === a.tasks[0].id)!;
    const event = { eventName: 'task.updated', record: { ...taskOfA, status: 'IN_PROGRESS', updatedAt: new Date().toISOString() } };
    // A's event signed with A's secret but posted to B's address: refused.
    expect((await deliver(workspaceB, signed(secretA, event))).status).toBe(401);
    // Signed with B's secret, it names a task B does not have: ignored.
    expect((await deliver(workspaceB, signed(secretB, event))).body).toEqual({ result: 'IGNORED' });
    expect((await relance.ok(DebtTaskAssignmentsDocument, { id: a.debtId })).tasks.edges[0].node.status).toBe('TODO');
    expect((await deliver('00000000-0000-4000-8000-000000000000', signed(secretA, event))).status).toBe(404);
  });

  it('uninstalls only what Relance created, leaving what others made', async () => {
    const { debtId } = await debtWithTask('TW-UNI', { apiKey: keyB });
    const letter = await letterFor(workspaceB, debtId, 'TW-UNI');
    await syncNow(keyB);
    const { note, link } = letterNote(twentyB, letter.id);
    expect((await open(link!)).status).toBe(200);
    const before = twentyB.objects.map((o) => o.nameSingular);
    const removed = (await relance.ok(UninstallTwentyDocument, {}, keyB)).uninstallTwenty;
    expect(removed).toEqual(expect.arrayContaining(['object:lease', 'object:leaseParty', 'object:debt', 'field:task.relanceOutcome']));
    const after = twentyB.objects.map((o) => o.nameSingular);
    expect(after).toEqual(before.filter((name) => !['lease', 'leaseParty', 'debt'].includes(name)));
    const taskFields = twentyB.objects.find((o) => o.nameSingular === 'task')!.fields.map((f) => f.name);
    expect(taskFields).toEqual(expect.arrayContaining(['title', 'status', 'dueAt']));
    expect(taskFields.filter((name) => name.startsWith('relance'))).toEqual([]);
    expect(rows(twentyB, 'people').length).toBeGreaterThan(0);
    expect((await relance.ok(TwentyConnectionDocument, {}, keyB)).twentyConnection).toMatchObject({ installedVersion: 0 });
    // The notes stay in Twenty, Relance no longer writes there: their letters' links are revoked.
    const kept = rows(twentyB, 'notes').find((n) => n.id === note!.id);
    expect((kept?.bodyV2 as { markdown: string }).markdown).toContain(link);
    expect((await open(link!)).status).toBe(404);
  });
});
