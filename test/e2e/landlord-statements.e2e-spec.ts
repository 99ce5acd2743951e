import { createHash } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { addDays, daysBetween } from '../../src/domain/calendar-date';
import { parisTime } from '../../src/domain/french-calendar';
import { monthBounds, previousMonth } from '../../src/domain/statement-month';
import { spellPeriod } from '../../src/messaging/templates/letter-context';
import { DataSource } from 'typeorm';
import { ApprovalRequestService } from '../../src/approvals/approval-request.service';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { eventually } from '../support/eventually';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { pdfText } from '../support/pdf-text';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { IssueLandlordStatementsDocument, LandlordStatementsDocument } from './graphql/generated';

/** What an agent wrote after a call: no landlord may ever read it. */
const REPORT = 'Le locataire confie des soucis de santé et un licenciement';
const PUBLIC_URL = 'https://relance.agence.test';

/**
 * Landlords' monthly statements through GraphQL and HTTP on a fresh database: an ADMIN
 * issues the month just over (picked from Relance's today, so every day of the year has
 * one), twice; each landlord lists and downloads its own statement only; the landlord whose
 * mandate says EMAIL receives it on the loopback SMTP server, once.
 */
describe('landlord monthly statements', () => {
  let relance: TestRelance;
  let smtp: FakeSmtpServer;
  const today = todayIn();
  const month = previousMonth(today);
  const before = previousMonth(`${month}-01`);
  const { last } = monthBounds(month);
  const frDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  let first: { landlordId: string; leaseId: string };
  let second: { landlordId: string; leaseId: string };
  let firstKey: string;
  let secondKey: string;

  const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(address));

  async function download(path: string, key: string): Promise<{ status: number; sha: string | null; body: Buffer }> {
    const response = await fetch(new URL(path, relance.running.graphqlUrl), { headers: { Authorization: `Bearer ${key}` } });
    return { status: response.status, sha: response.headers.get('x-content-sha256'), body: Buffer.from(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    // The API alone: debts' workflows are started but no worker runs them, so the timeline holds what this spec writes.
    relance = await startTestRelance('api', { PUBLIC_URL });
    await relance.ok('mutation($i: ChannelSettingInput!) { setChannelSetting(input: $i) { channel } }', {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port: smtp.port, secure: false, from: 'releves@agence.test' },
    });
    // Lease A: last month's rent paid late during the month, this month's unpaid at its end.
    first = await createLeaseInArrears(relance, {
      reference: 'STA-A',
      period: before,
      dueDate: `${before}-05`,
      landlord: { companyName: 'SCI Les Tilleuls', email: 'tilleuls@example.test', mandateInformationChannels: ['EMAIL', 'PORTAL'] },
    });
    await addTenant(relance, first.leaseId, { firstName: 'Jean', lastName: 'Martin' });
    // Lease B: another landlord, kept informed through the extranet only.
    second = await createLeaseInArrears(relance, {
      reference: 'STA-B',
      period: month,
      dueDate: `${month}-05`,
      landlord: { companyName: 'SCI Beausoleil', email: 'beausoleil@example.test', mandateInformationChannels: ['PORTAL'] },
    });
    await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
      d: [{ leaseId: first.leaseId, period: month, dueDate: `${month}-05`, rentCents: 90_000, chargesCents: 0 }],
    });
    await relance.ok('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [{ leaseId: first.leaseId, amountCents: 90_000, paidOn: `${month}-10`, method: 'TRANSFER', bankReference: 'STA-A-1' }],
    });
    // A landlord without leases gets no statement.
    await relance.ok('mutation { createLandlord(data: { kind: LEGAL_ENTITY, companyName: "SCI Sans Bail" }) { id } }');

    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    const debtA = runArrearsDetection.find((d) => d.leaseId === first.leaseId)!.id;
    // What the debt's workflow and an agent wrote during the month (the workflow's own writes, here by hand).
    await relance.database.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key) VALUES
         ($1, $2, 'MESSAGE_SENT', $3, 'WORKFLOW', 'wf', 'Letter to Jean Martin sent (CAPTURE)', '{"channel":"LETTER","stepKey":"d10-letter"}', 'spec:letter'),
         ($1, $2, 'TASK_COMPLETED', $4, 'API_KEY', 'agent', $5, $6, 'spec:call')`,
      [
        relance.workspaceId,
        debtA,
        parisTime(`${month}-08`, 9).toISOString(),
        parisTime(`${month}-15`, 14).toISOString(),
        `Organised call: PROMISE_TO_PAY (${REPORT})`,
        JSON.stringify({ taskId: 'spec', outcome: 'PROMISE_TO_PAY', promisedDate: `${month}-25`, report: REPORT }),
      ],
    );
    await relance.database.query(
      `UPDATE debt SET next_action_kind = 'WAIT_APPROVAL', next_action_step_key = 'd30-formal-notice', next_action_at = $3
       WHERE workspace_id = $1 AND id = $2`,
      [relance.workspaceId, debtA, parisTime(addDays(today, 5), 9).toISOString()],
    );
    // Approval requests as the workflows' activity writes them: one for debt A, which its row
    // already says waits on the landlord (counted once), one for lease B's debt.
    const approvals = relance.running.app.get(ApprovalRequestService);
    const db = relance.running.app.get(DataSource);
    const debtB = runArrearsDetection.find((d) => d.leaseId === second.leaseId)!.id;
    for (const [debtId, stepKey] of [
      [debtA, 'd30-formal-notice'],
      [debtB, 'payment-plan'],
    ]) {
      await approvals.request(db, {
        workspaceId: relance.workspaceId,
        debtId,
        stepKey,
        requestedAt: parisTime(addDays(today, -2), 9).toISOString(),
        deadlineAt: parisTime(addDays(today, 5), 9).toISOString(),
        kind: stepKey === 'payment-plan' ? 'PAYMENT_PLAN' : 'FORMAL_NOTICE',
        action: stepKey === 'payment-plan' ? null : 'FORMAL_NOTICE',
      });
    }
    // Paid after the month: the statement, arrested at the month's last day, does not know it.
    await relance.ok('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [{ leaseId: first.leaseId, amountCents: 30_000, paidOn: today, method: 'TRANSFER', bankReference: 'STA-A-2' }],
    });
    const workspaces = relance.running.app.get(WorkspaceService);
    firstKey = (await workspaces.createApiKey(relance.workspaceId, 'tilleuls', 'LANDLORD', first.landlordId)).key;
    secondKey = (await workspaces.createApiKey(relance.workspaceId, 'beausoleil', 'LANDLORD', second.landlordId)).key;
  });

  afterAll(async () => {
    await relance?.stop();
    await smtp?.close();
  });

  it('issues the month once per landlord with leases: a second run makes nothing new and sends nothing again', async () => {
    const issued = await relance.ok(IssueLandlordStatementsDocument, { month });
    expect(issued.issueLandlordStatements).toEqual({ month, issued: 2, alreadyIssued: 0, emailed: 1, emailRetries: 0 });
    const listed = await relance.ok(LandlordStatementsDocument, {});
    expect(listed.landlordStatements.totalCount).toBe(2);
    const byLandlord = new Map(listed.landlordStatements.edges.map((e) => [e.node.landlordId, e.node]));
    expect(byLandlord.get(first.landlordId)).toMatchObject({
      month,
      leasesInArrears: 1,
      overdueCents: 90_000,
      recoveredCents: 90_000,
      actionCount: 2,
      pendingDecisionCount: 1,
      emailStatus: 'SENT',
      emailedAt: expect.any(String),
      downloadPath: `/documents/${byLandlord.get(first.landlordId)!.documentId}`,
    });
    expect(byLandlord.get(second.landlordId)).toMatchObject({
      leasesInArrears: 1,
      recoveredCents: 0,
      pendingDecisionCount: 1,
      emailStatus: 'NOT_ASKED',
      emailedAt: null,
    });
    await eventually(
      async () => mailsTo('tilleuls@example.test'),
      (m) => m.length === 1,
      'the statement e-mail',
    );

    const again = await relance.ok(IssueLandlordStatementsDocument, { month });
    expect(again.issueLandlordStatements).toEqual({ month, issued: 0, alreadyIssued: 2, emailed: 0, emailRetries: 0 });
    const relisted = await relance.ok(LandlordStatementsDocument, {});
    expect(relisted.landlordStatements.edges.map((e) => e.node).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      listed.landlordStatements.edges.map((e) => e.node).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // The landlords' own documents: the two statements, and the quittances and reçus their tenants' payments earned (issued once too).
    const documents: Array<{ template_key: string; n: number }> = await relance.database.query(
      `SELECT template_key, count(*)::int AS n FROM document WHERE landlord_id IS NOT NULL GROUP BY template_key ORDER BY template_key`,
      [],
    );
    expect(documents.find((d) => d.template_key === 'landlord-statement')?.n).toBe(2);
    expect(documents.filter((d) => d.template_key !== 'landlord-statement').every((d) => d.template_key.startsWith('tenant-'))).toBe(true);
    expect(smtp.received).toHaveLength(1);
  });

  it('e-mails the landlord whose mandate says EMAIL: the PDF attached, with the extranet’s statements page', async () => {
    const [mail] = mailsTo('tilleuls@example.test');
    expect(mail.subject).toBe(`Votre relevé mensuel de gestion — ${spellPeriod(month, 'fr')} — Agence de test`);
    expect(mail.text).toContain(`${PUBLIC_URL}/app/statements`);
    expect(mail.text).not.toContain(REPORT);
    const { landlordStatements } = await relance.ok(LandlordStatementsDocument, { filter: { landlordId: { eq: first.landlordId } } });
    const statement = landlordStatements.edges[0].node;
    expect(mail.text).toContain(statement.sha256);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    expect(createHash('sha256').update(mail.attachments[0].content).digest('hex')).toBe(statement.sha256);
    expect(mailsTo('beausoleil@example.test')).toEqual([]);
  });

  it('lets a landlord list and download its own statement only, with its SHA-256; another landlord’s is a 404', async () => {
    const mine = await relance.ok(LandlordStatementsDocument, {}, firstKey);
    expect(mine.landlordStatements.totalCount).toBe(1);
    const statement = mine.landlordStatements.edges[0].node;
    expect(statement.landlordId).toBe(first.landlordId);

    const pdf = await download(statement.downloadPath, firstKey);
    expect(pdf.status).toBe(200);
    expect(pdf.sha).toBe(statement.sha256);
    expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(statement.sha256);
    const text = await pdfText(pdf.body);
    expect(text).toContain(`Relevé mensuel de gestion — ${spellPeriod(month, 'fr')}`);
    expect(text).toContain('SCI Les Tilleuls');
    expect(text).toMatch(new RegExp(`STA-A\\s+Jean Martin\\s+900,00 €\\s+${daysBetween(`${month}-05`, last)} j`));
    expect(text).toMatch(new RegExp(`${frDate(`${month}-08`)}\\s+STA-A\\s+Lettre simple envoyée`));
    expect(text).toMatch(
      new RegExp(`${frDate(`${month}-15`)}\\s+STA-A\\s+Appel ou visite : promesse de paiement au ${frDate(`${month}-25`)}`),
    );
    expect(text).toMatch(new RegExp(`${frDate(`${month}-10`)}\\s+STA-A\\s+900,00 €`));
    expect(text).toMatch(/STA-A\s+Accord sur l’étape d30-formal-notice/);
    expect(text).not.toContain('santé');
    expect(text).not.toContain('STA-B');

    expect((await download(statement.downloadPath, secondKey)).status).toBe(404);
    const theirs = await relance.ok(LandlordStatementsDocument, {}, secondKey);
    expect(theirs.landlordStatements.edges.map((e) => e.node.landlordId)).toEqual([second.landlordId]);
    const peek = await relance.graphql('query($id: ID!) { landlordStatement(id: $id) { id } }', { id: statement.id }, secondKey);
    expect(peek.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    // A statement is no debt's document: the landlord's document list shows it as its own (beside its tenants' quittances).
    const documents = await relance.ok<{
      documents: { edges: Array<{ node: { id: string; debtId: string | null; landlordId: string | null } }> };
    }>(
      '{ documents(filter: { landlordId: { is: NOT_NULL }, templateKey: { eq: "landlord-statement" } }) { edges { node { id debtId landlordId } } } }',
      {},
      firstKey,
    );
    expect(documents.documents.edges.map((e) => e.node)).toEqual([
      { id: statement.documentId, debtId: null, landlordId: first.landlordId },
    ]);
  });

  it('issues on demand for ADMIN keys only, and only months that are over', async () => {
    const agentKey = (await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'agent', 'AGENT')).key;
    const byAgent = await relance.graphql(IssueLandlordStatementsDocument, { month }, agentKey);
    expect(byAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byLandlord = await relance.graphql(IssueLandlordStatementsDocument, { month }, firstKey);
    expect(byLandlord.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const current = await relance.graphql(IssueLandlordStatementsDocument, { month: today.slice(0, 7) });
    expect(current.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    const malformed = await relance.graphql(IssueLandlordStatementsDocument, { month: '2026-13' });
    expect(malformed.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
  });
});
