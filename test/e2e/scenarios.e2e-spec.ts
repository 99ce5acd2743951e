import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { createLeaseInArrears } from '../support/lease-fixture';

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


  const SAVE = `mutation($d: ScenarioDefinitionInput!) { saveScenarioDraft(definition: $d) { key status draft { steps { key dayOffset } } versions { version } } }`;
  const gentle = {
    key: 'agence-douce',
    name: 'Relance douce de l’agence',
    steps: [
      { key: 'd5-email', dayOffset: 5, action: 'EMAIL', template: 'gentle-reminder-email' },
      { key: 'd15-letter', dayOffset: 15, action: 'LETTER', template: 'first-reminder-letter' },
      { key: 'd40-notice', dayOffset: 40, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    ],
  };

  it('lists the shipped scenarios, read-only', async () => {
    const { scenarios } = await relance.ok<{ scenarios: Array<{ key: string; builtin: boolean; versions: Array<{ label: string }> }> }>(
      '{ scenarios { key builtin versions { label } } }',
    );
    expect(scenarios.filter((s) => s.builtin).map((s) => s.key).sort()).toEqual(['chronic-firm', 'gli-d40', 'one-off-gentle', 'precarious-social', 'standard']);
    expect(scenarios.find((s) => s.key === 'standard')!.versions).toEqual([{ label: 'standard@builtin-2' }]);
    const archive = await relance.graphql('mutation { archiveScenario(key: "standard") { key } }');
    expect(archive.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
  });

  it('refuses an invalid definition with every problem, and saves nothing', async () => {
    const invalid = {
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
    for (const part of ['steps[1].dayOffset', 'loi 89-462', 'steps[2].requiresLandlordApproval', 'unknown template']) expect(message).toContain(part);
    expect((await relance.graphql('{ scenario(key: "bad-one") { key } }')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('publishes immutable numbered versions from a draft, and archives', async () => {
    expect((await relance.ok<{ saveScenarioDraft: { status: string } }>(SAVE, { d: gentle })).saveScenarioDraft.status).toBe('DRAFT');
    const v1 = await relance.ok<{ publishScenario: { version: number; label: string } }>('mutation { publishScenario(key: "agence-douce") { version label } }');
    expect(v1.publishScenario).toEqual({ version: 1, label: 'agence-douce@1' });
    const noDraft = await relance.graphql('mutation { publishScenario(key: "agence-douce") { version } }');
    expect(noDraft.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });

    const edited = { ...gentle, steps: gentle.steps.map((s) => (s.key === 'd15-letter' ? { ...s, dayOffset: 12 } : s)) };
    await relance.ok(SAVE, { d: edited });
    await relance.ok('mutation { publishScenario(key: "agence-douce") { version } }');
    const { scenario } = await relance.ok<{ scenario: { status: string; draft: unknown; versions: Array<{ version: number; definition: { steps: Array<{ dayOffset: number }> } }> } }>(
      '{ scenario(key: "agence-douce") { status draft { key } versions { version definition { steps { dayOffset } } } } }',
    );
    expect(scenario.status).toBe('PUBLISHED');
    expect(scenario.draft).toBeNull();
    expect(scenario.versions.map((v) => [v.version, v.definition.steps.map((s) => s.dayOffset)])).toEqual([
      [1, [5, 15, 40]],
      [2, [5, 12, 40]],
    ]);
  });

  it('exports and imports YAML and JSON, all or nothing', async () => {
    const { exportScenario: yaml } = await relance.ok<{ exportScenario: string }>('{ exportScenario(key: "agence-douce", version: 1, format: YAML) }');
    expect(yaml).toContain('key: agence-douce');
    expect(yaml).toContain('dayOffset: 15');
    const copy = yaml.replace('key: agence-douce', 'key: agence-douce-copie');
    const imported = await relance.ok<{ importScenarios: Array<{ key: string; status: string }> }>(
      'mutation($t: String!) { importScenarios(format: YAML, text: $t) { key status } }',
      { t: copy },
    );
    expect(imported.importScenarios).toEqual([{ key: 'agence-douce-copie', status: 'DRAFT' }]);
    const { exportScenario: json } = await relance.ok<{ exportScenario: string }>('{ exportScenario(key: "agence-douce-copie", draft: true, format: JSON) }');
    const { exportScenario: original } = await relance.ok<{ exportScenario: string }>('{ exportScenario(key: "agence-douce", version: 1, format: JSON) }');
    expect({ ...JSON.parse(json), key: 'agence-douce' }).toEqual(JSON.parse(original));

    const mixed = JSON.stringify({ scenarios: [{ ...gentle, key: 'lot-ok' }, { ...gentle, key: 'lot-ko', steps: [{ key: 'x', dayOffset: 'soon', action: 'SMS' }] }] });
    const refused = await relance.graphql('mutation($t: String!) { importScenarios(format: JSON, text: $t) { key } }', { t: mixed });
    expect(refused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'scenarios[1].steps[0].dayOffset' });
    expect((await relance.graphql('{ scenario(key: "lot-ok") { key } }')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const notYaml = await relance.graphql('mutation { importScenarios(format: YAML, text: "key: [unclosed") { key } }');
    expect(notYaml.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  it('gives new debts their scenario by override, then rules, then the default; archive retires it', async () => {
    const landlord = (await relance.ok<{ createLandlord: { id: string } }>(`mutation { createLandlord(data: { kind: LEGAL_ENTITY, companyName: "SCI Règles" }) { id } }`)).createLandlord.id;
    const property = (await relance.ok<{ createProperty: { id: string } }>(`mutation { createProperty(data: { name: "Règles" }) { id } }`)).createProperty.id;
    const lease = async (reference: string, kind: string, scenarioOverride?: string) => {
      const unit = (await relance.ok<{ createUnit: { id: string } }>(`mutation($p: ID!, $l: String!) { createUnit(data: { propertyId: $p, label: $l }) { id } }`, { p: property, l: reference })).createUnit.id;
      const id = (
        await relance.ok<{ createLease: { id: string } }>(`mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }`, {
          d: { reference, unitId: unit, landlordId: landlord, kind, signedOn: '2025-01-01', startsOn: '2025-01-01', monthlyRentCents: 90_000, scenarioOverride },
        })
      ).createLease.id;
      await relance.ok(`mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }`, {
        d: [{ leaseId: id, period: '2026-05', dueDate: addDays(todayIn(), -8), rentCents: 90_000, chargesCents: 0 }],
      });
      return id;
    };
    const unknownScenario = await relance.graphql('mutation { setScenarioAssignmentRules(rules: [{ scenarioKey: "nope" }]) { scenarioKey } }');
    expect(unknownScenario.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rules[0].scenarioKey' });
    await relance.ok(`mutation($l: ID!) { setScenarioAssignmentRules(rules: [{ scenarioKey: "agence-douce", leaseKind: COMMERCIAL, landlordId: $l }]) { scenarioKey } }`, { l: landlord });

    const commercial = await lease('R-COM', 'COMMERCIAL');
    const residential = await lease('R-RES', 'RESIDENTIAL_UNFURNISHED');
    const overridden = await lease('R-OVR', 'COMMERCIAL', 'chronic-firm');
    const { runArrearsDetection: debts } = await relance.ok<{ runArrearsDetection: Array<{ leaseId: string; scenarioVersion: string }> }>(
      'mutation { runArrearsDetection { leaseId scenarioVersion } }',
    );
    const versionOf = (leaseId: string) => debts.find((d) => d.leaseId === leaseId)?.scenarioVersion;
    expect(versionOf(commercial)).toBe('agence-douce@2');
    expect(versionOf(residential)).toBe('standard@builtin-2');
    expect(versionOf(overridden)).toBe('chronic-firm@builtin-2');

    const inUse = await relance.graphql('mutation { archiveScenario(key: "agence-douce") { status } }');
    expect(inUse.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
    await relance.ok('mutation { setScenarioAssignmentRules(rules: []) { scenarioKey } }');
    expect((await relance.ok<{ archiveScenario: { status: string } }>('mutation { archiveScenario(key: "agence-douce") { status } }')).archiveScenario.status).toBe('ARCHIVED');
    const archivedRule = await relance.graphql('mutation { setScenarioAssignmentRules(rules: [{ scenarioKey: "agence-douce" }]) { scenarioKey } }');
    expect(archivedRule.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rules[0].scenarioKey' });

    // The simulator on that real lease (its debt under way): a payment in full on day 12 closes it after the letter.
    // The simulation starts from now: its D+3 SMS waits for the contact calendar (at the
    // latest 9:00 three days on, after a Saturday evening before Whit Monday), which a
    // due date 8 days back keeps before the day-12 payment below on every day of the year.
    const anchor = addDays(todayIn(), -8);
    const { simulateScenario: events } = await relance.ok<{ simulateScenario: Array<{ kind: string; stepKey: string | null; reason: string | null }> }>(
      `query($l: ID!, $p: [SimulatedPaymentInput!]) { simulateScenario(scenarioKey: "standard", leaseId: $l, payments: $p) { kind stepKey reason } }`,
      { l: residential, p: [{ date: addDays(anchor, 12), amountCents: 90_000 }] },
    );
    expect(events[events.length - 1]).toMatchObject({ kind: 'CLOSE', reason: 'PAID' });
    // From now: the steps the debt's workflow has already carried out are DONE, the others still to RUN.
    expect(events.filter((e) => e.kind === 'RUN' || e.kind === 'DONE').map((e) => e.stepKey).sort()).toEqual(['d10-letter', 'd3-email', 'd3-sms']);
    expect(events.filter((e) => e.kind === 'RUN').map((e) => e.stepKey)).toContain('d10-letter');
  });

  it('previews a definition not saved yet, and lets only admins edit', async () => {
    const { simulateScenario: events } = await relance.ok<{ simulateScenario: Array<{ at: string; stepKey: string | null; needsApproval: boolean; kind: string }> }>(
      `query($d: ScenarioDefinitionInput!) { simulateScenario(definition: $d, debt: { anchor: "2026-03-02", balanceCents: 80000 }) { at kind stepKey needsApproval } }`,
      { d: gentle },
    );
    expect(events).toEqual([
      { at: '2026-03-07T08:00:00.000Z', kind: 'RUN', stepKey: 'd5-email', needsApproval: false },
      { at: '2026-03-17T08:00:00.000Z', kind: 'RUN', stepKey: 'd15-letter', needsApproval: false },
      { at: '2026-04-11T07:00:00.000Z', kind: 'RUN', stepKey: 'd40-notice', needsApproval: true },
      { at: '2026-04-11T07:00:00.000Z', kind: 'FINISHED', stepKey: null, needsApproval: false },
    ]);
    const both = await relance.graphql('{ simulateScenario(scenarioKey: "standard", debt: { anchor: "2026-03-02", balanceCents: 1 }, leaseId: "x") { kind } }');
    expect(both.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'leaseId' });

    const agent = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'agent', 'AGENT');
    const refused = await relance.graphql(SAVE, { d: { ...gentle, key: 'by-agent' } }, agent.key);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const allowed = await relance.graphql('{ simulateScenario(scenarioKey: "standard", debt: { anchor: "2026-03-02", balanceCents: 50000 }) { kind } }', {}, agent.key);
    expect(allowed.errors).toBeUndefined();
  });
  it("warns an admin when a scenario hands off after the insurer's claim deadline of leases that would get it", async () => {
    const warnings = async () =>
      (await relance.ok<{ scenario: { warnings: string[] } }>('{ scenario(key: "standard") { warnings } }')).scenario.warnings;
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'R-GLI', dueDaysAgo: 1 });
    await relance.ok('mutation($id: ID!) { updateLease(id: $id, data: { gliClaimDeadlineDays: 40 }) { id } }', { id: leaseId });
    // By default a guaranteed lease gets the GLI scenario, which meets the deadline.
    expect(await warnings()).toEqual([]);
    await relance.ok('mutation { setScenarioAssignmentRules(rules: [{ scenarioKey: "standard", hasRentGuarantee: true }]) { scenarioKey } }');
    expect(await warnings()).toEqual([expect.stringMatching(/^d45-handoff \(D\+45\) falls after the D\+40 insurer claim deadline of 1 lease\(s\): R-GLI$/)]);
    await relance.ok('mutation { setScenarioAssignmentRules(rules: []) { scenarioKey } }');
  });
});
