import { print } from 'graphql';
import { eventually } from '../support/eventually';
import { pdfText } from '../support/pdf-text';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { signInLandlord } from '../support/landlord-session';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import {
  ApprovalRequestsOfDebtDocument,
  DebtEventSummariesDocument,
  DebtMessagesDocument,
  DecideApprovalWithCommentDocument,
  PendingApprovalRequestsDocument,
  PendingApprovalRequestsQuery,
  PublishScenarioDocument,
  RunArrearsDetectionByLeaseDocument,
  SaveScenarioDraftDocument,
  SetChannelSettingDocument,
  UpdateLeaseDocument,
  UpdateWorkspaceDocument,
} from './graphql/generated';

const DAY = 86_400_000;

/**
 * Approval requests end to end (issue 12): a debt whose formal notice needs the landlord's
 * approval asks for it as a row, the landlord is told by the channels their mandate lists
 * (an e-mail with the link to the extranet's Decisions page on the loopback SMTP server, a
 * letter in the print queue), lists what they owe through GraphQL — their own requests
 * only — and decides with `decideApproval` from their extranet session: the row says who,
 * when, which session, and why; the workflow sends the notice.
 */
describe('approval requests (GraphQL over HTTP)', () => {
  let relance: TestRelance;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    relance = await startTestRelance('all-in-one', { ARREARS_DETECTION_SCHEDULE: 'off', PUBLIC_URL: 'https://relance.example.test' });
    await relance.ok(UpdateWorkspaceDocument, { d: { name: 'Agence Rhône Gestion', city: 'Lyon', phone: '+33478000000' } });
    await relance.ok(SetChannelSettingDocument, {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port: smtp.port, secure: false, from: 'relances@agence.test' },
    });
    for (const channel of ['LETTER', 'REGISTERED_LETTER'] as const) {
      await relance.ok(SetChannelSettingDocument, { i: { channel, provider: 'PRINT_QUEUE' } });
    }
    // The formal notice is due at once (the rent is 8 days late when the debt opens).
    await relance.ok(SaveScenarioDraftDocument, {
      d: {
        key: 'e2e-approvals',
        name: 'Mise en demeure à approuver',
        steps: [{ key: 'd1-notice', dayOffset: 1, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true }],
      },
    });
    await relance.ok(PublishScenarioDocument, { key: 'e2e-approvals' });
  });
  afterAll(async () => {
    await relance?.stop();
    await smtp?.close();
  });

  /** A lease in arrears of a landlord with this mandate, its tenant reachable by post; its debt opened. */
  async function debtFor(reference: string, landlord: Record<string, unknown>): Promise<{ debtId: string; landlordId: string }> {
    const { leaseId, landlordId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8, landlord });
    await addTenant(relance, leaseId, { addressLine1: '12 rue Victor Hugo', postalCode: '69002', city: 'Lyon' });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'e2e-approvals' } });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    return { debtId: runArrearsDetection.find((d) => d.leaseId === leaseId)!.id, landlordId };
  }

  /** A GraphQL request from a landlord's extranet session (its cookies and CSRF header). */
  async function asSession<T>(headers: Record<string, string>, document: Parameters<typeof print>[0], variables = {}): Promise<T> {
    const response = await fetch(`${relance.running.httpUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data!;
  }

  const eventsOf = async (debtId: string) =>
    (await relance.ok(DebtEventSummariesDocument, { id: debtId })).debtEvents.edges.map((e) => e.node);
  const requestsOf = async (debtId: string) =>
    (await relance.ok(ApprovalRequestsOfDebtDocument, { debtId })).approvalRequests.edges.map((e) => e.node);

  it('tells the landlord by e-mail with the Decisions link and by letter, lists their own requests, and records their decision with its session', async () => {
    const owner = await debtFor('APR-1', {
      email: 'sci.tilleuls@example.test',
      addressLine1: '3 quai Saint-Antoine',
      postalCode: '69002',
      city: 'Lyon',
      mandateInformationChannels: ['EMAIL', 'POSTAL', 'PORTAL'],
    });
    // Another landlord, told on the extranet only.
    const other = await debtFor('APR-2', { email: 'autre@example.test', mandateInformationChannels: ['PORTAL'] });

    // The request is a row, PENDING, with its deadline seven days after it was asked.
    const [request] = await eventually(
      () => requestsOf(owner.debtId),
      (rows) => rows.length === 1,
      'the approval request',
    );
    expect(request).toMatchObject({
      landlordId: owner.landlordId,
      leaseReference: 'APR-1',
      kind: 'FORMAL_NOTICE',
      stepKey: 'd1-notice',
      action: 'FORMAL_NOTICE',
      status: 'PENDING',
      remindedAt: null,
      decidedAt: null,
      decidedBy: null,
      planInstallments: null,
    });
    expect(Date.parse(request.deadlineAt) - Date.parse(request.requestedAt)).toBe(7 * DAY);

    // The letter to approve, rendered as a draft the tenant is never sent, marked so in the PDF.
    expect(request.documentId).toEqual(expect.any(String));
    const { documents } = await relance.ok<{ documents: { edges: Array<{ node: { id: string; templateKey: string; draft: boolean } }> } }>(
      'query($d: String!) { documents(filter: { debtId: { eq: $d }, draft: { eq: true } }) { edges { node { id templateKey draft } } } }',
      { d: owner.debtId },
    );
    expect(documents.edges.map((e) => e.node)).toEqual([{ id: request.documentId, templateKey: 'formal-notice', draft: true }]);
    const draftPdf = await fetch(new URL(`/documents/${request.documentId}`, relance.running.graphqlUrl), {
      headers: { authorization: `Bearer ${relance.adminKey}` },
    });
    expect(draftPdf.status).toBe(200);
    const draftText = await pdfText(Buffer.from(await draftPdf.arrayBuffer()));
    expect(draftText).toContain('PROJET soumis à l’approbation du bailleur');
    expect(draftText).toContain('12 rue Victor Hugo');

    // The e-mail: the deep link to the Decisions page, the deadline and what happens at it.
    const [mail] = await eventually(
      async () => smtp.received.filter((m) => m.subject?.includes('APR-1')),
      (mails) => mails.length === 1,
      'the landlord’s e-mail',
    );
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined).toBe('sci.tilleuls@example.test');
    expect(mail.subject).toBe('Décision attendue : l’envoi de la mise en demeure au locataire — bail APR-1');
    expect(mail.text).toContain(`https://relance.example.test/app/decisions/${owner.debtId}`);
    expect(mail.text).toMatch(/avant le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);
    expect(mail.text).toContain('Sans décision à cette date, l’étape ne sera pas réalisée');
    // The other landlord's mandate lists the extranet only: no message for them.
    expect(smtp.received.filter((m) => m.subject?.includes('APR-2'))).toHaveLength(0);

    // The letter goes to the print queue; both notices are in the debt's timeline.
    const notices = await eventually(
      () => eventsOf(owner.debtId),
      (events) => events.filter((e) => e.kind === 'LANDLORD_NOTIFIED').length === 2,
      'the notices in the timeline',
    );
    expect(notices.filter((e) => e.kind === 'LANDLORD_NOTIFIED').map((e) => e.summary)).toEqual([
      'SCI APR-1 told by e-mail of step d1-notice to decide (SMTP)',
      'SCI APR-1 told by letter of step d1-notice to decide (PRINT_QUEUE)',
    ]);
    const { outboundMessages } = await relance.ok(DebtMessagesDocument, { id: owner.debtId });
    expect(outboundMessages.edges.map((e) => [e.node.stepKey, e.node.channel, e.node.provider]).sort()).toEqual([
      ['approval:d1-notice', 'EMAIL', 'SMTP'],
      ['approval:d1-notice', 'LETTER', 'PRINT_QUEUE'],
    ]);
    expect((await eventsOf(other.debtId)).map((e) => e.kind)).not.toContain('LANDLORD_NOTIFIED');

    // Each landlord lists its own pending approvals: a LANDLORD key, and the extranet session.
    const workspaces = relance.running.app.get(WorkspaceService);
    const otherKey = await workspaces.createApiKey(relance.workspaceId, 'other', 'LANDLORD', other.landlordId);
    const pendingOfOther = await relance.ok(PendingApprovalRequestsDocument, {}, otherKey.key);
    expect(pendingOfOther.approvalRequests.edges.map((e) => e.node.leaseReference)).toEqual(['APR-2']);
    const session = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId: owner.landlordId });
    const pending = await asSession<PendingApprovalRequestsQuery>(session.headers, PendingApprovalRequestsDocument);
    expect(pending.approvalRequests.totalCount).toBe(1);
    expect(pending.approvalRequests.edges.map((e) => [e.node.leaseReference, e.node.stepKey, e.node.status])).toEqual([
      ['APR-1', 'd1-notice', 'PENDING'],
    ]);
    // The agency sees both.
    expect((await relance.ok(PendingApprovalRequestsDocument)).approvalRequests.totalCount).toBe(2);

    // The landlord approves from the extranet, with a comment: the row says who, when and which session.
    await asSession(session.headers, DecideApprovalWithCommentDocument, {
      id: owner.debtId,
      stepKey: 'd1-notice',
      approve: true,
      comment: 'Allez-y, merci',
    });
    const [decided] = await requestsOf(owner.debtId);
    expect(decided).toMatchObject({ status: 'APPROVED', decisionComment: 'Allez-y, merci' });
    expect(decided.decidedBy).toMatch(/^session:[0-9a-f-]{36}$/);
    expect(Date.parse(decided.decidedAt!)).toBeGreaterThanOrEqual(Date.parse(request.requestedAt));
    // The workflow writes the decision into the timeline at its loop's next turn.
    await eventually(
      async () => (await relance.ok(DebtEventSummariesDocument, { id: owner.debtId })).debtEvents.edges.map((e) => e.node.kind),
      (kinds) => kinds.includes('LANDLORD_APPROVED'),
      'the approval in the timeline',
    );
    // The workflow acts on it: the formal notice goes out.
    await eventually(
      async () => (await relance.ok(DebtMessagesDocument, { id: owner.debtId })).outboundMessages.edges.map((e) => e.node),
      (messages) => messages.some((m) => m.channel === 'REGISTERED_LETTER' && m.status === 'SENT'),
      'the formal notice sent',
    );
    // No longer pending for the landlord; the other landlord's request waits still.
    expect(
      (await asSession<PendingApprovalRequestsQuery>(session.headers, PendingApprovalRequestsDocument)).approvalRequests.totalCount,
    ).toBe(0);
    expect((await relance.ok(PendingApprovalRequestsDocument, {}, otherKey.key)).approvalRequests.totalCount).toBe(1);
  });

  it('records a rejection made with a LANDLORD key, comment and key included, and never another landlord’s', async () => {
    const mine = await debtFor('APR-3', { mandateInformationChannels: ['PORTAL'] });
    const theirs = await debtFor('APR-4', { mandateInformationChannels: ['PORTAL'] });
    await eventually(
      () => requestsOf(theirs.debtId),
      (rows) => rows.length === 1,
      'the other request',
    );
    const [request] = await eventually(
      () => requestsOf(mine.debtId),
      (rows) => rows.length === 1,
      'the request',
    );
    const workspaces = relance.running.app.get(WorkspaceService);
    const key = await workspaces.createApiKey(relance.workspaceId, 'mine', 'LANDLORD', mine.landlordId);
    // Another landlord's debt is not theirs to decide on.
    const refused = await relance.graphql(
      DecideApprovalWithCommentDocument,
      { id: theirs.debtId, stepKey: 'd1-notice', approve: false, comment: 'Non' },
      key.key,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await requestsOf(theirs.debtId))[0].status).toBe('PENDING');

    await relance.ok(
      DecideApprovalWithCommentDocument,
      { id: mine.debtId, stepKey: 'd1-notice', approve: false, comment: 'Pas maintenant' },
      key.key,
    );
    const [decided] = await requestsOf(mine.debtId);
    expect(decided).toMatchObject({
      id: request.id,
      status: 'REJECTED',
      decisionComment: 'Pas maintenant',
      decidedBy: `api-key:${key.id}`,
    });
  });
});
