import { TestWorkflowEnvironment } from '@temporalio/testing';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { isContactDay, nextContactTime, parisParts, parisTime } from '../../src/domain/french-calendar';
import { FakeSinchServer, startFakeSinchServer } from '../support/fake-sinch-server';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { pdfText } from '../support/pdf-text';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { sleepUntil, startTimeSkippingServer } from '../support/time-skipping';
import { eventually } from '../support/eventually';
import {
  ApproveStepDocument,
  DebtDocumentTemplatesDocument,
  DebtEventDatesDocument,
  DebtMessageScheduleDocument,
  DebtMessageScheduleQuery,
  DebtTaskScheduleDocument,
  RunArrearsDetectionByLeaseDocument,
  SetChannelSettingDocument,
  UpdateLeaseDocument,
  UpdateWorkspaceDocument,
} from './graphql/generated';

/**
 * The first seed article's scenario, end to end on Temporal's time-skipping server:
 * Relance (API and worker) talks to it as to a cluster, real SMTP and an SMS provider on
 * loopback receive what it sends, and the test moves server time day by day to see each
 * step happen on its date.
 */
describe('the standard scenario on its dates (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let relance: TestRelance;
  let smtp: FakeSmtpServer;
  let sinch: FakeSinchServer;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
    smtp = await startFakeSmtpServer();
    sinch = await startFakeSinchServer();
    relance = await startTestRelance('all-in-one', {
      TEMPORAL_ADDRESS: env.address,
      ARREARS_DETECTION_SCHEDULE: 'off',
      PUBLIC_URL: 'https://relance.example.test',
    });
    await relance.ok(UpdateWorkspaceDocument, {
      d: { name: 'Agence Rhône Gestion', city: 'Lyon', addressLine1: '4 place Bellecour', postalCode: '69002', phone: '+33478000000' },
    });
    const set = SetChannelSettingDocument;
    await relance.ok(set, {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port: smtp.port, secure: false, from: 'relances@agence.test' },
    });
    await relance.ok(set, {
      i: {
        channel: 'SMS',
        provider: 'SINCH',
        baseUrl: sinch.baseUrl,
        servicePlanId: sinch.servicePlanId,
        apiToken: sinch.apiToken,
        sender: 'AgenceRG',
      },
    });
  });
  afterAll(async () => {
    await relance?.stop();
    await env?.teardown();
    await smtp?.close();
    await sinch?.close();
  });

  /** A lease with its rent unpaid since `due`, a tenant reachable by SMS and e-mail, on the standard scenario. */
  async function leaseFor(reference: string, due: { dueDaysAgo: number } | { dueDate: string }): Promise<{ leaseId: string }> {
    const { leaseId } = await createLeaseInArrears(relance, { reference, ...due });
    await addTenant(relance, leaseId, {
      email: `${reference.toLowerCase()}@example.test`,
      consentEmail: true,
      phone: '+33612345678',
      consentSms: true,
    });
    // A first-time late payer would get the gentle variant; this is the article's own sequence.
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'standard' } });
    return { leaseId };
  }
  /** Runs arrears detection: the lease's debt opens and its workflow starts, now in server time. */
  async function detect(leaseId: string): Promise<string> {
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    return runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
  }

  type Message = DebtMessageScheduleQuery['outboundMessages']['edges'][number]['node'];
  const messagesOf = async (debtId: string): Promise<Message[]> =>
    (await relance.ok(DebtMessageScheduleDocument, { id: debtId })).outboundMessages.edges.map((e) => e.node);
  const eventsOf = async (debtId: string): Promise<Array<{ kind: string; occurredAt: string; summary: string }>> =>
    (await relance.ok(DebtEventDatesDocument, { id: debtId })).debtEvents.edges.map((e) => e.node);
  const tasksOf = async (debtId: string): Promise<Array<{ kind: string; title: string; dueAt: string; body: string }>> =>
    (await relance.ok(DebtTaskScheduleDocument, { id: debtId })).tasks.edges.map((e) => e.node);
  /** A timer fires a few milliseconds after its time, and the test acts a moment after a sleep. */
  const expectAt = (actual: string | undefined, expected: Date) => {
    expect(actual).toBeDefined();
    expect(Math.abs(new Date(actual!).getTime() - expected.getTime())).toBeLessThan(5_000);
  };

  it('holds an SMS due at 7:00 until 9:00, and says so in the timeline', async () => {
    // A debt opened at 7:00 on an ordinary contact day (as by the 6:00 detection run) whose
    // D+3 SMS and e-mail are due already: the e-mail goes at once, the SMS at 9:00. The
    // dates come from server time and from Relance's today (detection's date), whatever
    // the day the suite runs on: 7:00 still ahead on a contact day; the anchor late enough
    // for detection, its D+3 a contact day (so that the SMS and the e-mail fall due at the
    // same 9:00, neither moved by the calendar) within their week of catch-up, and the D+10
    // letter not due yet at 7:00.
    const now = new Date(await env.currentTimeMs());
    let day = parisParts(now).date;
    while (!isContactDay(day) || parisTime(day, 7) <= now) day = addDays(day, 1);
    let anchor = addDays(todayIn(), -6);
    while (!isContactDay(addDays(anchor, 3))) anchor = addDays(anchor, -1);
    const due = parisTime(addDays(anchor, 3), 9);
    // (Server time must not have been moved on by weeks: this test runs first.)
    expect({
      smsDueBefore7: due < parisTime(day, 7),
      withinCatchUp: parisTime(day, 7).getTime() - due.getTime() < 7 * 86_400_000,
      letterNotDueAt7: parisTime(addDays(anchor, 10), 9) > parisTime(day, 7),
    }).toEqual({ smsDueBefore7: true, withinCatchUp: true, letterNotDueAt7: true });
    expect(nextContactTime(due).getTime()).toBe(due.getTime());

    const { leaseId } = await leaseFor('EARLY-1', { dueDate: anchor });
    await sleepUntil(env, parisTime(day, 7));
    const debtId = await detect(leaseId);

    // The e-mail goes at 7:00 (not held behind the SMS, due at the same time); the SMS waits.
    const [email] = (
      await eventually(
        () => messagesOf(debtId),
        (m) => m.some((x) => x.channel === 'EMAIL' && x.status === 'SENT'),
        'the e-mail at 7:00',
      )
    ).filter((m) => m.channel === 'EMAIL');
    expect(new Date(email.queuedAt) >= parisTime(day, 7) && new Date(email.queuedAt) < parisTime(day, 7, 5)).toBe(true);
    expect(sinch.batches.filter((b) => b.client_reference?.includes(debtId))).toHaveLength(0);

    await sleepUntil(env, new Date(parisTime(day, 9).getTime() + 60_000));
    await eventually(
      async () => sinch.batches.filter((b) => b.client_reference?.includes(debtId)),
      (b) => b.length === 1,
      'the SMS at 9:00',
    );
    const moved = (await eventsOf(debtId)).find((e) => e.kind === 'STEP_MOVED');
    expect(moved?.summary).toMatch(/^d3-sms moved from (\S+) to the next allowed contact time$/);
    expectAt(/from (\S+) to/.exec(moved!.summary)?.[1], parisTime(day, 7));
    const sms = (await messagesOf(debtId)).find((m) => m.channel === 'SMS')!;
    expectAt(sms.queuedAt, parisTime(day, 9));

    // Sinch was given a delivery-report address; its report of a failure reaches the case.
    const [batch] = sinch.batches.filter((b) => b.client_reference?.includes(debtId));
    const callback = new URL(batch.callback_url!);
    expect(batch.delivery_report).toBe('per_recipient');
    expect(callback.origin).toBe('https://relance.example.test');
    expect(callback.pathname).toMatch(new RegExp(`^/webhooks/sinch/${relance.workspaceId}/[0-9a-f]{48}$`));
    const report = (path: string, status: string) =>
      fetch(new URL(path, relance.running.graphqlUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'recipient_delivery_report_sms',
          batch_id: batch.id,
          recipient: '+33612345678',
          status,
          code: 402,
          at: new Date().toISOString(),
          client_reference: batch.client_reference,
        }),
      });
    expect((await report(`/webhooks/sinch/${relance.workspaceId}/${'0'.repeat(48)}`, 'Failed')).status).toBe(401);
    expect(await (await report(callback.pathname, 'Dispatched')).json()).toEqual({ result: 'IGNORED' });
    expect(await (await report(callback.pathname, 'Failed')).json()).toEqual({ result: 'APPLIED' });
    expect(await (await report(callback.pathname, 'Failed')).json()).toEqual({ result: 'IGNORED' });
    expect((await messagesOf(debtId)).find((m) => m.channel === 'SMS')?.status).toBe('FAILED');
    expect((await tasksOf(debtId)).map((t) => t.title)).toContain('SMS to Jean Martin not delivered: check the contact details');
  });

  it('sends the SMS and e-mail, the letter on D+10, the call task on D+20, the formal notice and the hand-off once approved', async () => {
    // Day 0 is the latest due date detection opens a debt for: rent unpaid 6 days by
    // Relance's today. Server time may be a few days on (the test before moved it to a
    // morning ahead), never so far that the D+10 letter would be due already.
    const anchor = addDays(todayIn(), -6);
    const { leaseId } = await leaseFor('SEED-1', { dueDate: anchor });
    const openedAt = new Date(await env.currentTimeMs());
    expect(openedAt < parisTime(addDays(anchor, 10), 9)).toBe(true);
    const debtId = await detect(leaseId);

    // D+3 is past when the debt opens (detection waits 5 days of grace): both go at once,
    // the SMS at the first moment the contact calendar allows.
    await sleepUntil(env, new Date(nextContactTime(openedAt).getTime() + 60_000));
    const sms = await eventually(
      () => (async () => sinch.batches.filter((b) => b.client_reference?.includes(debtId)))(),
      (b) => b.length === 1,
      'the SMS',
    );
    expect(sms[0].to).toEqual(['+33612345678']);
    expect(sms[0].body).toMatch(/^Agence Rhône Gestion : bonjour Jean, .*SEED-1 reste dû \(900,00 €\)/);
    const mail = await eventually(
      async () => smtp.received.filter((m) => m.subject?.includes('SEED-1')),
      (m) => m.length === 1,
      'the e-mail',
    );
    expect(await pdfText(mail[0].attachments[0].content)).toContain('900,00 €');
    let messages = await eventually(
      () => messagesOf(debtId),
      (m) => m.length === 2 && m.every((x) => x.status === 'SENT'),
      'the D+3 messages',
    );
    const smsRow = messages.find((m) => m.channel === 'SMS')!;
    expect(new Date(smsRow.queuedAt).getTime()).toBeGreaterThanOrEqual(nextContactTime(openedAt).getTime() - 1000);
    expect(parisParts(new Date(smsRow.queuedAt)).hour).toBeGreaterThanOrEqual(9);

    // D+10: the first reminder letter, at 9:00 Paris that day.
    const letterAt = parisTime(addDays(anchor, 10), 9);
    await sleepUntil(env, new Date(letterAt.getTime() + 60_000));
    messages = await eventually(
      () => messagesOf(debtId),
      (m) => m.some((x) => x.stepKey === 'd10-letter'),
      'the letter',
    );
    const letter = messages.find((m) => m.stepKey === 'd10-letter');
    expect(letter).toMatchObject({ channel: 'LETTER', status: 'SENT' });
    expectAt(letter?.queuedAt, letterAt);

    // D+20: the organised call, a task with its script, in the contact calendar.
    const callAt = nextContactTime(parisTime(addDays(anchor, 20), 9));
    await sleepUntil(env, new Date(callAt.getTime() + 60_000));
    const call = (
      await eventually(
        () => tasksOf(debtId),
        (t) => t.some((x) => x.kind === 'CALL'),
        'the call task',
      )
    ).find((t) => t.kind === 'CALL')!;
    expect(call.title).toBe('Appeler Jean Martin — 900,00\u00a0€ impayés');
    expectAt(call.dueAt, callAt);
    expect(call.body).toContain('Script : 1. Se présenter (Agence Rhône Gestion)');

    // D+30: the formal notice waits for the landlord; nothing registered goes out before.
    const noticeAt = parisTime(addDays(anchor, 30), 9);
    await sleepUntil(env, new Date(noticeAt.getTime() + 60_000));
    const asked = (
      await eventually(
        () => eventsOf(debtId),
        (e) => e.some((x) => x.kind === 'APPROVAL_REQUESTED'),
        'the approval request',
      )
    ).find((e) => e.kind === 'APPROVAL_REQUESTED')!;
    expectAt(asked.occurredAt, noticeAt);
    expect((await messagesOf(debtId)).some((m) => m.channel === 'REGISTERED_LETTER')).toBe(false);
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd30-formal-notice' });
    messages = await eventually(
      () => messagesOf(debtId),
      (m) => m.some((x) => x.channel === 'REGISTERED_LETTER' && x.status === 'SENT'),
      'the formal notice',
    );
    const notice = messages.find((m) => m.channel === 'REGISTERED_LETTER')!;
    const noticePdf = Buffer.from(
      await (
        await fetch(new URL(`/documents/${notice.documentId}`, relance.running.graphqlUrl), {
          headers: { Authorization: `Bearer ${relance.adminKey}` },
        })
      ).arrayBuffer(),
    );
    expect(await pdfText(noticePdf)).toContain('Mise en demeure de payer — bail SEED-1');

    // D+45: the hand-off, approved too: its file is kept and an agent sends it.
    const handoffAt = parisTime(addDays(anchor, 45), 9);
    await sleepUntil(env, new Date(handoffAt.getTime() + 60_000));
    await eventually(
      () => eventsOf(debtId),
      (e) => e.filter((x) => x.kind === 'APPROVAL_REQUESTED').length === 2,
      'the hand-off approval request',
    );
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd45-handoff' });
    const handoff = (
      await eventually(
        () => tasksOf(debtId),
        (t) => t.some((x) => x.title === 'Send the file to the litigation partner'),
        'the hand-off task',
      )
    ).find((t) => t.title === 'Send the file to the litigation partner')!;
    expect(handoff.body).toMatch(
      /^Dossier de transmission contentieuse — bail SEED-1\nDocument litigation-file-SEED-1-.*\.pdf \(SHA-256 [0-9a-f]{64}\)/,
    );
    const { documents } = await relance.ok(DebtDocumentTemplatesDocument, { id: debtId });
    // The formal notice twice: the draft the landlord approved, and the letter sent.
    expect(documents.edges.map((e) => `${e.node.templateKey}${e.node.draft ? ' (draft)' : ''}`).sort()).toEqual([
      'courteous-reminder-email',
      'first-reminder-letter',
      'formal-notice',
      'formal-notice (draft)',
      'litigation-file',
    ]);
    // Every message once.
    expect(sinch.batches.filter((b) => b.client_reference?.includes(debtId))).toHaveLength(1);
    expect(smtp.received.filter((m) => m.subject?.includes('SEED-1'))).toHaveLength(1);
  });
});
