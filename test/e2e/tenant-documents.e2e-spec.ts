import { createHash } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { formatEuros } from '../../src/domain/money';
import { TenantDocumentService } from '../../src/receipts/tenant-document.service';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { eventually } from '../support/eventually';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { freePort } from '../support/free-port';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { pdfText } from '../support/pdf-text';
import { startTestRelance, TestRelance } from '../support/test-relance';

interface Doc {
  id: string;
  leaseId: string;
  kind: 'QUITTANCE' | 'RECU' | 'RENT_NOTICE';
  period: string | null;
  chargeId: string | null;
  paymentId: string | null;
  amountCents: number;
  status: 'PENDING' | 'ISSUED';
  sha256: string | null;
  downloadPath: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  deliveryAttempts: number;
}

const DOC_FIELDS =
  'id leaseId kind period chargeId paymentId amountCents status sha256 downloadPath deliveryStatus deliveryError deliveryAttempts';

/**
 * The tenant's documents (loi 89-462 art. 21) through GraphQL, HTTP and a loopback SMTP
 * server, on a fresh database: a rent call imported before its due date earns a rent notice,
 * a partial payment a reçu, the payment completing the period its quittance — each a PDF
 * archived with its SHA-256, downloadable by the agency and the lease's landlord only, and
 * e-mailed to the tenant who agreed to e-mail, once. A refused batch earns nothing; a
 * document a crash left queued, and an e-mail an SMTP outage held back, are caught up by
 * the sweep. Every date is taken from Relance's today.
 */
describe('quittances, reçus and rent notices', () => {
  let relance: TestRelance;
  let smtp: FakeSmtpServer;
  const today = todayIn();
  // 40 days ago and 10 days on are always in different months. Payments come in on distinct
  // days, oldest first: the ledger allocates money by date (then id), as a bank file would.
  const pastDue = addDays(today, -40);
  const nextDue = addDays(today, 10);
  let lease: { landlordId: string; leaseId: string };
  let other: { landlordId: string; leaseId: string };

  const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(address));
  async function documentsOf(leaseId: string): Promise<Doc[]> {
    const data = await relance.ok<{ tenantDocuments: { edges: Array<{ node: Doc }> } }>(
      `query($l: String!) { tenantDocuments(first: 50, filter: { leaseId: { eq: $l } }, orderBy: [{ createdAt: AscNullsLast }]) { edges { node { ${DOC_FIELDS} } } } }`,
      { l: leaseId },
    );
    return data.tenantDocuments.edges.map((e) => e.node);
  }
  const settled = (docs: Doc[]) => docs.every((d) => d.status === 'ISSUED' && !['PENDING', 'SENDING'].includes(d.deliveryStatus));
  const settledDocuments = (leaseId: string, count: number) =>
    eventually(
      () => documentsOf(leaseId),
      (docs) => docs.length === count && settled(docs),
      `${count} issued documents on lease ${leaseId}`,
    );
  async function download(path: string, key: string): Promise<{ status: number; sha: string | null; body: Buffer }> {
    const response = await fetch(new URL(path, relance.running.graphqlUrl), { headers: { Authorization: `Bearer ${key}` } });
    return { status: response.status, sha: response.headers.get('x-content-sha256'), body: Buffer.from(await response.arrayBuffer()) };
  }
  const pay = (leaseId: string, amountCents: number, bankReference: string) =>
    relance.graphql('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [{ leaseId, amountCents, paidOn: today, method: 'TRANSFER', bankReference }],
    });
  const smtpSetting = (port: number) =>
    relance.ok('mutation($i: ChannelSettingInput!) { setChannelSetting(input: $i) { channel } }', {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port, secure: false, from: 'quittances@agence.test' },
    });

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    relance = await startTestRelance('api');
    await smtpSetting(smtp.port);
    await relance.ok('mutation { updateWorkspace(data: { receiptDelivery: EMAIL, rentNotices: true }) { receiptDelivery rentNotices } }');
    // 900 € of rent due 40 days ago, unpaid: imported after its due date, it earns no notice.
    lease = await createLeaseInArrears(relance, { reference: 'QUIT-A', period: pastDue.slice(0, 7), dueDate: pastDue });
    await addTenant(relance, lease.leaseId, { firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@example.test', consentEmail: true });
    // A second lease whose tenant gave an address but never agreed to e-mail.
    other = await createLeaseInArrears(relance, { reference: 'QUIT-B', period: pastDue.slice(0, 7), dueDate: pastDue });
    await addTenant(relance, other.leaseId, { firstName: 'Paul', lastName: 'Durand', email: 'paul@example.test', consentEmail: false });
  });

  afterAll(async () => {
    await relance?.stop();
    await smtp?.close();
  });

  it('issues a rent notice for a call imported before its due date, with the arrears on it, and e-mails it', async () => {
    expect(await documentsOf(lease.leaseId)).toEqual([]);
    await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
      d: [{ leaseId: lease.leaseId, period: nextDue.slice(0, 7), dueDate: nextDue, rentCents: 80_000, chargesCents: 10_000 }],
    });
    const [notice] = await settledDocuments(lease.leaseId, 1);
    expect(notice).toMatchObject({ kind: 'RENT_NOTICE', period: nextDue.slice(0, 7), amountCents: 90_000, deliveryStatus: 'SENT' });
    const mails = mailsTo('jeanne@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Avis d’échéance');
    expect(mails[0].attachments.map((a) => a.filename)).toEqual([`avis-echeance-${nextDue.slice(0, 7)}-QUIT-A.pdf`]);
    const text = await pdfText(mails[0].attachments[0].content);
    expect(text).toContain('ne vaut pas quittance');
    expect(text.replace(/\s/g, ' ')).toContain(formatEuros(90_000).replace(/\s/g, ' '));
  });

  it('issues a reçu for a partial payment and the quittance once the period is paid, each once, and never again on a re-import', async () => {
    await relance.ok('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [{ leaseId: lease.leaseId, amountCents: 30_000, paidOn: addDays(today, -3), method: 'TRANSFER', bankReference: 'QUIT-A-1' }],
    });
    const afterPartial = await settledDocuments(lease.leaseId, 2);
    expect(afterPartial[1]).toMatchObject({ kind: 'RECU', period: pastDue.slice(0, 7), amountCents: 30_000, deliveryStatus: 'SENT' });

    // The rest of the period: exactly what it owes, so a quittance and no reçu.
    const { createPayments } = await relance.ok<{ createPayments: Array<{ id: string }> }>(
      'mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }',
      { d: [{ leaseId: lease.leaseId, amountCents: 60_000, paidOn: addDays(today, -2), method: 'TRANSFER', bankReference: 'QUIT-A-2' }] },
    );
    const afterFull = await settledDocuments(lease.leaseId, 3);
    const quittance = afterFull[2];
    expect(quittance).toMatchObject({
      kind: 'QUITTANCE',
      period: pastDue.slice(0, 7),
      amountCents: 90_000,
      paymentId: null,
      deliveryStatus: 'SENT',
    });
    expect(afterFull.filter((d) => d.paymentId === createPayments[0].id)).toEqual([]);

    // The bank file imported again: the same payments, nothing new, nothing sent again.
    await relance.ok('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [
        { leaseId: lease.leaseId, amountCents: 30_000, paidOn: addDays(today, -3), method: 'TRANSFER', bankReference: 'QUIT-A-1' },
        { leaseId: lease.leaseId, amountCents: 60_000, paidOn: addDays(today, -2), method: 'TRANSFER', bankReference: 'QUIT-A-2' },
      ],
    });
    await relance.running.app.get(TenantDocumentService).nudge(relance.workspaceId);
    expect(await documentsOf(lease.leaseId)).toHaveLength(3);
    expect(mailsTo('jeanne@example.test').map((m) => m.subject?.split(' — ')[0])).toEqual([
      'Avis d’échéance',
      expect.stringMatching(/^Reçu de paiement du /),
      'Quittance de loyer',
    ]);

    // The quittance's PDF: downloadable as archived, rent and charges apart, free of charge.
    const got = await download(quittance.downloadPath!, relance.adminKey);
    expect(got.status).toBe(200);
    expect(got.sha).toBe(quittance.sha256);
    expect(createHash('sha256').update(got.body).digest('hex')).toBe(quittance.sha256);
    const text = await pdfText(got.body);
    expect(text).toContain('Quittance de loyer');
    expect(text).toContain('Jeanne Martin');
    expect(text).toContain('QUIT-A');
    expect(text).toContain('art. 21');
  });

  it('lets the lease’s landlord download its tenants’ documents, and no other landlord', async () => {
    const workspaces = relance.running.app.get(WorkspaceService);
    const ownKey = (await workspaces.createApiKey(relance.workspaceId, 'quit-a', 'LANDLORD', lease.landlordId)).key;
    const otherKey = (await workspaces.createApiKey(relance.workspaceId, 'quit-b', 'LANDLORD', other.landlordId)).key;
    const [notice] = await documentsOf(lease.leaseId);
    expect((await download(notice.downloadPath!, ownKey)).status).toBe(200);
    expect((await download(notice.downloadPath!, otherKey)).status).toBe(404);
    const seenByOther = await relance.ok<{ tenantDocuments: { totalCount: number } }>(
      'query { tenantDocuments { totalCount } }',
      {},
      otherKey,
    );
    expect(seenByOther.tenantDocuments.totalCount).toBe(0);
  });

  it('keeps the document, not e-mailed, when no tenant agreed to e-mail, and says why', async () => {
    expect((await pay(other.leaseId, 20_000, 'QUIT-B-1')).errors).toBeUndefined();
    const [recu] = await settledDocuments(other.leaseId, 1);
    expect(recu).toMatchObject({ kind: 'RECU', status: 'ISSUED', deliveryStatus: 'SKIPPED' });
    expect(recu.deliveryError).toContain('art. 21');
    expect(mailsTo('paul@example.test')).toEqual([]);
  });

  it('earns nothing from a batch the ledger refuses', async () => {
    const refused = await relance.graphql('mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }', {
      d: [
        { leaseId: other.leaseId, amountCents: 70_000, paidOn: today, method: 'TRANSFER', bankReference: 'QUIT-B-2' },
        // Reuses a reference with another amount: CONFLICT, the whole batch is refused.
        { leaseId: other.leaseId, amountCents: 1, paidOn: today, method: 'TRANSFER', bankReference: 'QUIT-B-1' },
      ],
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await relance.running.app.get(TenantDocumentService).nudge(relance.workspaceId);
    expect(await documentsOf(other.leaseId)).toHaveLength(1);
  });

  it('catches up an e-mail an SMTP outage held back, with backoff, and a document a crash left queued', async () => {
    // The SMTP server is unreachable: the reçu is issued, its e-mail waits for a retry.
    await smtpSetting(await freePort());
    expect((await pay(lease.leaseId, 10_000, 'QUIT-A-3')).errors).toBeUndefined();
    const waiting = await eventually(
      () => documentsOf(lease.leaseId),
      (docs) => docs.length === 4 && docs[3].status === 'ISSUED' && docs[3].deliveryAttempts === 1 && docs[3].deliveryStatus === 'PENDING',
      'a reçu waiting for its e-mail',
    );
    expect(waiting[3].kind).toBe('RECU');
    expect(waiting[3].deliveryError).toBeTruthy();
    const [{ next_attempt_at }]: Array<{ next_attempt_at: Date }> = await relance.database.query(
      `SELECT next_attempt_at FROM tenant_document WHERE id = $1`,
      [waiting[3].id],
    );
    expect(new Date(next_attempt_at).getTime()).toBeGreaterThan(Date.now());

    // A reçu the ledger's transaction queued, never rendered (the process died after the commit).
    await relance.database.query(
      `INSERT INTO tenant_document (workspace_id, lease_id, kind, document_key, period, payment_id, amount_cents, facts)
       VALUES ($1, $2, 'RECU', 'recu:crash-test', NULL, gen_random_uuid(), 5000, $3)`,
      [
        relance.workspaceId,
        lease.leaseId,
        JSON.stringify({
          kind: 'RECU',
          key: 'recu:crash-test',
          paymentId: 'crash-test',
          paidOn: today,
          amountCents: 5_000,
          parts: [],
          unallocatedCents: 5_000,
          remainingCents: 0,
        }),
      ],
    );

    // The server is back and the backoff over: the sweep sends the one and issues the other.
    await smtpSetting(smtp.port);
    await relance.database.query(`UPDATE tenant_document SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [waiting[3].id]);
    const before = mailsTo('jeanne@example.test').length;
    const service = relance.running.app.get(TenantDocumentService);
    await service.sweep();
    const caughtUp = await settledDocuments(lease.leaseId, 5);
    expect(caughtUp.map((d) => [d.kind, d.deliveryStatus])).toEqual([
      ['RENT_NOTICE', 'SENT'],
      ['RECU', 'SENT'],
      ['QUITTANCE', 'SENT'],
      ['RECU', 'SENT'],
      ['RECU', 'SENT'],
    ]);
    expect(caughtUp[3].deliveryAttempts).toBe(2);
    expect(mailsTo('jeanne@example.test')).toHaveLength(before + 2);
  });
  describe('by post: the print queue', () => {
    const printed = (ids: string[], key?: string) =>
      relance.graphql<{ markTenantDocumentsPrinted: Array<{ id: string; deliveryStatus: string; deliveredAt: string | null }> }>(
        'mutation($ids: [ID!]!) { markTenantDocumentsPrinted(ids: $ids) { id deliveryStatus deliveredAt } }',
        { ids },
        key,
      );
    const printQueue = async () =>
      (
        await relance.ok<{ tenantDocuments: { edges: Array<{ node: Doc }> } }>(
          `query { tenantDocuments(first: 100, filter: { deliveryStatus: { eq: TO_PRINT } }, orderBy: [{ createdAt: AscNullsLast }]) { edges { node { ${DOC_FIELDS} } } } }`,
        )
      ).tenantDocuments.edges.map((e) => e.node);
    const setDelivery = (delivery: string) =>
      relance.ok('mutation($d: ReceiptDelivery!) { updateWorkspace(data: { receiptDelivery: $d }) { receiptDelivery } }', { d: delivery });
    let agreed: { landlordId: string; leaseId: string };
    let refused: { landlordId: string; leaseId: string };
    let bounced: { landlordId: string; leaseId: string };

    beforeAll(async () => {
      await smtpSetting(smtp.port);
      agreed = await createLeaseInArrears(relance, { reference: 'POST-A', period: pastDue.slice(0, 7), dueDate: pastDue });
      await addTenant(relance, agreed.leaseId, { firstName: 'Inès', lastName: 'Roux', email: 'ines@example.test', consentEmail: true });
      refused = await createLeaseInArrears(relance, { reference: 'POST-B', period: pastDue.slice(0, 7), dueDate: pastDue });
      // Two tenants: one gave an address but did not agree to e-mail, the other gave none.
      const marc = await addTenant(relance, refused.leaseId, {
        firstName: 'Marc',
        lastName: 'Petit',
        email: 'marc@example.test',
        consentEmail: false,
      });
      const { createTenant: zoe } = await relance.ok<{ createTenant: { id: string } }>(
        'mutation { createTenant(data: { firstName: "Zoé", lastName: "Petit" }) { id } }',
      );
      await relance.ok('mutation($l: ID!, $t: [ID!]!) { setLeaseParties(leaseId: $l, data: { tenantIds: $t }) { id } }', {
        l: refused.leaseId,
        t: [marc, zoe.id],
      });
      // An address that agreed to e-mail but whose server refuses it for good (the fake rejects bounce.test).
      bounced = await createLeaseInArrears(relance, { reference: 'POST-C', period: pastDue.slice(0, 7), dueDate: pastDue });
      await addTenant(relance, bounced.leaseId, { firstName: 'Luc', lastName: 'Blanc', email: 'luc@bounce.test', consentEmail: true });
    });

    afterAll(() => setDelivery('EMAIL'));

    it('by the tenant’s channel: e-mails the tenant who agreed, queues for print the lease whose tenants did not, and the e-mail refused for good', async () => {
      await setDelivery('TENANT_CHANNEL');
      expect((await pay(agreed.leaseId, 10_000, 'POST-A-1')).errors).toBeUndefined();
      expect((await pay(refused.leaseId, 10_000, 'POST-B-1')).errors).toBeUndefined();
      expect((await pay(bounced.leaseId, 10_000, 'POST-C-1')).errors).toBeUndefined();
      const [byMail] = await settledDocuments(agreed.leaseId, 1);
      expect(byMail).toMatchObject({ kind: 'RECU', deliveryStatus: 'SENT' });
      expect(mailsTo('ines@example.test')).toHaveLength(1);
      const [byPost] = await settledDocuments(refused.leaseId, 1);
      expect(byPost).toMatchObject({ kind: 'RECU', deliveryStatus: 'TO_PRINT' });
      expect(byPost.deliveryError).toContain('art. 21');
      expect(mailsTo('marc@example.test')).toEqual([]);
      const [afterBounce] = await settledDocuments(bounced.leaseId, 1);
      expect(afterBounce).toMatchObject({ kind: 'RECU', deliveryStatus: 'TO_PRINT', deliveryAttempts: 1 });
      expect(afterBounce.deliveryError).toMatch(/^posted instead: the e-mail failed/);
      // The PDF that goes in the windowed envelope names both tenants of the lease.
      const pdf = await download(byPost.downloadPath!, relance.adminKey);
      expect(pdf.sha).toBe(byPost.sha256);
      expect(await pdfText(pdf.body)).toContain('Marc Petit, Zoé Petit');
      expect((await printQueue()).map((d) => d.id)).toEqual([byPost.id, afterBounce.id]);
    });

    it('by post: queues even the tenant who agreed to e-mail, and sends no e-mail', async () => {
      await setDelivery('POST');
      const mailsBefore = mailsTo('ines@example.test').length;
      expect((await pay(agreed.leaseId, 10_000, 'POST-A-2')).errors).toBeUndefined();
      const docs = await settledDocuments(agreed.leaseId, 2);
      expect(docs[1]).toMatchObject({ kind: 'RECU', deliveryStatus: 'TO_PRINT', deliveryError: null });
      expect(mailsTo('ines@example.test')).toHaveLength(mailsBefore);
      expect(await printQueue()).toHaveLength(3);
    });

    it('records printed documents all or none, naming the id at fault, and refuses landlords', async () => {
      const queue = await printQueue();
      const [sent] = await documentsOf(agreed.leaseId);
      expect(sent.deliveryStatus).toBe('SENT');

      const notQueued = await printed([queue[0].id, sent.id]);
      expect(notQueued.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[1]' });
      const unknown = await printed([queue[0].id, '00000000-0000-4000-8000-000000000000']);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'ids[1]' });
      const twice = await printed([queue[0].id, queue[0].id]);
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[1]' });
      const none = await printed([]);
      expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
      const landlordKey = (
        await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'post-b', 'LANDLORD', refused.landlordId)
      ).key;
      const asLandlord = await printed([queue[0].id], landlordKey);
      expect(asLandlord.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // Nothing of the refused calls was recorded.
      expect((await printQueue()).map((d) => d.id)).toEqual(queue.map((d) => d.id));

      const done = await printed(queue.map((d) => d.id));
      expect(done.errors).toBeUndefined();
      expect(done.data!.markTenantDocumentsPrinted.map((d) => [d.id, d.deliveryStatus])).toEqual(queue.map((d) => [d.id, 'PRINTED']));
      for (const d of done.data!.markTenantDocumentsPrinted) expect(Date.parse(d.deliveredAt!)).not.toBeNaN();
      expect(await printQueue()).toEqual([]);
      const again = await printed([queue[0].id]);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[0]' });
    });
  });
});
