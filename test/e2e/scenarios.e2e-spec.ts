import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { createLeaseInArrears } from '../support/lease-fixture';
import {
  ArchiveScenarioDocument,
  CreateChargesDocument,
  CreateLandlordDocument,
  CreateLeaseDocument,
  CreatePropertyDocument,
  CreateUnitDocument,
  ExportScenarioDocument,
  ImportScenariosDocument,
  LeaseKind,
  PublishScenarioDocument,
  PublishScenarioWithLabelDocument,
  RunArrearsDetectionScenariosDocument,
  SaveScenarioDraftWithVersionsDocument,
  ScenarioDefinitionInput,
  ScenarioExistsDocument,
  ScenariosDocument,
  ScenarioVersionsDocument,
  ScenarioWarningsDocument,
  SetScenarioAssignmentRulesDocument,
  SimulateDefinitionDocument,
  SimulateOnLeaseWithPaymentsDocument,
  SimulateScenarioKindsDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

/**
 * Admins' scenarios through GraphQL over HTTP, on real Postgres and Temporal: drafts,
 * immutable versions, archive, JSON/YAML import and export, assignment rules as new debts
 * meet them, and the simulator.
 */
describe('scenario catalogue', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  const SAVE = SaveScenarioDraftWithVersionsDocument;
  const gentle: ScenarioDefinitionInput = {
    key: 'agence-douce',
    name: 'Relance douce de l’agence',
    steps: [
      { key: 'd5-email', dayOffset: 5, action: 'EMAIL', template: 'gentle-reminder-email' },
      { key: 'd15-letter', dayOffset: 15, action: 'LETTER', template: 'first-reminder-letter' },
      { key: 'd40-notice', dayOffset: 40, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    ],
  };

  it('lists the shipped scenarios, read-only', async () => {
    const { scenarios } = await relance.ok(ScenariosDocument);
    expect(
      scenarios
        .filter((s) => s.builtin)
        .map((s) => s.key)
        .sort(),
    ).toEqual(['chronic-firm', 'gli-d40', 'one-off-gentle', 'precarious-social', 'standard']);
    expect(scenarios.find((s) => s.key === 'standard')!.versions).toEqual([{ label: 'standard@builtin-3' }]);
    const archive = await relance.graphql(ArchiveScenarioDocument, { key: 'standard' });
    expect(archive.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
  });

  it('refuses an invalid definition with every problem, and saves nothing', async () => {
    const invalid: ScenarioDefinitionInput = {
      key: 'bad-one',
      name: 'Bad',
      steps: [
        { key: 'd10', dayOffset: 10, action: 'LETTER', template: 'no-such-template' },
        { key: 'd5', dayOffset: 5, action: 'FEE' },
        { key: 'd20', dayOffset: 20, action: 'SMS', requiresLandlordApproval: true },
      ],
    };
    const response = await relance.graphql(SAVE, { d: invalid });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'definition.steps[0].template' });
    const message = response.errors![0].message;
    for (const part of ['steps[1].dayOffset', 'loi 89-462', 'steps[2].requiresLandlordApproval', 'unknown template'])
      expect(message).toContain(part);
    expect((await relance.graphql(ScenarioExistsDocument, { key: 'bad-one' })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('publishes immutable numbered versions from a draft, and archives', async () => {
    expect((await relance.ok(SAVE, { d: gentle })).saveScenarioDraft.status).toBe('DRAFT');
    const v1 = await relance.ok(PublishScenarioWithLabelDocument, { key: 'agence-douce' });
    expect(v1.publishScenario).toEqual({ version: 1, label: 'agence-douce@1' });
    const noDraft = await relance.graphql(PublishScenarioDocument, { key: 'agence-douce' });
    expect(noDraft.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });

    const edited = { ...gentle, steps: gentle.steps.map((s) => (s.key === 'd15-letter' ? { ...s, dayOffset: 12 } : s)) };
    await relance.ok(SAVE, { d: edited });
    await relance.ok(PublishScenarioDocument, { key: 'agence-douce' });
    const { scenario } = await relance.ok(ScenarioVersionsDocument, { key: 'agence-douce' });
    expect(scenario.status).toBe('PUBLISHED');
    expect(scenario.draft).toBeNull();
    expect(scenario.versions.map((v) => [v.version, v.definition.steps.map((s) => s.dayOffset)])).toEqual([
      [1, [5, 15, 40]],
      [2, [5, 12, 40]],
    ]);
  });

  it('exports and imports YAML and JSON, all or nothing', async () => {
    const { exportScenario: yaml } = await relance.ok(ExportScenarioDocument, { key: 'agence-douce', version: 1, format: 'YAML' });
    expect(yaml).toContain('key: agence-douce');
    expect(yaml).toContain('dayOffset: 15');
    const copy = yaml.replace('key: agence-douce', 'key: agence-douce-copie');
    const imported = await relance.ok(ImportScenariosDocument, { format: 'YAML', t: copy });
    expect(imported.importScenarios).toEqual([{ key: 'agence-douce-copie', status: 'DRAFT' }]);
    const { exportScenario: json } = await relance.ok(ExportScenarioDocument, { key: 'agence-douce-copie', draft: true, format: 'JSON' });
    const { exportScenario: original } = await relance.ok(ExportScenarioDocument, { key: 'agence-douce', version: 1, format: 'JSON' });
    expect({ ...JSON.parse(json), key: 'agence-douce' }).toEqual(JSON.parse(original));

    const mixed = JSON.stringify({
      scenarios: [
        { ...gentle, key: 'lot-ok' },
        { ...gentle, key: 'lot-ko', steps: [{ key: 'x', dayOffset: 'soon', action: 'SMS' }] },
      ],
    });
    const refused = await relance.graphql(ImportScenariosDocument, { format: 'JSON', t: mixed });
    expect(refused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'scenarios[1].steps[0].dayOffset' });
    expect((await relance.graphql(ScenarioExistsDocument, { key: 'lot-ok' })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const notYaml = await relance.graphql(ImportScenariosDocument, { format: 'YAML', t: 'key: [unclosed' });
    expect(notYaml.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  it('gives new debts their scenario by override, then rules, then the default; archive retires it', async () => {
    const landlord = (await relance.ok(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: 'SCI Règles' } })).createLandlord
      .id;
    const property = (await relance.ok(CreatePropertyDocument, { d: { name: 'Règles' } })).createProperty.id;
    const lease = async (reference: string, kind: LeaseKind, scenarioOverride?: string) => {
      const unit = (await relance.ok(CreateUnitDocument, { d: { propertyId: property, label: reference } })).createUnit.id;
      const id = (
        await relance.ok(CreateLeaseDocument, {
          d: {
            reference,
            unitId: unit,
            landlordId: landlord,
            kind,
            signedOn: '2025-01-01',
            startsOn: '2025-01-01',
            monthlyRentCents: 90_000,
            scenarioOverride,
          },
        })
      ).createLease.id;
      await relance.ok(CreateChargesDocument, {
        d: [{ leaseId: id, period: '2026-05', dueDate: addDays(todayIn(), -8), rentCents: 90_000, chargesCents: 0 }],
      });
      return id;
    };
    const unknownScenario = await relance.graphql(SetScenarioAssignmentRulesDocument, { r: [{ scenarioKey: 'nope' }] });
    expect(unknownScenario.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rules[0].scenarioKey' });
    await relance.ok(SetScenarioAssignmentRulesDocument, {
      r: [{ scenarioKey: 'agence-douce', leaseKind: 'COMMERCIAL', landlordId: landlord }],
    });

    const commercial = await lease('R-COM', 'COMMERCIAL');
    const residential = await lease('R-RES', 'RESIDENTIAL_UNFURNISHED');
    const overridden = await lease('R-OVR', 'COMMERCIAL', 'chronic-firm');
    const { runArrearsDetection: debts } = await relance.ok(RunArrearsDetectionScenariosDocument);
    const versionOf = (leaseId: string) => debts.find((d) => d.leaseId === leaseId)?.scenarioVersion;
    expect(versionOf(commercial)).toBe('agence-douce@2');
    expect(versionOf(residential)).toBe('standard@builtin-3');
    expect(versionOf(overridden)).toBe('chronic-firm@builtin-3');

    const inUse = await relance.graphql(ArchiveScenarioDocument, { key: 'agence-douce' });
    expect(inUse.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
    await relance.ok(SetScenarioAssignmentRulesDocument, { r: [] });
    expect((await relance.ok(ArchiveScenarioDocument, { key: 'agence-douce' })).archiveScenario.status).toBe('ARCHIVED');
    const archivedRule = await relance.graphql(SetScenarioAssignmentRulesDocument, { r: [{ scenarioKey: 'agence-douce' }] });
    expect(archivedRule.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rules[0].scenarioKey' });

    // The simulator on that real lease (its debt under way): a payment in full on day 12 closes it after the letter.
    // The simulation starts from now: its D+3 SMS waits for the contact calendar (at the
    // latest 9:00 three days on, after a Saturday evening before Whit Monday), which a
    // due date 8 days back keeps before the day-12 payment below on every day of the year.
    const anchor = addDays(todayIn(), -8);
    const { simulateScenario: events } = await relance.ok(SimulateOnLeaseWithPaymentsDocument, {
      l: residential,
      p: [{ date: addDays(anchor, 12), amountCents: 90_000 }],
    });
    expect(events[events.length - 1]).toMatchObject({ kind: 'CLOSE', reason: 'PAID' });
    // From now: the steps the debt's workflow has already carried out are DONE, the others still to RUN.
    expect(
      events
        .filter((e) => e.kind === 'RUN' || e.kind === 'DONE')
        .map((e) => e.stepKey)
        .sort(),
    ).toEqual(['d10-letter', 'd3-email', 'd3-sms']);
    expect(events.filter((e) => e.kind === 'RUN').map((e) => e.stepKey)).toContain('d10-letter');
  });

  it('previews a definition not saved yet, and lets only admins edit', async () => {
    const { simulateScenario: events } = await relance.ok(SimulateDefinitionDocument, {
      d: gentle,
      debt: { anchor: '2026-03-02', balanceCents: 80000 },
    });
    expect(events).toEqual([
      { at: '2026-03-07T08:00:00.000Z', kind: 'RUN', stepKey: 'd5-email', needsApproval: false },
      { at: '2026-03-17T08:00:00.000Z', kind: 'RUN', stepKey: 'd15-letter', needsApproval: false },
      { at: '2026-04-11T07:00:00.000Z', kind: 'RUN', stepKey: 'd40-notice', needsApproval: true },
      { at: '2026-04-11T07:00:00.000Z', kind: 'FINISHED', stepKey: null, needsApproval: false },
    ]);
    const both = await relance.graphql(SimulateScenarioKindsDocument, {
      key: 'standard',
      debt: { anchor: '2026-03-02', balanceCents: 1 },
      leaseId: 'x',
    });
    expect(both.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'leaseId' });

    const agent = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'agent', 'AGENT');
    const refused = await relance.graphql(SAVE, { d: { ...gentle, key: 'by-agent' } }, agent.key);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const allowed = await relance.graphql(
      SimulateScenarioKindsDocument,
      { key: 'standard', debt: { anchor: '2026-03-02', balanceCents: 50000 } },
      agent.key,
    );
    expect(allowed.errors).toBeUndefined();
  });
  it("warns an admin when a scenario hands off after the insurer's claim deadline of leases that would get it", async () => {
    const warnings = async () => (await relance.ok(ScenarioWarningsDocument, { key: 'standard' })).scenario.warnings;
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'R-GLI', dueDaysAgo: 1 });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { gliClaimDeadlineDays: 40 } });
    // By default a guaranteed lease gets the GLI scenario, which meets the deadline.
    expect(await warnings()).toEqual([]);
    await relance.ok(SetScenarioAssignmentRulesDocument, { r: [{ scenarioKey: 'standard', hasRentGuarantee: true }] });
    expect(await warnings()).toEqual([
      expect.stringMatching(/^d45-handoff \(D\+45\) falls after the D\+40 insurer claim deadline of 1 lease\(s\): R-GLI$/),
    ]);
    await relance.ok(SetScenarioAssignmentRulesDocument, { r: [] });
  });
});
