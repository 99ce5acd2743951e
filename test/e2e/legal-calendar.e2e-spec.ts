import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { parisTime } from '../../src/domain/french-calendar';
import { spellDate } from '../../src/messaging/templates/letter-context';
import { commandementExpiresOn, guarantorIncidentDeadline, LEGAL_TASK_HOUR, winterTruce } from '../../src/domain/legal-rules';
import { eventually } from '../support/eventually';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';

const CALENDAR = `query($id: String!) { debts(filter: { id: { eq: $id } }) { edges { node { id legalCalendar {
  asOf winterTruce { active startsOn endsOn source }
  commandement { delay source servedOn expiresOn guarantorCopyBy guarantorCopyOn }
  assignation { earliestOn waitingFor ccapexRequired ccapexReferredOn }
  guarantor { informRequired informBy informedOn }
  caf { applies thresholdCents constitutedOn reportBy reportedOn }
  gli { insurer claimBy latestClaimOn askApprovalBy approvalWaived feasible documentsRequired }
  deadlines { key rule triggerOn dueOn title source }
  warnings } } } } }`;

const RECORD = `mutation($d: ID!, $m: LegalMilestone!, $on: String!, $note: String) {
  recordLegalMilestone(debtId: $d, milestone: $m, on: $on, note: $note) { id } }`;

interface Calendar {
  asOf: string;
  winterTruce: { active: boolean; startsOn: string; endsOn: string };
  commandement: { delay: string; servedOn: string | null; expiresOn: string | null; guarantorCopyBy: string | null };
  assignation: { earliestOn: string | null; waitingFor: string[]; ccapexRequired: boolean; ccapexReferredOn: string | null };
  guarantor: { informRequired: boolean; informBy: string | null; informedOn?: string | null };
  caf: { applies: boolean; thresholdCents: number; constitutedOn: string | null; reportBy: string | null };
  gli: { claimBy: string; latestClaimOn: string; askApprovalBy: string | null; feasible: boolean; documentsRequired: string[] } | null;
  deadlines: Array<{ key: string; rule: string; triggerOn: string; dueOn: string; title: string }>;
  warnings: string[];
}

/**
 * A debt's legal calendar and the milestones agents record, through GraphQL over HTTP
 * against the real Postgres and Temporal dev server: the rules of src/domain/legal-rules.ts
 * applied to a lease's real facts, and a commandement served opening the guarantor's
 * 15-day task in the agents' list.
 */
describe('legal calendar and milestones', () => {
  let relance: TestRelance;
  let debtId: string;
  let leaseId: string;
  let anchor: string;

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    // A legal-entity landlord (not a family SCI), a natural-person guarantor, housing benefit paid to the landlord, a GLI contract.
    ({ leaseId } = await createLeaseInArrears(relance, { reference: 'LEGAL-1', dueDaysAgo: 8 }));
    anchor = addDays(todayIn(), -8);
    const { createTenant } = await relance.ok<{ createTenant: { id: string } }>(
      'mutation { createTenant(data: { firstName: "Jean", lastName: "Martin" }) { id } }',
    );
    const { createGuarantor } = await relance.ok<{ createGuarantor: { id: string } }>(
      'mutation { createGuarantor(data: { firstName: "Paul", lastName: "Garant" }) { id } }',
    );
    await relance.ok(
      'mutation($l: ID!, $t: ID!, $g: ID!) { setLeaseParties(leaseId: $l, data: { tenantIds: [$t], guarantorIds: [$g] }) { id } }',
      {
        l: leaseId,
        t: createTenant.id,
        g: createGuarantor.id,
      },
    );
    await relance.ok('mutation($id: ID!, $d: UpdateLeaseInput!) { updateLease(id: $id, data: $d) { id } }', {
      id: leaseId,
      d: {
        housingBenefitToLandlord: true,
        housingBenefitCents: 50_000,
        gliInsurer: 'Assur-Loyer',
        gliClaimDeadlineDays: 30,
        gliDocumentsRequired: ['bail signé', 'décompte'],
      },
    });
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
  });
  afterAll(async () => {
    await relance?.stop();
  });

  const calendar = async () =>
    (await relance.ok<{ debts: { edges: Array<{ node: { legalCalendar: Calendar } }> } }>(CALENDAR, { id: debtId })).debts.edges[0].node
      .legalCalendar;

  it('shows every date the rules set on the debt as of today', async () => {
    const today = todayIn();
    const c = await calendar();
    expect(c.asOf).toBe(today);
    expect(c.winterTruce).toMatchObject(winterTruce(today));
    // Signed 2025-01-01: six weeks after a commandement; none served yet.
    expect(c.commandement).toMatchObject({ delay: 'SIX_WEEKS', servedOn: null, expiresOn: null, guarantorCopyBy: null });
    expect(c.assignation).toMatchObject({ earliestOn: null, ccapexRequired: true, ccapexReferredOn: null });
    expect(c.assignation.waitingFor).toEqual(['the commandement de payer to be served', 'the referral to the CCAPEX']);
    expect(c.guarantor).toEqual({ informRequired: true, informBy: guarantorIncidentDeadline(anchor).informBy, informedOn: null });
    // 900 € rent, 500 € benefit: twice 400 € net; the 900 € owed reached it the day after the due date.
    expect(c.caf).toMatchObject({ applies: true, thresholdCents: 80_000, constitutedOn: addDays(anchor, 1) });
    expect(c.gli).toMatchObject({ claimBy: addDays(anchor, 30), latestClaimOn: addDays(anchor, 28), feasible: true });
    expect(c.gli!.documentsRequired).toEqual(['bail signé', 'décompte']);
    expect(c.deadlines.map((d) => d.rule)).toEqual(
      expect.arrayContaining(['GUARANTOR_FIRST_INCIDENT', 'CAF_REPORT', 'GLI_CLAIM', 'PRESCRIPTION']),
    );
    // The CAF report is due now (constituted a week ago): a warning on the debt, and its task in the agents' list.
    expect(c.warnings.some((w) => w.includes('Report the non-payment to the CAF or MSA'))).toBe(true);
    await eventually(
      () => tasksOf(debtId),
      (tasks) => tasks.some((t) => t.title.startsWith('Report the non-payment to the CAF or MSA')),
      'the CAF report task',
    );
  });

  it('shows the deadlines that open while the scenario runs in the lease’s simulated calendar, on their day', async () => {
    const c = await calendar();
    const { simulateScenario: events } = await relance.ok<{
      simulateScenario: Array<{ at: string; kind: string; stepKey: string | null; reason: string | null; dueOn: string | null }>;
    }>('query($l: ID!) { simulateScenario(scenarioKey: "standard", leaseId: $l) { at kind stepKey reason dueOn } }', { l: leaseId });
    const end = events.find((e) => e.kind === 'CLOSE' || e.kind === 'FINISHED')!;
    const within = c.deadlines.filter((d) => parisTime(d.triggerOn, LEGAL_TASK_HOUR).toISOString() <= end.at);
    // The GLI claim's deadline (day 28) falls within the standard scenario's days.
    expect(within.map((d) => d.rule)).toContain('GLI_CLAIM');
    const legal = events.filter((e) => e.kind === 'LEGAL');
    expect(legal.map((e) => e.stepKey).sort()).toEqual(within.map((d) => `legal:${d.key}`).sort());
    for (const d of within) {
      expect(legal.find((e) => e.stepKey === `legal:${d.key}`)).toEqual({
        at: parisTime(d.triggerOn, LEGAL_TASK_HOUR).toISOString(),
        kind: 'LEGAL',
        stepKey: `legal:${d.key}`,
        reason: d.title,
        dueOn: d.dueOn,
      });
    }
    // In time order with the steps.
    const times = events.filter((e) => e.kind !== 'DONE').map((e) => e.at);
    expect(times).toEqual([...times].sort());
  });

  async function tasksOf(id: string) {
    const { tasks } = await relance.ok<{ tasks: { edges: Array<{ node: { title: string; dueAt: string } }> } }>(
      'query($id: String!) { tasks(filter: { debtId: { eq: $id } }, first: 50) { edges { node { title dueAt } } } }',
      { id },
    );
    return tasks.edges.map((e) => e.node);
  }

  it('refuses a milestone with a bad date, before the debt or in the future, and changes nothing', async () => {
    const future = await relance.graphql(RECORD, { d: debtId, m: 'COMMANDEMENT_SERVED', on: addDays(todayIn(), 1) });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const early = await relance.graphql(RECORD, { d: debtId, m: 'COMMANDEMENT_SERVED', on: addDays(anchor, -1) });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const malformed = await relance.graphql(RECORD, { d: debtId, m: 'COMMANDEMENT_SERVED', on: '2026-02-30' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const stepOnly = await relance.graphql(RECORD, { d: debtId, m: 'INSURER_CLAIM_PREPARED', on: todayIn() });
    expect(stepOnly.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'milestone' });
    const unknown = await relance.graphql(RECORD, { d: '00000000-0000-4000-8000-000000000000', m: 'CAF_REPORTED', on: todayIn() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await calendar()).commandement.servedOn).toBeNull();
  });

  it('counts from a commandement served yesterday: its delay, the guarantor’s 15 days as a task, the CCAPEX still to refer', async () => {
    // Served yesterday: its deadlines' day has come, at any hour (one recorded today opens its tasks at 9:00 Paris).
    const servedOn = addDays(todayIn(), -1);
    await relance.ok(RECORD, { d: debtId, m: 'COMMANDEMENT_SERVED', on: servedOn, note: 'Me Dupont, commissaire de justice' });
    const c = await calendar();
    const expiresOn = commandementExpiresOn({ kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2025-01-01' }, servedOn)!;
    expect(c.commandement).toMatchObject({ servedOn: servedOn, expiresOn, guarantorCopyBy: addDays(servedOn, 15) });
    expect(c.assignation).toMatchObject({ earliestOn: null, waitingFor: ['the referral to the CCAPEX'] });
    await eventually(
      async () => (await tasksOf(debtId)).map((t) => t.title),
      (titles) =>
        titles.includes(`Have the commandement de payer served on the guarantor by ${addDays(servedOn, 15)}`) &&
        titles.includes('Refer the debt to the CCAPEX before any assignation'),
      'the guarantor’s and the CCAPEX tasks',
    );

    await relance.ok(RECORD, { d: debtId, m: 'CCAPEX_REFERRED', on: servedOn });
    const referred = await calendar();
    expect(referred.assignation.ccapexReferredOn).toBe(servedOn);
    expect(referred.assignation.earliestOn).not.toBeNull();
    expect(referred.assignation.earliestOn! > expiresOn).toBe(true);
    expect(referred.deadlines.map((d) => d.rule)).not.toContain('CCAPEX_REFERRAL');
    const { debts } = await relance.ok<{ debts: { edges: Array<{ node: { timeline: Array<{ kind: string; summary: string }> } }> } }>(
      'query($id: String!) { debts(filter: { id: { eq: $id } }) { edges { node { timeline { kind summary } } } } }',
      { id: debtId },
    );
    expect(debts.edges[0].node.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'LEGAL_MILESTONE',
          summary: `Commandement de payer served on the tenant on ${servedOn}: Me Dupont, commissaire de justice`,
        }),
        expect.objectContaining({ kind: 'LEGAL_DEADLINE' }),
      ]),
    );

    // The litigation file states the same dates, in words, in the reader's language.
    const preview = async (locale: 'fr' | 'en') =>
      (
        await relance.ok<{ previewTemplate: { text: string } }>(
          'query($d: ID!, $l: Locale) { previewTemplate(debtId: $d, key: "litigation-file", locale: $l) { text } }',
          { d: debtId, l: locale },
        )
      ).previewTemplate.text;
    const fr = await preview('fr');
    expect(fr).toContain(
      `Commandement de payer signifié le ${spellDate(servedOn, 'fr')} ; délai pour payer (six semaines) jusqu’au ${spellDate(expiresOn, 'fr')} inclus.`,
    );
    expect(fr).toContain(`Assignation possible à partir du ${spellDate(referred.assignation.earliestOn!, 'fr')}.`);
    expect(fr).toContain(`CCAPEX saisie le ${spellDate(servedOn, 'fr')} (loi 89-462 art. 24 II).`);
    const truce = winterTruce(todayIn());
    expect(fr).toContain(
      truce.active
        ? `Trêve hivernale en cours jusqu’au ${spellDate(truce.endsOn, 'fr')}`
        : `Prochaine trêve hivernale du ${spellDate(truce.startsOn, 'fr')}`,
    );
    expect(await preview('en')).toContain(`Assignation possible from ${spellDate(referred.assignation.earliestOn!, 'en')}.`);
  });

  it('counts a guarantor notice step as informing the guarantor only once its letter went out, on that day', async () => {
    // The step as the workflow's activity writes it, with no letter (say the guarantor had no address): not informed.
    const at = parisTime(addDays(todayIn(), -2), 10).toISOString();
    await relance.database.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key)
       VALUES ($1, $2, 'ACTION_GUARANTOR_NOTICE', $3, 'WORKFLOW', 'wf', 'GUARANTOR_NOTICE (d5-guarantor) carried out', '{"stepKey":"d5-guarantor"}', 'spec:d5-guarantor')`,
      [relance.workspaceId, debtId, at],
    );
    expect((await calendar()).guarantor.informedOn).toBeNull();
    // Its registered letter sent the next day: informed on that day.
    const sentOn = addDays(todayIn(), -1);
    await relance.database.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key)
       VALUES ($1, $2, 'MESSAGE_SENT', $3, 'WORKFLOW', 'wf', 'Registered letter to Paul Garant sent (PRINT_QUEUE)',
               '{"stepKey":"d5-guarantor","channel":"REGISTERED_LETTER"}', 'spec:d5-guarantor:sent')`,
      [relance.workspaceId, debtId, parisTime(sentOn, 11).toISOString()],
    );
    const informed = await calendar();
    expect(informed.guarantor.informedOn).toBe(sentOn);
    expect(informed.deadlines.map((d) => d.rule)).not.toContain('GUARANTOR_FIRST_INCIDENT');
  });
});
