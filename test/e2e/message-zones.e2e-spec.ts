import { WorkspaceService } from '../../src/workspace/workspace.service';
import { eventually } from '../support/eventually';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { pdfText } from '../support/pdf-text';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  ApproveStepDocument,
  DebtEventSummariesDocument,
  DebtMessageBodiesDocument,
  DebtNextStepDocument,
  DebtPendingZonesDocument,
  PublishScenarioDocument,
  RunArrearsDetectionByLeaseDocument,
  SaveScenarioDraftDocument,
  SetDebtMessageZonesDocument,
  SetDebtMessageZonesMutationVariables,
  UpdateLeaseDocument,
  UpdateWorkspaceDocument,
} from './graphql/generated';

/**
 * Free text an agent writes into a debt's coming letter or e-mail, end to end on the dev
 * server through GraphQL: checked against the step's template and for sensitive data,
 * rendered into the real send (CAPTURE keeps the text and the PDF), kept with the message
 * and its document, noted in the timeline.
 */
describe('free-text zones in real sends', () => {
  let relance: TestRelance;

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    await relance.ok(UpdateWorkspaceDocument, {
      d: {
        name: 'Agence Rhône Gestion',
        addressLine1: '4 place Bellecour',
        postalCode: '69002',
        city: 'Lyon',
        phone: '+33478000000',
        email: 'gestion@agence.test',
        paymentInstructions: 'Virement sur le compte FR76 3000 6000 0112 3456 7890 189.',
      },
    });
    // The formal notice waits for the landlord: the agent writes its zones meanwhile. Neither
    // it nor the e-mail after it is held by quiet hours.
    await relance.ok(SaveScenarioDraftDocument, {
      d: {
        key: 'e2e-zones',
        name: 'Mise en demeure puis e-mail',
        steps: [
          { key: 'd1-notice', dayOffset: 1, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
          { key: 'd2-email', dayOffset: 2, action: 'EMAIL', template: 'courteous-reminder-email' },
        ],
      },
    });
    await relance.ok(PublishScenarioDocument, { key: 'e2e-zones' });
  });
  afterAll(async () => {
    await relance?.stop();
  });

  async function debtFor(reference: string, kind?: string): Promise<string> {
    const { leaseId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8, kind });
    await addTenant(relance, leaseId, {
      email: `${reference.toLowerCase()}@example.test`,
      consentEmail: true,
      addressLine1: '12 rue Victor Hugo',
      postalCode: '69002',
      city: 'Lyon',
    });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'e2e-zones' } });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    const debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
    await eventually(
      () => relance.ok(DebtNextStepDocument, { id: debtId }),
      (r) => r.debt.nextAction?.kind === 'WAIT_APPROVAL' && r.debt.nextAction.stepKey === 'd1-notice',
      'the formal notice awaiting approval',
    );
    return debtId;
  }

  const setZones = (variables: SetDebtMessageZonesMutationVariables, key?: string) =>
    relance.graphql(SetDebtMessageZonesDocument, variables, key);
  const pending = async (debtId: string) => (await relance.ok(DebtPendingZonesDocument, { id: debtId })).debt.messageZones;
  const events = async (debtId: string) =>
    (await relance.ok(DebtEventSummariesDocument, { id: debtId })).debtEvents.edges.map((e) => e.node);

  it('writes the zone an agent set into the formal notice and the e-mail as sent, and keeps it with the message and its PDF', async () => {
    const debtId = await debtFor('ZONE-1');
    const noticeNote = 'Suite à notre entretien du 3 mars, le solde reste dû en totalité.';
    const emailNote = 'Notre agence est fermée le samedi.';

    // The next step by default: the formal notice awaiting the landlord.
    const notice = await setZones({ id: debtId, zones: [{ name: 'note', text: `  ${noticeNote}  ` }] });
    expect(notice.errors).toBeUndefined();
    expect(notice.data?.setDebtMessageZones).toEqual({
      debtId,
      stepKey: 'd1-notice',
      templateKey: 'formal-notice',
      templateName: 'formal-notice',
      zones: [{ name: 'note', text: noticeNote }],
      sensitiveAcknowledged: false,
    });
    expect((await setZones({ id: debtId, step: 'd2-email', zones: [{ name: 'note', text: emailNote }] })).errors).toBeUndefined();

    // Refused, and nothing changes: a zone the template does not have, a sensitive text
    // without the agent's confirmation, a step of another scenario, a key that only reads.
    const unknown = await setZones({
      id: debtId,
      step: 'd2-email',
      zones: [
        { name: 'note', text: 'x' },
        { name: 'postScriptum', text: 'y' },
      ],
    });
    expect(unknown.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'zones[1].name' });
    expect(unknown.errors?.[0].message).toBe(
      'The template courteous-reminder-email of step d2-email has no zone "postScriptum" (its zones: "note")',
    );
    const sensitive = await setZones({ id: debtId, zones: [{ name: 'note', text: 'Le locataire est malade et a été hospitalisé.' }] });
    expect(sensitive.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'zones[0].text' });
    expect(sensitive.errors?.[0].message).toMatch(/^The text seems to hold sensitive data \(health: "malade", health: "hospitalisé"\)/);
    const otherStep = await setZones({ id: debtId, step: 'd30-formal-notice', zones: [{ name: 'note', text: 'x' }] });
    expect(otherStep.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'stepKey' });
    const twice = await setZones({
      id: debtId,
      zones: [
        { name: 'note', text: 'a' },
        { name: 'note', text: 'b' },
      ],
    });
    expect(twice.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'zones[1].name' });
    const readonly = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'lecture', 'READONLY');
    expect((await setZones({ id: debtId, zones: [{ name: 'note', text: 'x' }] }, readonly.key)).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await setZones({ id: '00000000-0000-4000-8000-000000000000', zones: [] })).errors?.[0].extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'debtId',
    });
    expect(await pending(debtId)).toEqual([
      { stepKey: 'd1-notice', zones: [{ name: 'note', text: noticeNote }], sensitiveAcknowledged: false },
      { stepKey: 'd2-email', zones: [{ name: 'note', text: emailNote }], sensitiveAcknowledged: false },
    ]);

    // The landlord approves: the notice goes out, then the e-mail (CAPTURE keeps both).
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd1-notice' });
    const { outboundMessages } = await eventually(
      () => relance.ok(DebtMessageBodiesDocument, { id: debtId }),
      (r) => r.outboundMessages.edges.length === 2 && r.outboundMessages.edges.every((e) => e.node.status === 'SENT'),
      'the formal notice and the e-mail sent',
    );
    const [sentNotice, sentEmail] = outboundMessages.edges.map((e) => e.node);
    expect(sentNotice.stepKey).toBe('d1-notice');
    expect(sentNotice.body).toContain(`${noticeNote}\n\nPour SCI ZONE-1, le mandataire`);
    expect(sentEmail.body).toContain(`${emailNote}\n\nLe service gestion locative`);
    expect(sentEmail.body).not.toContain(noticeNote);
    const download = await fetch(new URL(`/documents/${sentNotice.documentId}`, relance.running.graphqlUrl), {
      headers: { Authorization: `Bearer ${relance.adminKey}` },
    });
    expect((await pdfText(Buffer.from(await download.arrayBuffer()))).replace(/\s+/g, ' ')).toContain(noticeNote);

    // The rows of what was sent keep the zone texts they used.
    const kept = await relance.database.query(
      `SELECT m.step_key, m.zones AS message_zones, d.zones AS document_zones FROM outbound_message m
       LEFT JOIN document d ON d.id = m.document_id WHERE m.debt_id = $1 ORDER BY m.queued_at`,
      [debtId],
    );
    expect(kept).toEqual([
      { step_key: 'd1-notice', message_zones: [{ name: 'note', text: noticeNote }], document_zones: [{ name: 'note', text: noticeNote }] },
      { step_key: 'd2-email', message_zones: [{ name: 'note', text: emailNote }], document_zones: [{ name: 'note', text: emailNote }] },
    ]);
    const timeline = await events(debtId);
    expect(timeline.filter((e) => e.kind.startsWith('MESSAGE_ZONES_')).map((e) => e.summary)).toEqual([
      'Free text "note" set for step d1-notice (formal-notice)',
      'Free text "note" set for step d2-email (courteous-reminder-email)',
      'Free text "note" written into step d1-notice (Registered letter, 1 recipient(s))',
      'Free text "note" written into step d2-email (E-mail, 1 recipient(s))',
    ]);

    // Sent is sent: its zones are no longer pending, and cannot be set again.
    expect(await pending(debtId)).toEqual([]);
    const late = await setZones({ id: debtId, step: 'd1-notice', zones: [{ name: 'note', text: 'Trop tard.' }] });
    expect(late.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'stepKey' });
  });

  it('takes wording the sensitive-data check flags once the agent confirms it, and says so in the timeline', async () => {
    const debtId = await debtFor('ZONE-2', 'COMMERCIAL');
    const text = 'Le gérant nous a dit être hospitalisé ; un échéancier reste possible.';
    const confirmed = await setZones({ id: debtId, zones: [{ name: 'note', text }], ack: true });
    expect(confirmed.errors).toBeUndefined();
    // A commercial lease reads the non-residential formal notice: its zones are that text's.
    expect(confirmed.data?.setDebtMessageZones).toMatchObject({
      stepKey: 'd1-notice',
      templateName: 'formal-notice-non-residential',
      sensitiveAcknowledged: true,
    });
    expect((await events(debtId)).find((e) => e.kind === 'MESSAGE_ZONES_SET')?.summary).toBe(
      'Free text "note" set for step d1-notice (formal-notice-non-residential); wording flagged as sensitive, confirmed by the agent',
    );
    // An empty text clears the zone.
    const cleared = await setZones({ id: debtId, zones: [{ name: 'note', text: '' }] });
    expect(cleared.data?.setDebtMessageZones.zones).toEqual([]);
    expect(await pending(debtId)).toEqual([]);
  });
});
