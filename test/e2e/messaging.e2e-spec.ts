import { createHash } from 'node:crypto';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startFakeMailevaServer } from '../support/fake-maileva-server';
import { startFakeSmtpServer, FakeSmtpServer } from '../support/fake-smtp-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { pdfText } from '../support/pdf-text';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { eventually } from '../support/eventually';
import {
  ApproveStepDocument,
  CreateChargesWithAmountsDocument,
  DebtEventSummariesDocument,
  DebtMessagesDocument,
  DebtMessagesQuery,
  DebtTaskKindsDocument,
  DebtTaskTitlesDocument,
  DocumentDownloadDocument,
  DocumentHashDocument,
  LeaseChargeKindsDocument,
  LeaseChargesDocument,
  MarkLettersPrintedDocument,
  PreviewTemplateDocument,
  PreviewTemplateSubjectDocument,
  PreviewTemplateTextDocument,
  PreviewTemplateToneDocument,
  PublishScenarioDocument,
  RecordLetterDeliveryDocument,
  RecordLetterDepositDocument,
  RegisteredLetterChannelSettingsDocument,
  RunArrearsDetectionByLeaseDocument,
  SaveLegalBlockDocument,
  SaveMessageTemplateDocument,
  SaveMessageTemplateSourceDocument,
  SaveScenarioDraftDocument,
  ScenarioDefinitionInput,
  SetChannelSettingDocument,
  SetChannelSettingEchoDocument,
  SmsChannelSettingsDocument,
  TrackRegisteredLettersDocument,
  UpdateLeaseDocument,
  UpdateWorkspaceDocument,
} from './graphql/generated';

type Message = DebtMessagesQuery['outboundMessages']['edges'][number]['node'];

/**
 * What reaches people, end to end on the dev server through GraphQL: e-mails over real
 * SMTP with their letter as PDF, letters and formal notices in the print queue, documents
 * downloaded with their SHA-256, bounces turned into agents' tasks, templates checked and
 * previewed, fees only where the law and the lease allow them.
 */
describe('messages, letters and documents', () => {
  let relance: TestRelance;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    relance = await startTestRelance('all-in-one');
    await relance.ok(UpdateWorkspaceDocument, {
      d: {
        name: 'Agence Rhône Gestion',
        legalName: 'Rhône Gestion SAS',
        addressLine1: '4 place Bellecour',
        postalCode: '69002',
        city: 'Lyon',
        phone: '+33478000000',
        email: 'gestion@agence.test',
        paymentInstructions: 'Virement sur le compte FR76 3000 6000 0112 3456 7890 189.',
      },
    });
    await relance.ok(SetChannelSettingDocument, {
      i: {
        channel: 'EMAIL',
        provider: 'SMTP',
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'Agence Rhône Gestion <relances@agence.test>',
      },
    });
    for (const channel of ['LETTER', 'REGISTERED_LETTER'] as const) {
      await relance.ok(SetChannelSettingDocument, { i: { channel, provider: 'PRINT_QUEUE' } });
    }
    await publish({
      key: 'e2e-letters',
      name: 'E-mail, lettre, mise en demeure',
      steps: [
        { key: 'd1-email', dayOffset: 1, action: 'EMAIL', template: 'courteous-reminder-email' },
        { key: 'd2-letter', dayOffset: 2, action: 'LETTER', template: 'first-reminder-letter' },
        { key: 'd3-notice', dayOffset: 3, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
      ],
    });
  });
  afterAll(async () => {
    await relance?.stop();
    await smtp?.close();
  });

  async function publish(definition: ScenarioDefinitionInput): Promise<void> {
    await relance.ok(SaveScenarioDraftDocument, { d: definition });
    await relance.ok(PublishScenarioDocument, { key: definition.key });
  }

  /** A lease in arrears with one tenant, on a given scenario; its debt opened by detection. */
  async function debtFor(
    reference: string,
    options: { email: string; scenario: string; kind?: string; lateFeeCents?: number },
  ): Promise<{ debtId: string; leaseId: string; landlordId: string }> {
    const { leaseId, landlordId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8, kind: options.kind });
    await addTenant(relance, leaseId, {
      email: options.email,
      consentEmail: true,
      addressLine1: '12 rue Victor Hugo',
      postalCode: '69002',
      city: 'Lyon',
    });
    await relance.ok(UpdateLeaseDocument, {
      id: leaseId,
      d: { scenarioOverride: options.scenario, ...(options.lateFeeCents ? { lateFeeCents: options.lateFeeCents } : {}) },
    });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    return { debtId: runArrearsDetection.find((d) => d.leaseId === leaseId)!.id, leaseId, landlordId };
  }

  async function messagesOf(debtId: string): Promise<Message[]> {
    const { outboundMessages } = await relance.ok(DebtMessagesDocument, { id: debtId });
    return outboundMessages.edges.map((e) => e.node);
  }

  async function eventsOf(debtId: string): Promise<Array<{ kind: string; summary: string }>> {
    const { debtEvents } = await relance.ok(DebtEventSummariesDocument, { id: debtId });
    return debtEvents.edges.map((e) => e.node);
  }

  async function download(path: string, key: string | null): Promise<{ status: number; sha: string | null; body: Buffer }> {
    const response = await fetch(new URL(path, relance.running.graphqlUrl), { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    return { status: response.status, sha: response.headers.get('x-content-sha256'), body: Buffer.from(await response.arrayBuffer()) };
  }

  it('e-mails over SMTP with the letter as PDF, queues the letter, and sends the formal notice only once the landlord approves', async () => {
    const { debtId, landlordId } = await debtFor('MSG-1', { email: 'jean.martin@example.test', scenario: 'e2e-letters' });

    const mail = (
      await eventually(
        async () => smtp.received.filter((m) => m.subject?.includes('MSG-1')),
        (l) => l.length === 1,
        'the e-mail',
      )
    )[0];
    expect(mail.subject).toBe('Loyer en attente — bail MSG-1');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined).toBe('jean.martin@example.test');
    expect(mail.from?.value[0].address).toBe('relances@agence.test');
    expect(mail.text).toContain('900,00');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    const attached = await pdfText(mail.attachments[0].content);
    expect(attached).toContain('MSG-1');
    expect(attached).toContain('900,00 €');
    expect(attached).toContain('Rhône Gestion SAS');

    const messages = await eventually(
      () => messagesOf(debtId),
      (m) => m.length >= 2 && m.every((x) => x.status === 'SENT'),
      'the e-mail and the letter sent',
    );
    expect(messages.map((m) => [m.stepKey, m.channel, m.provider, m.status])).toEqual([
      ['d1-email', 'EMAIL', 'SMTP', 'SENT'],
      ['d2-letter', 'LETTER', 'PRINT_QUEUE', 'SENT'],
    ]);
    const letter = messages[1];
    expect(letter.recipientAddress).toBe('12 rue Victor Hugo\n69002 Lyon');

    // The letter's PDF: downloadable with a key of the workspace, the same bytes as hashed.
    const { document } = await relance.ok(DocumentDownloadDocument, { id: letter.documentId! });
    const fetched = await download(document.downloadPath, relance.adminKey);
    expect(fetched.status).toBe(200);
    expect(createHash('sha256').update(fetched.body).digest('hex')).toBe(document.sha256);
    expect(fetched.sha).toBe(document.sha256);
    expect(fetched.body.length).toBe(document.sizeBytes);
    const letterText = await pdfText(fetched.body);
    expect(letterText).toContain('Relance — loyers impayés, bail MSG-1');
    expect(letterText).toMatch(/Période\s+Échéance\s+Loyer\s+Charges\s+Total/);
    expect(letterText).toContain('article 4 p) de la loi n° 89-462');
    expect((await download(document.downloadPath, null)).status).toBe(401);
    const workspaces = relance.running.app.get(WorkspaceService);
    const own = await workspaces.createApiKey(relance.workspaceId, 'owner', 'LANDLORD', landlordId);
    expect((await download(document.downloadPath, own.key)).status).toBe(200);
    const other = await createLeaseInArrears(relance, { reference: 'MSG-OTHER', dueDaysAgo: 0 });
    const stranger = await workspaces.createApiKey(relance.workspaceId, 'stranger', 'LANDLORD', other.landlordId);
    expect((await download(document.downloadPath, stranger.key)).status).toBe(404);

    // Nothing registered goes out before the landlord says so.
    await eventually(
      () => eventsOf(debtId),
      (e) => e.some((x) => x.kind === 'APPROVAL_REQUESTED'),
      'the approval request',
    );
    expect((await messagesOf(debtId)).some((m) => m.channel === 'REGISTERED_LETTER')).toBe(false);
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd3-notice' }, own.key);
    const notice = (
      await eventually(
        () => messagesOf(debtId),
        (m) => m.some((x) => x.channel === 'REGISTERED_LETTER' && x.status === 'SENT'),
        'the formal notice',
      )
    ).find((m) => m.channel === 'REGISTERED_LETTER')!;
    const noticeText = await pdfText((await download(`/documents/${notice.documentId}`, relance.adminKey)).body);
    expect(noticeText).toContain('Mise en demeure de payer — bail MSG-1');
    // The lease was signed in 2025: six weeks after a commandement de payer (loi 2023-668).
    expect(noticeText).toContain('six semaines');
    expect(noticeText).toContain('article 1344 du Code civil');

    // The print queue: printed, then the registered letter's proof of deposit.
    const printed = await relance.ok(MarkLettersPrintedDocument, { ids: [letter.id] });
    expect(printed.markLettersPrinted[0].printedAt).toEqual(expect.any(String));
    const notLetter = await relance.graphql(MarkLettersPrintedDocument, { ids: [messages[0].id] });
    expect(notLetter.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ids[0]' });
    const deposit = await relance.ok(RecordLetterDepositDocument, { id: notice.id, trackingNumber: '1A00012345678' });
    expect(deposit.recordLetterDeposit.trackingNumber).toBe('1A00012345678');

    // What the post says: the letter arrived; the formal notice came back unclaimed.
    const report = RecordLetterDeliveryDocument;
    expect((await relance.ok(report, { id: letter.id, ok: true, d: 'Distribué' })).recordLetterDelivery.status).toBe('DELIVERED');
    const returned = await relance.ok(report, { id: notice.id, ok: false, d: 'Pli avisé et non réclamé' });
    expect(returned.recordLetterDelivery).toEqual({ status: 'FAILED', lastError: 'Pli avisé et non réclamé' });
    const again = await relance.graphql(report, { id: notice.id, ok: true, d: 'Distribué' });
    expect(again.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const notAboutEmail = await relance.graphql(report, { id: messages[0].id, ok: true, d: 'x' });
    expect(notAboutEmail.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const { tasks } = await relance.ok(DebtTaskTitlesDocument, { id: debtId });
    expect(tasks.edges.map((e) => e.node.title)).toContain('Registered letter to Jean Martin not delivered: check the contact details');
    const undelivered = (await eventsOf(debtId)).find((e) => e.kind === 'MESSAGE_UNDELIVERED');
    expect(undelivered?.summary).toBe('Registered letter to Jean Martin not delivered: Pli avisé et non réclamé');

    const kinds = (await eventsOf(debtId)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'MESSAGE_SENT')).toHaveLength(3);
    // Each message once, whatever retried.
    expect(smtp.received.filter((m) => m.subject?.includes('MSG-1'))).toHaveLength(1);
  });

  it('turns a bounced e-mail into a failure on the timeline and a task for an agent', async () => {
    const { debtId } = await debtFor('MSG-2', { email: 'nobody@bounce.test', scenario: 'e2e-letters' });
    const [email] = await eventually(
      () => messagesOf(debtId),
      (m) => m.some((x) => x.channel === 'EMAIL' && x.status === 'FAILED'),
      'the bounce',
    );
    expect(email.lastError).toMatch(/bounced \(550\).*User unknown/);
    const events = await eventually(
      () => eventsOf(debtId),
      (e) => e.some((x) => x.kind === 'MESSAGE_FAILED'),
      'the failure in the timeline',
    );
    expect(events.find((e) => e.kind === 'MESSAGE_FAILED')?.summary).toMatch(/^E-mail to Jean Martin failed: bounced \(550\)/);
    const { tasks } = await relance.ok(DebtTaskKindsDocument, { id: debtId });
    expect(tasks.edges.map((e) => e.node)).toContainEqual({
      title: 'E-mail to Jean Martin failed: check the contact details',
      kind: 'FOLLOW_UP',
      status: 'TODO',
    });
    // The scenario goes on: the letter still goes out.
    await eventually(
      () => messagesOf(debtId),
      (m) => m.some((x) => x.channel === 'LETTER' && x.status === 'SENT'),
      'the letter after the bounce',
    );
  });

  it('previews a template against a real debt, refuses unknown variables and dropped legal blocks, and lets only admins edit those blocks', async () => {
    const { debtId } = await debtFor('MSG-3', { email: 'lea@example.test', scenario: 'e2e-letters' });
    const preview = await relance.ok(PreviewTemplateDocument, {
      id: debtId,
      key: 'courteous-reminder-sms',
      zones: [{ name: 'note', text: 'x' }],
    });
    expect(preview.previewTemplate).toMatchObject({ medium: 'SMS', locale: 'fr', version: 0 });
    expect(preview.previewTemplate.text).toMatch(
      /^Agence Rhône Gestion : bonjour Jean, sauf erreur le loyer du bail MSG-3 reste dû \(900,00.€\)/,
    );
    // A tone variant for a tenant in difficulty speaks of help first.
    const gentle = await relance.ok(PreviewTemplateToneDocument, { id: debtId, key: 'courteous-reminder-sms', profile: 'PRECARIOUS' });
    expect(gentle.previewTemplate.tone).toBe('PRECARIOUS');
    expect(gentle.previewTemplate.text).toContain('des aides et un échéancier sont possibles');
    const english = await relance.ok(PreviewTemplateSubjectDocument, { id: debtId, key: 'formal-notice', locale: 'en' });
    expect(english.previewTemplate.subject).toBe('Formal notice to pay — lease MSG-3');

    const typo = await relance.graphql(SaveMessageTemplateDocument, {
      i: { key: 'courteous-reminder-sms', locale: 'fr', body: 'Bonjour {{tenant.fistName}}' },
    });
    expect(typo.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(typo.errors?.[0].message).toBe('unknown variable "tenant.fistName"; did you mean "tenant.firstName"?');
    const dropped = await relance.graphql(SaveMessageTemplateDocument, {
      i: { key: 'formal-notice', locale: 'fr', subject: 'Mise en demeure', body: 'Payez {{balance.total}}.' },
    });
    expect(dropped.errors?.[0].message).toMatch(/\{\{> mise-en-demeure\}\}, \{\{> aides-logement\}\} must stay/);

    const agent = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'agent', 'AGENT');
    const saved = await relance.ok(
      SaveMessageTemplateSourceDocument,
      {
        i: {
          key: 'courteous-reminder-sms',
          locale: 'fr',
          body: '{{agency.name}} : {{balance.total}} restent dus (bail {{lease.reference}}). {{zone "note"}}',
        },
      },
      agent.key,
    );
    expect(saved.saveMessageTemplate).toEqual({ version: 1, source: 'WORKSPACE' });
    const mine = await relance.ok(PreviewTemplateTextDocument, {
      id: debtId,
      key: 'courteous-reminder-sms',
      zones: [{ name: 'note', text: 'Merci.' }],
    });
    expect(mine.previewTemplate).toEqual({
      text: 'Agence Rhône Gestion : 900,00\u202f€ restent dus (bail MSG-3). Merci.'.replace('900,00\u202f€', '900,00\u00a0€'),
      version: 1,
    });

    const block = SaveLegalBlockDocument;
    const byAgent = await relance.graphql(block, { i: { key: 'sans-frais', locale: 'fr', text: 'Aucun frais.' } }, agent.key);
    expect(byAgent.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (
        await relance.ok(block, {
          i: { key: 'sans-frais', locale: 'fr', text: 'Aucun frais de relance ne vous est facturé (loi 89-462, art. 4 p).' },
        })
      ).saveLegalBlock.version,
    ).toBe(1);
    const unknownVariable = await relance.graphql(block, { i: { key: 'sans-frais', locale: 'fr', text: '{{frais}}' } });
    expect(unknownVariable.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.text' });
  });

  it('posts a fee only where the lease provides one and the law allows it, as a fee of its own that the next letter shows on its own line', async () => {
    await publish({
      key: 'e2e-fee',
      name: 'Frais de retard (commercial)',
      steps: [
        // The debt opens a week late: a fee that late is never caught up unless the step says so.
        {
          key: 'd1-fee',
          dayOffset: 1,
          action: 'FEE',
          template: 'late-payment-fee',
          conditions: { leaseKinds: ['COMMERCIAL'] },
          catchUp: { policy: 'SEND' },
        },
        { key: 'd2-letter', dayOffset: 2, action: 'LETTER', template: 'first-reminder-letter' },
      ],
    });
    const residentialFee = await relance.graphql(SaveScenarioDraftDocument, {
      d: {
        key: 'e2e-fee-all',
        name: 'Frais pour tous',
        steps: [{ key: 'd1-fee', dayOffset: 1, action: 'FEE', template: 'late-payment-fee' }],
      },
    });
    expect(residentialFee.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(residentialFee.errors?.[0].message).toMatch(/residential/i);

    const withFee = await debtFor('MSG-FEE-1', {
      email: 'shop@example.test',
      scenario: 'e2e-fee',
      kind: 'COMMERCIAL',
      lateFeeCents: 4_000,
    });
    const withoutFee = await debtFor('MSG-FEE-2', { email: 'shop2@example.test', scenario: 'e2e-fee', kind: 'COMMERCIAL' });
    const posted = await eventually(
      () => eventsOf(withFee.debtId),
      (e) => e.some((x) => x.kind.startsWith('FEE_')),
      'the fee',
    );
    expect(posted.find((e) => e.kind.startsWith('FEE_'))).toEqual({
      kind: 'FEE_POSTED',
      summary: 'Late-payment fee of 40,00\u00a0€ posted, as the lease provides',
    });
    const { charges } = await relance.ok(LeaseChargesDocument, { id: withFee.leaseId });
    // A fee is never rent: it has its own amount.
    expect(charges.edges.map((e) => e.node)).toEqual([
      { kind: 'RENT_CALL', rentCents: 90_000, chargesCents: 0, feeCents: 0 },
      { kind: 'FEE', rentCents: 0, chargesCents: 0, feeCents: 4_000 },
    ]);
    // The letter after it: the commercial variant, the fee on its own line of the table, no residential law.
    const letter = (
      await eventually(
        () => messagesOf(withFee.debtId),
        (m) => m.some((x) => x.channel === 'LETTER' && x.status === 'SENT'),
        'the letter after the fee',
      )
    ).find((m) => m.channel === 'LETTER')!;
    const letterText = await pdfText((await download(`/documents/${letter.documentId}`, relance.adminKey)).body);
    expect(letterText).toMatch(/Période\s+Échéance\s+Loyer\s+Charges\s+Frais\s+Total/);
    expect(letterText).toMatch(/janvier 2026\s+\d+ \S+ 2026\s+900,00 €\s+0,00 €\s+0,00 €\s+900,00 €/);
    expect(letterText).toMatch(/Frais de retard prévus au bail\s+40,00 €\s+40,00 €/);
    expect(letterText).toMatch(/Total dû\s+900,00 €\s+0,00 €\s+40,00 €\s+940,00 €/);
    expect(letterText.replace(/\s+/g, ' ')).toContain(
      '940,00 € (900,00 € de loyer, 0,00 € de charges, 40,00 € de frais de retard prévus au bail)',
    );
    for (const residential of ['89-462', 'aucun frais', 'logement', 'FSL']) expect(letterText).not.toContain(residential);
    // Imported by hand, a fee carries its amount in feeCents, and only a fee does.
    const chargeMutation = CreateChargesWithAmountsDocument;
    const asRent = await relance.graphql(chargeMutation, {
      d: [{ leaseId: withFee.leaseId, kind: 'FEE', period: '2026-02', dueDate: '2026-02-05', rentCents: 1_500, chargesCents: 0 }],
    });
    expect(asRent.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].rentCents' });
    const onRent = await relance.graphql(chargeMutation, {
      d: [{ leaseId: withFee.leaseId, period: '2026-02', dueDate: '2026-02-05', rentCents: 90_000, chargesCents: 0, feeCents: 1_500 }],
    });
    expect(onRent.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].feeCents' });
    const imported = await relance.ok(chargeMutation, {
      d: [
        { leaseId: withFee.leaseId, kind: 'FEE', period: '2026-02', dueDate: '2026-02-05', rentCents: 0, chargesCents: 0, feeCents: 1_500 },
      ],
    });
    expect(imported.createCharges).toEqual([{ kind: 'FEE', rentCents: 0, feeCents: 1_500 }]);
    const skipped = await eventually(
      () => eventsOf(withoutFee.debtId),
      (e) => e.some((x) => x.kind.startsWith('FEE_')),
      'the skipped fee',
    );
    expect(skipped.find((e) => e.kind.startsWith('FEE_'))).toEqual({
      kind: 'FEE_SKIPPED',
      summary: 'No fee posted: the lease provides no late-payment fee',
    });

    // Run-time guard: a fee step reaching a residential lease (its kind changed since the
    // scenario was chosen) posts nothing and says why, even with a fee in the lease.
    const residential = await debtFor('MSG-FEE-3', { email: 'home@example.test', scenario: 'e2e-letters', lateFeeCents: 4_000 });
    await relance.running.app.get(DebtCaseService).performStep({
      workspaceId: relance.workspaceId,
      debtId: residential.debtId,
      stepKey: 'd9-fee',
      action: 'FEE',
      template: 'late-payment-fee',
      scheduledAt: new Date().toISOString(),
      performedAt: new Date().toISOString(),
    });
    expect((await eventsOf(residential.debtId)).find((e) => e.kind.startsWith('FEE_'))).toEqual({
      kind: 'FEE_REFUSED',
      summary:
        'No fee posted: reminder fees and penalties cannot be charged to a residential tenant (loi n° 89-462 du 6 juillet 1989, art. 4 p et i)',
    });
    const { charges: residentialCharges } = await relance.ok(LeaseChargeKindsDocument, { id: residential.leaseId });
    expect(residentialCharges.edges.map((e) => e.node.kind)).toEqual(['RENT_CALL']);
  });

  it('validates channel settings and never reads secrets back', async () => {
    const set = SetChannelSettingEchoDocument;
    const wrongProvider = await relance.graphql(set, { i: { channel: 'SMS', provider: 'SMTP' } });
    expect(wrongProvider.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.provider' });
    const noToken = await relance.graphql(set, {
      i: { channel: 'SMS', provider: 'SINCH', baseUrl: 'https://eu.sms.api.sinch.com', servicePlanId: 'p', sender: 'Agence' },
    });
    expect(noToken.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.apiToken' });
    const badUrl = await relance.graphql(set, {
      i: { channel: 'SMS', provider: 'SINCH', baseUrl: 'ftp://x', servicePlanId: 'p', apiToken: 't', sender: 'A' },
    });
    expect(badUrl.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.baseUrl' });
    await relance.ok(set, {
      i: {
        channel: 'SMS',
        provider: 'SINCH',
        baseUrl: 'https://eu.sms.api.sinch.com',
        servicePlanId: 'p',
        apiToken: 'secret-token',
        sender: 'Agence',
      },
    });
    // An update without the token keeps it.
    await relance.ok(set, {
      i: { channel: 'SMS', provider: 'SINCH', baseUrl: 'https://eu.sms.api.sinch.com', servicePlanId: 'p2', sender: 'Agence' },
    });
    const { channelSettings } = await relance.ok(SmsChannelSettingsDocument);
    expect(channelSettings.find((c) => c.channel === 'SMS')).toEqual({
      channel: 'SMS',
      provider: 'SINCH',
      servicePlanId: 'p2',
      sender: 'Agence',
    });
    const schema = await relance.graphql('{ channelSettings { apiToken } }');
    expect(schema.errors?.[0].message).toMatch(/Cannot query field "apiToken"/);
  });
  it('sends a formal notice as a Maileva registered letter and tracks its proof of deposit and delivery', async () => {
    const maileva = await startFakeMailevaServer();
    try {
      await relance.ok(SetChannelSettingDocument, {
        i: {
          channel: 'REGISTERED_LETTER',
          provider: 'MAILEVA',
          apiUrl: maileva.apiUrl,
          authUrl: maileva.authUrl,
          ...maileva.credentials,
          notificationEmail: 'preuves@agence.test',
          senderName: 'Rhône Gestion SAS',
          senderStreet: '4 place Bellecour',
          senderPostalCity: '69002 Lyon',
        },
      });
      const { channelSettings } = await relance.ok(RegisteredLetterChannelSettingsDocument);
      expect(channelSettings.find((c) => c.channel === 'REGISTERED_LETTER')).toEqual({
        channel: 'REGISTERED_LETTER',
        provider: 'MAILEVA',
        clientId: 'relance-client',
        senderPostalCity: '69002 Lyon',
      });

      const { debtId } = await debtFor('MSG-LRE', { email: 'lre@example.test', scenario: 'e2e-letters' });
      await eventually(
        () => eventsOf(debtId),
        (e) => e.some((x) => x.kind === 'APPROVAL_REQUESTED'),
        'the approval request',
      );
      await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd3-notice' });
      const notice = (
        await eventually(
          () => messagesOf(debtId),
          (m) => m.some((x) => x.channel === 'REGISTERED_LETTER' && x.status === 'SENT'),
          'the registered letter',
        )
      ).find((m) => m.channel === 'REGISTERED_LETTER')!;
      expect(notice.provider).toBe('MAILEVA');
      const [sending] = maileva.sendings;
      expect(sending.status).toBe('PENDING');
      const { document } = await relance.ok(DocumentHashDocument, { id: notice.documentId! });
      // La Poste prints exactly the PDF kept with the debt.
      expect(createHash('sha256').update(sending.documents[0].bytes).digest('hex')).toBe(document.sha256);

      const track = TrackRegisteredLettersDocument;
      expect((await relance.ok(track)).trackRegisteredLetters).toBe(0);
      maileva.deliver(sending.id, 'N01', '1A00098765432');
      expect((await relance.ok(track)).trackRegisteredLetters).toBe(2);
      const tracked = (await messagesOf(debtId)).find((m) => m.id === notice.id)!;
      expect(tracked).toMatchObject({ status: 'DELIVERED', trackingNumber: '1A00098765432' });
      expect((await eventsOf(debtId)).find((e) => e.kind === 'MESSAGE_DELIVERED')?.summary).toBe(
        'Registered letter to Jean Martin delivered: La Poste N01',
      );
      expect((await relance.ok(track)).trackRegisteredLetters).toBe(0);
    } finally {
      await maileva.close();
    }
  });
});
