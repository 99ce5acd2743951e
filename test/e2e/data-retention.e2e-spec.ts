import { createHash } from 'node:crypto';
import { todayIn } from '../../src/common/clock';
import { addDays, addMonths, IsoDate } from '../../src/domain/calendar-date';
import { parisTime } from '../../src/domain/french-calendar';
import { isDueForAnonymisation, lastClosingDayDue } from '../../src/domain/retention';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  RetainedDebtDocument,
  RunDataRetentionDocument,
  SetRetentionMonthsDocument,
  WorkspaceRetentionDocument,
} from './graphql/generated';

const MARKER = '[anonymisé]';

/** What agents, landlords and the post wrote on one debt: each text names its debt, so a leak is traced to it. */
function textsOf(tag: string) {
  return {
    report: `Appel ${tag} : la locataire évoque un licenciement et une hospitalisation`,
    followUp: `Faux numéro ${tag} : voir avec sa fille qui l'héberge`,
    pause: `Pause ${tag} : dossier de surendettement en cours`,
    landlordComment: `Commentaire ${tag} : je connais sa situation familiale`,
    zone: `Zone ${tag} : suite à notre entretien sur vos difficultés`,
    closing: `Clôture ${tag} : départ du logement après séparation`,
    returned: `Retour ${tag} : destinataire parti sans adresse, hospitalisé`,
    profileReason: `tenant Martin ${tag}: 2 earlier debts in 12 months`,
    scenarioReason: `tenant Martin ${tag} is vulnerable → precarious-social`,
  };
}

/**
 * Retention after a debt closes (CNIL) through GraphQL on a fresh database: an ADMIN runs
 * it (the nightly Schedule runs the same). A debt closed longer ago than the workspace's
 * retention loses every text written about its tenant — call reports, follow-up notes, a
 * pause's reason, a landlord's comment, free-text zones, message bodies, the reasons of its
 * profile — and keeps its amounts, dates, statuses and documents; its timeline gets one
 * line saying what was purged. Dates are counted from Relance's today, so any day works.
 */
describe('data retention after a debt closes', () => {
  let relance: TestRelance;
  const today = todayIn();
  const debts: Record<string, { id: string; texts: ReturnType<typeof textsOf> }> = {};

  /** Every text column of a debt's rows in each table that holds them, as one string (PDF bytes aside). */
  async function everythingOf(debtId: string): Promise<string> {
    const rows = await relance.database.query<{ text: string }>(
      `SELECT concat_ws(' | ',
         (SELECT string_agg(to_jsonb(d)::text, ' ') FROM debt d WHERE d.id = $1),
         (SELECT string_agg(to_jsonb(t)::text, ' ') FROM task t WHERE t.debt_id = $1),
         (SELECT string_agg(to_jsonb(e)::text, ' ') FROM debt_event e WHERE e.debt_id = $1),
         (SELECT string_agg(to_jsonb(z)::text, ' ') FROM debt_message_zone z WHERE z.debt_id = $1),
         (SELECT string_agg(to_jsonb(m)::text, ' ') FROM outbound_message m WHERE m.debt_id = $1),
         (SELECT string_agg((to_jsonb(c) - 'content')::text, ' ') FROM document c WHERE c.debt_id = $1),
         (SELECT string_agg(to_jsonb(a)::text, ' ') FROM approval_request a WHERE a.debt_id = $1)) AS text`,
      [debtId],
    );
    return rows[0].text;
  }

  /**
   * A debt on a lease of its own, closed on `closedOn` (at noon, Paris time), with what its
   * workflow, its agents, its landlord and the post wrote while it ran — written here as
   * each writer writes it, since no worker runs in this spec.
   */
  async function closedDebt(tag: string, closedOn: IsoDate): Promise<string> {
    const { leaseId, landlordId } = await createLeaseInArrears(relance, { reference: `RET-${tag}`, dueDaysAgo: 10 });
    await addTenant(relance, leaseId, { firstName: 'Jeanne', lastName: `Martin ${tag}` });
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    const debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
    const texts = textsOf(tag);
    debts[tag] = { id: debtId, texts };
    const ws = relance.workspaceId;
    const at = (day: IsoDate, hour: number) => parisTime(day, hour).toISOString();
    const ran = addDays(closedOn, -20);
    await relance.database.query(
      `UPDATE debt SET status = 'WRITTEN_OFF', closed_at = $3, amount_cents = 90000, next_action_kind = NULL, next_action_step_key = NULL,
         next_action_at = NULL, profile_reason = $4, scenario_reason = $5,
         profile_facts = jsonb_build_object('tenants', jsonb_build_array(jsonb_build_object('name', $6::text, 'vulnerable', true)))
       WHERE workspace_id = $1 AND id = $2`,
      [ws, debtId, at(closedOn, 12), texts.profileReason, texts.scenarioReason, `Martin ${tag}`],
    );
    await relance.database.query(
      `INSERT INTO task (workspace_id, debt_id, key, kind, step_key, title, body, due_at, status, outcome, report, completed_at, completed_by) VALUES
         ($1, $2, $3 || ':call', 'CALL', 'd20-call', 'Organised call', 'Call the tenant: script of the step', $4, 'DONE', 'WRONG_NUMBER', $5, $4, 'api-key:agent'),
         ($1, $2, $3 || ':wrong-number', 'FOLLOW_UP', NULL, 'Wrong phone number: find the tenant’s current contact details', $6, $4, 'TODO', NULL, NULL, NULL, NULL)`,
      [ws, debtId, `debt:${debtId}`, at(ran, 10), texts.report, texts.followUp],
    );
    await relance.database.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key) VALUES
         ($1, $2, 'TASK_COMPLETED', $3, 'API_KEY', 'agent', 'Organised call: WRONG_NUMBER', $4, $10 || 'task'),
         ($1, $2, 'PAUSED', $3, 'API_KEY', 'agent', 'Paused until ' || $11 || ': ' || $12, $5, $10 || 'pause'),
         ($1, $2, 'LANDLORD_REJECTED', $3, 'SESSION', 'landlord', 'Landlord rejected step d30-formal-notice: ' || $13, '{"stepKey":"d30-formal-notice","by":"landlord"}', $10 || 'decision'),
         ($1, $2, 'MESSAGE_ZONES_SET', $3, 'API_KEY', 'agent', 'Free text "note" set for step d10-letter (relance-courrier)', $6, $10 || 'zones'),
         ($1, $2, 'MESSAGE_UNDELIVERED', $3, 'API_KEY', 'agent', 'Letter to Jeanne Martin not delivered: ' || $14, $7, $10 || 'report'),
         ($1, $2, 'PAYMENT_RECORDED', $3, 'API_KEY', 'agent', 'Payment of 300,00 € recorded (TRANSFER, VIR-' || $15 || ')', '{"amountCents":30000}', $10 || 'payment'),
         ($1, $2, 'DEBT_WRITTEN_OFF', $8, 'WORKFLOW', 'wf', 'Debt written off: ' || $9, '{}', $10 || 'close')`,
      [
        ws,
        debtId,
        at(ran, 11),
        JSON.stringify({ taskId: 'call', outcome: 'WRONG_NUMBER', report: texts.report }),
        JSON.stringify({ reason: texts.pause, until: ran }),
        JSON.stringify({ stepKey: 'd10-letter', zones: [{ name: 'note', text: texts.zone }], sensitiveAcknowledged: false }),
        JSON.stringify({ messageId: 'letter', channel: 'LETTER', detail: texts.returned }),
        at(closedOn, 12),
        texts.closing,
        `debt:${debtId}:spec:`,
        ran,
        texts.pause,
        texts.landlordComment,
        texts.returned,
        tag,
      ],
    );
    await relance.database.query(
      `INSERT INTO debt_message_zone (workspace_id, debt_id, step_key, template_key, zones, sensitive_acknowledged, set_by)
       VALUES ($1, $2, 'd30-formal-notice', 'mise-en-demeure', $3, false, 'api-key:agent')`,
      [ws, debtId, JSON.stringify([{ name: 'note', text: texts.zone }])],
    );
    const pdf = Buffer.from(`%PDF-1.4 lettre ${tag} ${texts.zone}`);
    const [document] = await relance.database.query<{ id: string }>(
      `INSERT INTO document (workspace_id, debt_id, template_key, title, file_name, content_type, sha256, size_bytes, content, idempotency_key, zones)
       VALUES ($1, $2, 'relance-courrier', 'Lettre de relance', 'relance.pdf', 'application/pdf', $3, $4, $5, $6, $7) RETURNING id`,
      [
        ws,
        debtId,
        createHash('sha256').update(pdf).digest('hex'),
        pdf.length,
        pdf,
        `debt:${ws}:${debtId}:d10-letter:LETTER:1`,
        JSON.stringify([{ name: 'note', text: texts.zone }]),
      ],
    );
    await relance.database.query(
      `INSERT INTO outbound_message (workspace_id, debt_id, idempotency_key, step_key, channel, provider, template_key, recipient_name, recipient_address,
                                     subject, body, document_id, status, attempts, queued_at, sent_at, failed_at, last_error, tracking_number, zones) VALUES
         ($1, $2, $3 || 'LETTER:1', 'd10-letter', 'LETTER', 'PRINT_QUEUE', 'relance-courrier', 'Jeanne Martin', '1 rue des Lilas 69003 Lyon',
          'Loyer impayé', 'Madame Martin, ' || $4 || ' Reste dû : 900,00 €', $5, 'FAILED', 1, $6, $6, $6, $7, '1A00000000001', $8),
         ($1, $2, $3 || 'EMAIL:1', 'd3-email', 'EMAIL', 'CAPTURE', 'relance-courtoise', 'Jeanne Martin', 'jeanne@example.test',
          'Loyer impayé', 'Bonjour Madame Martin, ' || $4, NULL, 'SENT', 1, $6, $6, NULL, NULL, NULL, NULL)`,
      [
        ws,
        debtId,
        `debt:${ws}:${debtId}:`,
        texts.zone,
        document.id,
        at(ran, 9),
        texts.returned,
        JSON.stringify([{ name: 'note', text: texts.zone }]),
      ],
    );
    await relance.database.query(
      `INSERT INTO approval_request (workspace_id, debt_id, landlord_id, kind, step_key, action, requested_at, deadline_at, status, decided_at, decision_comment, decided_by)
       VALUES ($1, $2, $3, 'FORMAL_NOTICE', 'd30-formal-notice', 'FORMAL_NOTICE', $4, $4, 'REJECTED', $4, $5, 'session:landlord')`,
      [ws, debtId, landlordId, at(ran, 8), texts.landlordComment],
    );
    return debtId;
  }

  const secretsOf = (tag: string) => Object.values(debts[tag].texts);
  const audit = (debtId: string) =>
    relance.database.query<{ summary: string; data: { retentionMonths: number; closedOn: string; purged: Record<string, number> } }>(
      `SELECT summary, data FROM debt_event WHERE debt_id = $1 AND kind = 'DATA_ANONYMISED'`,
      [debtId],
    );

  beforeAll(async () => {
    // The API alone: debts' workflows are started but no worker runs them, so the rows hold what this spec writes.
    relance = await startTestRelance('api');
    // Past the default retention of 36 months, and within it; closed yesterday.
    await closedDebt('old', addDays(addMonths(today, -37), -3));
    await closedDebt('within', addMonths(today, -35));
    await closedDebt('yesterday', addDays(today, -1));
    // The boundary of a 12-month retention (the last test sets it): due today, and due tomorrow.
    await closedDebt('boundary', addMonths(today, -12));
    await closedDebt('tomorrow', addDays(lastClosingDayDue(today, 12), 1));
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('keeps closed debts 36 months by default, and refuses a retention outside 1 to 240 months', async () => {
    expect((await relance.ok(WorkspaceRetentionDocument)).workspace.retentionMonthsAfterClose).toBe(36);
    for (const months of [0, 241]) {
      const { errors } = await relance.graphql(SetRetentionMonthsDocument, { months });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await relance.ok(WorkspaceRetentionDocument)).workspace.retentionMonthsAfterClose).toBe(36);
  });

  it('takes an ADMIN key', async () => {
    const agent = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'agent', 'AGENT');
    const { errors } = await relance.graphql(RunDataRetentionDocument, {}, agent.key);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await audit(debts.old.id)).length).toBe(0);
  });

  it('anonymises a debt closed more than 36 months ago: every text about the tenant goes, its facts stay, one audit line says what', async () => {
    const before = await relance.ok(RetainedDebtDocument, { id: debts.old.id });
    const { runDataRetention } = await relance.ok(RunDataRetentionDocument);
    // Timeline: the six entries written above that carry text, and the scenario's choice its start wrote (it names the tenant).
    const purged = { debtFields: 3, tasks: 2, timelineEntries: 7, messageZones: 1, outboundMessages: 2, documents: 1, approvalRequests: 1 };
    expect(runDataRetention).toEqual({ debts: 1, ...purged });

    const everything = await everythingOf(debts.old.id);
    for (const secret of secretsOf('old')) expect(everything).not.toContain(secret);
    expect(everything).toContain(MARKER);

    const { debt } = await relance.ok(RetainedDebtDocument, { id: debts.old.id });
    expect(debt).toMatchObject({
      status: 'WRITTEN_OFF',
      amountCents: 90_000,
      closedAt: before.debt.closedAt,
      profileReason: null,
      scenarioReason: null,
    });
    expect(debt.profile).toBe(before.debt.profile);
    expect(Date.parse(debt.anonymisedAt!)).toBeGreaterThan(Date.parse(debt.closedAt!));
    const summaries = debt.timeline.map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Organised call: WRONG_NUMBER',
        `Landlord rejected step d30-formal-notice: ${MARKER}`,
        `Debt written off: ${MARKER}`,
        'Payment of 300,00 € recorded (TRANSFER, VIR-old)',
        'Letter to Jeanne Martin not delivered: ' + MARKER,
      ]),
    );
    expect(summaries.find((s) => s.startsWith('Paused until'))).toMatch(/^Paused until \d{4}-\d{2}-\d{2}: \[anonymisé\]$/);

    // The audit line: once, with the counts per table and no text of the tenant's.
    const [line, ...others] = await audit(debts.old.id);
    expect(others).toEqual([]);
    expect(line.data).toMatchObject({ retentionMonths: 36, purged });
    expect(line.data.closedOn).toBe(debt.closedAt && todayIn('Europe/Paris', new Date(debt.closedAt)));
    expect(debt.timeline.filter((e) => e.kind === 'DATA_ANONYMISED')).toEqual([
      { kind: 'DATA_ANONYMISED', summary: line.summary, actorKind: 'API_KEY' },
    ]);
    for (const secret of secretsOf('old')) expect(JSON.stringify(line)).not.toContain(secret);

    const [scenario] = await relance.database.query<{ summary: string; data: Record<string, unknown> }>(
      `SELECT summary, data FROM debt_event WHERE debt_id = $1 AND kind = 'SCENARIO_CHOSEN'`,
      [debts.old.id],
    );
    expect(scenario.summary).toMatch(/^Scenario .+: \[anonymisé\]$/);
    expect(scenario.data).toMatchObject({ scenarioReason: MARKER, profileReason: MARKER, scenarioVersion: expect.any(String) });

    // Kept: the zones' names, the send (who, when, status, tracking number), the PDF and its SHA-256.
    const [zones] = await relance.database.query<{ data: { zones: unknown } }>(
      `SELECT data FROM debt_event WHERE debt_id = $1 AND kind = 'MESSAGE_ZONES_SET'`,
      [debts.old.id],
    );
    expect(zones.data.zones).toEqual([{ name: 'note', text: MARKER }]);
    const [letter] = await relance.database.query<Record<string, unknown>>(
      `SELECT m.recipient_name, m.status, m.tracking_number, m.body, m.last_error, m.zones, d.sha256 = encode(sha256(d.content), 'hex') AS proof_intact, d.zones AS document_zones
       FROM outbound_message m JOIN document d ON d.id = m.document_id WHERE m.debt_id = $1`,
      [debts.old.id],
    );
    expect(letter).toEqual({
      recipient_name: 'Jeanne Martin',
      status: 'FAILED',
      tracking_number: '1A00000000001',
      body: MARKER,
      last_error: MARKER,
      zones: null,
      proof_intact: true,
      document_zones: null,
    });
    const [tasks] = await relance.database.query<{ reports: string[]; outcomes: string[] }>(
      `SELECT array_agg(report ORDER BY kind) AS reports, array_agg(outcome ORDER BY kind) AS outcomes FROM task WHERE debt_id = $1`,
      [debts.old.id],
    );
    expect(tasks).toEqual({ reports: [MARKER, null], outcomes: ['WRONG_NUMBER', null] });
  });

  it('leaves a debt within its retention untouched: closed 35 months ago, closed yesterday', async () => {
    for (const tag of ['within', 'yesterday']) {
      const everything = await everythingOf(debts[tag].id);
      for (const secret of secretsOf(tag)) expect(everything).toContain(secret);
      expect(everything).not.toContain(MARKER);
      expect(await audit(debts[tag].id)).toEqual([]);
      expect((await relance.ok(RetainedDebtDocument, { id: debts[tag].id })).debt.anonymisedAt).toBeNull();
    }
  });

  it('changes nothing on a second run', async () => {
    const rows = () =>
      relance.database.query(`SELECT id, summary, data FROM debt_event WHERE workspace_id = $1 ORDER BY id`, [relance.workspaceId]);
    const before = await rows();
    const everything = await everythingOf(debts.old.id);
    const { runDataRetention } = await relance.ok(RunDataRetentionDocument);
    expect(runDataRetention).toEqual({
      debts: 0,
      debtFields: 0,
      tasks: 0,
      timelineEntries: 0,
      messageZones: 0,
      outboundMessages: 0,
      documents: 0,
      approvalRequests: 0,
    });
    expect(await rows()).toEqual(before);
    expect(await everythingOf(debts.old.id)).toBe(everything);
  });

  it('follows the workspace’s retention to the day: due on the day the months run out, not the day before', async () => {
    expect(isDueForAnonymisation(addMonths(today, -12), 12, today)).toBe(true);
    expect(isDueForAnonymisation(addDays(lastClosingDayDue(today, 12), 1), 12, today)).toBe(false);
    expect((await relance.ok(SetRetentionMonthsDocument, { months: 12 })).updateWorkspace.retentionMonthsAfterClose).toBe(12);

    const { runDataRetention } = await relance.ok(RunDataRetentionDocument);
    // Closed 12 months ago to the day, and 35 months ago: both due now.
    expect(runDataRetention.debts).toBe(2);
    for (const tag of ['boundary', 'within']) {
      const everything = await everythingOf(debts[tag].id);
      for (const secret of secretsOf(tag)) expect(everything).not.toContain(secret);
      const [line] = await audit(debts[tag].id);
      expect(line.data.retentionMonths).toBe(12);
    }
    // Closed a day later: due tomorrow. Closed yesterday: due in a year.
    for (const tag of ['tomorrow', 'yesterday']) {
      const everything = await everythingOf(debts[tag].id);
      for (const secret of secretsOf(tag)) expect(everything).toContain(secret);
      expect(await audit(debts[tag].id)).toEqual([]);
    }
  });
});
