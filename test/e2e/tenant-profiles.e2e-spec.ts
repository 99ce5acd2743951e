import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { addTenant } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  CreateApiKeyDocument,
  CreateChargesDocument,
  CreateLandlordDocument,
  CreateLeaseDocument,
  CreateLeaseInput,
  CreatePaymentsDocument,
  CreatePropertyDocument,
  CreateUnitDocument,
  DebtEventsOfKindDocument,
  PublishScenarioDocument,
  RunArrearsDetectionDocument,
  RunArrearsDetectionProfilesDocument,
  RunArrearsDetectionProfilesMutation,
  SaveScenarioDraftDocument,
  ScenarioAssignmentRuleInput,
  ScenarioAssignmentRulesDocument,
  ScenarioDefinitionInput,
  SetScenarioAssignmentRulesDocument,
  UpdateLeaseOverrideDocument,
  UpdateLeaseOverrideReasonDocument,
  UpdateLeaseOverrideRoleDocument,
  UpdateWorkspaceDocument,
  WorkspaceProfileThresholdsDocument,
} from './graphql/generated';

/**
 * Profiles as the seeds describe them, through GraphQL on real Postgres and Temporal: a
 * debt's profile comes from its tenants' history before it (never from itself), each debt
 * says why it got its profile and its scenario, a vulnerable tenant keeps the social path
 * unless an ADMIN's lease override says otherwise, and no rule may escalate faster than
 * that path for precarious tenants. Dates are counted back from today.
 */
describe('tenant profiles and the scenario they choose', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  const RENT = 90_000;
  const today = () => todayIn();
  /** Month k back from today: rent due 30 × k + 10 days ago (so the latest is past the grace days), its own period. */
  const month = (k: number) => {
    const [y, m] = today().split('-').map(Number);
    const index = y * 12 + (m - 1) - k;
    return { period: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, dueDate: addDays(today(), -(30 * k + 10)) };
  };

  type DebtView = RunArrearsDetectionProfilesMutation['runArrearsDetection'][number];

  /** A lease started `startedMonthsAgo` months ago with one tenant of that name. */
  async function lease(
    reference: string,
    tenant: Record<string, unknown>,
    startedMonthsAgo: number,
    extra: Partial<CreateLeaseInput> = {},
  ) {
    const landlord = (await relance.ok(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: `SCI ${reference}` } }))
      .createLandlord.id;
    const property = (await relance.ok(CreatePropertyDocument, { d: { name: reference } })).createProperty.id;
    const unit = (await relance.ok(CreateUnitDocument, { d: { propertyId: property, label: '1' } })).createUnit.id;
    const startsOn = addDays(today(), -(30 * startedMonthsAgo + 20));
    const id = (
      await relance.ok(CreateLeaseDocument, {
        d: {
          reference,
          unitId: unit,
          landlordId: landlord,
          kind: 'RESIDENTIAL_UNFURNISHED',
          signedOn: startsOn,
          startsOn,
          monthlyRentCents: RENT,
          ...extra,
        },
      })
    ).createLease.id;
    await addTenant(relance, id, tenant);
    return id;
  }

  const bill = (leaseId: string, months: number[]) =>
    relance.ok(CreateChargesDocument, {
      d: months.map((k) => ({ leaseId, ...month(k), rentCents: RENT, chargesCents: 0 })),
    });
  const pay = (leaseId: string, paidOn: string, reference: string, amountCents = RENT) =>
    relance.ok(CreatePaymentsDocument, {
      d: [{ leaseId, amountCents, paidOn, method: 'TRANSFER', bankReference: reference }],
    });

  /** Runs detection; the debt it opened on this lease. */
  async function detect(leaseId: string): Promise<DebtView> {
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionProfilesDocument);
    const debt = runArrearsDetection.find((d) => d.leaseId === leaseId);
    if (!debt) throw new Error(`no debt opened on ${leaseId}: ${JSON.stringify(runArrearsDetection)}`);
    return debt;
  }

  const SET_RULES = SetScenarioAssignmentRulesDocument;
  const setRules = (rules: ScenarioAssignmentRuleInput[]) => relance.ok(SET_RULES, { r: rules });
  const createAgentKey = async (name: string) =>
    (await relance.ok(CreateApiKeyDocument, { d: { name, role: 'AGENT' } })).createApiKey.secret;

  const timeline = async (debtId: string) =>
    (await relance.ok(DebtEventsOfKindDocument, { id: debtId, kind: 'SCENARIO_CHOSEN' })).debtEvents.edges.map((e) => e.node);

  it('gives a tenant with no history, three months behind, the standard scenario, and says why once', async () => {
    const leaseId = await lease('P-NEW', { lastName: 'Bernard' }, 3);
    await bill(leaseId, [2, 1, 0]);
    const debt = await detect(leaseId);
    expect(debt.profile).toBe('UNKNOWN');
    expect(debt.scenarioVersion).toMatch(/^standard@/);
    expect(debt.profileReason).toMatch(/^tenant Bernard: no earlier debt, no month paid on time .*3 months owed/);
    expect(debt.scenarioReason).toBe(`${debt.profileReason} → standard`);

    // Written once: a second detection run starts nothing and writes nothing again.
    await relance.ok(RunArrearsDetectionDocument);
    expect(await timeline(debt.id)).toEqual([
      { kind: 'SCENARIO_CHOSEN', summary: `Scenario ${debt.scenarioVersion}: ${debt.scenarioReason}` },
    ]);
  });

  it('calls a tenant with 8 months paid on time, then one month unpaid, a one-off late payer', async () => {
    const leaseId = await lease('P-GOOD', { lastName: 'Lefèvre' }, 8);
    await bill(leaseId, [8, 7, 6, 5, 4, 3, 2, 1, 0]);
    for (let k = 8; k >= 1; k--) await pay(leaseId, month(k).dueDate, `GOOD-${k}`);
    const debt = await detect(leaseId);
    expect(debt).toMatchObject({
      profile: 'ONE_OFF',
      profileReason: 'tenant Lefèvre: 8 months paid on time, no earlier debt, 1 month owed',
      scenarioReason: 'tenant Lefèvre: 8 months paid on time, no earlier debt, 1 month owed → one-off-gentle',
    });
    expect(debt.scenarioVersion).toMatch(/^one-off-gentle@/);
  });

  it('calls a tenant with two earlier debts chronic, the debts themselves not counting', async () => {
    const leaseId = await lease('P-LATE', { lastName: 'Moreau' }, 4);
    await bill(leaseId, [3]);
    const first = await detect(leaseId);
    // A first debt of one month, with no record before it: not a one-off yet.
    expect(first.profile).toBe('UNKNOWN');
    await pay(leaseId, today(), 'LATE-3');
    await bill(leaseId, [2]);
    const second = await detect(leaseId);
    expect(second.profileReason).toContain('1 earlier debt in 12 months');
    await pay(leaseId, today(), 'LATE-2');
    await bill(leaseId, [1]);
    const third = await detect(leaseId);
    expect(third).toMatchObject({ profile: 'CHRONIC', profileReason: 'tenant Moreau: 2 earlier debts in 12 months' });
    expect(third.scenarioReason).toBe('tenant Moreau: 2 earlier debts in 12 months → chronic-firm');
    expect(third.scenarioVersion).toMatch(/^chronic-firm@/);
  });

  it('keeps a vulnerable tenant on the social path, whatever a rule or an agent’s override says', async () => {
    const agentKey = await createAgentKey('agent');
    await setRules([{ scenarioKey: 'chronic-firm', leaseKind: 'RESIDENTIAL_UNFURNISHED' }]);
    try {
      const leaseId = await lease('P-VULN', { lastName: 'Dupont', vulnerable: true }, 8);
      const byAgent = await relance.ok(UpdateLeaseOverrideRoleDocument, { id: leaseId, d: { scenarioOverride: 'standard' } }, agentKey);
      expect(byAgent.updateLease.scenarioOverrideSetByRole).toBe('AGENT');
      await bill(leaseId, [0]);
      const debt = await detect(leaseId);
      expect(debt.profile).toBe('PRECARIOUS');
      expect(debt.profileReason).toBe('tenant Dupont is vulnerable');
      expect(debt.scenarioVersion).toMatch(/^precarious-social@/);
      expect(debt.scenarioReason).toBe(
        "tenant Dupont is vulnerable → precarious-social; the lease override standard set by AGENT does not apply: only an ADMIN's takes a precarious tenant off the social path",
      );
    } finally {
      await setRules([]);
    }
  });

  it('lets an ADMIN’s lease override, with its reason, take a vulnerable tenant off the social path, and records it', async () => {
    const leaseId = await lease('P-OVR', { lastName: 'Durand', vulnerable: true }, 8);
    const reason = 'Accord du travailleur social : relance standard';
    const { updateLease } = await relance.ok(UpdateLeaseOverrideDocument, {
      id: leaseId,
      d: { scenarioOverride: 'standard', scenarioOverrideReason: reason },
    });
    expect(updateLease).toMatchObject({ scenarioOverride: 'standard', scenarioOverrideReason: reason, scenarioOverrideSetByRole: 'ADMIN' });
    expect(updateLease.scenarioOverrideSetBy).toMatch(/^api-key:[0-9a-f-]{36}$/);
    expect(Date.parse(updateLease.scenarioOverrideSetAt!)).not.toBeNaN();
    await bill(leaseId, [0]);
    const debt = await detect(leaseId);
    expect(debt.profile).toBe('PRECARIOUS');
    expect(debt.scenarioVersion).toMatch(/^standard@/);
    expect(debt.scenarioReason).toBe(`lease override by ADMIN (“${reason}”), although tenant Durand is vulnerable → standard`);
    expect((await timeline(debt.id))[0].summary).toContain(reason);

    // A new override without a reason clears the old one: a reason always belongs to its override.
    const { updateLease: changed } = await relance.ok(UpdateLeaseOverrideReasonDocument, {
      id: leaseId,
      d: { scenarioOverride: 'one-off-gentle' },
    });
    expect(changed.scenarioOverrideReason).toBeNull();
  });

  it('refuses a rule or a scenario that would escalate faster than the social path for precarious tenants', async () => {
    const rule = await relance.graphql(SET_RULES, { r: [{ scenarioKey: 'chronic-firm', profile: 'PRECARIOUS' }] });
    expect(rule.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rules[0].scenarioKey' });
    expect(rule.errors?.[0].message).toContain("d20-formal-notice: a formal notice at D+20, sooner than the social path's D+45");
    expect((await relance.ok(ScenarioAssignmentRulesDocument)).scenarioAssignmentRules).toEqual([]);

    // A gentler social path of the agency's own may be given to precarious tenants…
    const SAVE = SaveScenarioDraftDocument;
    const social: ScenarioDefinitionInput = {
      key: 'agence-sociale',
      name: 'Parcours social de l’agence',
      steps: [
        { key: 'd10-fsl', dayOffset: 10, action: 'LETTER', template: 'fsl-information-letter' },
        { key: 'd50-notice', dayOffset: 50, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
      ],
    };
    await relance.ok(SAVE, { d: social });
    await relance.ok(PublishScenarioDocument, { key: 'agence-sociale' });
    await setRules([{ scenarioKey: 'agence-sociale', profile: 'PRECARIOUS' }]);
    try {
      // …but no faster version of it, nor of the shipped social path's key.
      await relance.ok(SAVE, { d: { ...social, steps: [social.steps[0], { ...social.steps[1], dayOffset: 30 }] } });
      const faster = await relance.graphql(PublishScenarioDocument, { key: 'agence-sociale' });
      expect(faster.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'draft.steps[1].dayOffset' });
      expect(faster.errors?.[0].message).toContain('D+30');
      await relance.ok(SAVE, {
        d: {
          ...social,
          key: 'precarious-social',
          steps: [{ key: 'd20-notice', dayOffset: 20, action: 'FORMAL_NOTICE', template: 'formal-notice' }],
        },
      });
      const ownSocialPath = await relance.graphql(PublishScenarioDocument, { key: 'precarious-social' });
      expect(ownSocialPath.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'draft.steps[0].dayOffset' });
    } finally {
      await setRules([]);
    }
  });

  it('keeps the thresholds as workspace settings an ADMIN changes, checked together', async () => {
    expect((await relance.ok(WorkspaceProfileThresholdsDocument)).workspace).toEqual({
      profileWindowMonths: 12,
      profileOneOffMinMonthsOnTime: 6,
      profileOneOffMaxArrearsPercent: 110,
      profileChronicMinEarlierDebts: 2,
      profileChronicMinMonthsLate: 3,
    });
    const outOfBounds = await relance.graphql(UpdateWorkspaceDocument, { d: { profileOneOffMaxArrearsPercent: 0 } });
    expect(outOfBounds.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data.profileOneOffMaxArrearsPercent' });
    const beyondWindow = await relance.graphql(UpdateWorkspaceDocument, { d: { profileWindowMonths: 6, profileOneOffMinMonthsOnTime: 7 } });
    expect(beyondWindow.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data.profileOneOffMinMonthsOnTime' });
    const byAgent = await relance.graphql(
      UpdateWorkspaceDocument,
      { d: { profileChronicMinEarlierDebts: 1 } },
      await createAgentKey('agent 2'),
    );
    expect(byAgent.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    await relance.ok(UpdateWorkspaceDocument, { d: { profileChronicMinEarlierDebts: 1 } });
    try {
      const leaseId = await lease('P-STRICT', { lastName: 'Garnier' }, 4);
      await bill(leaseId, [3]);
      await detect(leaseId);
      await pay(leaseId, today(), 'STRICT-3');
      await bill(leaseId, [1]);
      expect((await detect(leaseId)).profileReason).toBe('tenant Garnier: 1 earlier debt in 12 months');
    } finally {
      await relance.ok(UpdateWorkspaceDocument, { d: { profileChronicMinEarlierDebts: 2 } });
    }
  });
});
