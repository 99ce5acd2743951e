import { AssignmentFacts, AssignmentRule, chooseScenario, chooseScenarioKey, worstProfile } from './scenario-assignment';

describe('scenario assignment', () => {
  const facts: AssignmentFacts = {
    scenarioOverride: null,
    profile: 'UNKNOWN',
    leaseKind: 'RESIDENTIAL_UNFURNISHED',
    landlordId: 'l1',
    gliClaimDeadlineDays: null,
  };
  const vulnerable: AssignmentFacts = { ...facts, profile: 'PRECARIOUS', profileReason: 'tenant Dupont is vulnerable', vulnerable: true };

  it('falls back to the shipped scenario for the tenant and lease', () => {
    expect(chooseScenarioKey(facts)).toBe('standard');
    expect(chooseScenarioKey({ ...facts, profile: 'ONE_OFF' })).toBe('one-off-gentle');
    expect(chooseScenarioKey({ ...facts, profile: 'CHRONIC' })).toBe('chronic-firm');
    expect(chooseScenarioKey({ ...facts, gliClaimDeadlineDays: 40 })).toBe('gli-d40');
    // A precarious tenant keeps the social path even on an insured lease.
    expect(chooseScenarioKey({ ...facts, profile: 'PRECARIOUS', gliClaimDeadlineDays: 40 })).toBe('precarious-social');
  });

  it('says why', () => {
    expect(chooseScenario({ ...facts, profileReason: 'tenant Martin: no earlier debt, 3 months owed' })).toEqual({
      key: 'standard',
      source: 'DEFAULT',
      reason: 'tenant Martin: no earlier debt, 3 months owed → standard',
    });
    expect(chooseScenario(vulnerable)).toEqual({
      key: 'precarious-social',
      source: 'DEFAULT',
      reason: 'tenant Dupont is vulnerable → precarious-social',
    });
    expect(chooseScenario({ ...facts, gliClaimDeadlineDays: 40 }).reason).toBe(
      'rent-guarantee insurance (claim by D+40), profile UNKNOWN → gli-d40',
    );
    expect(chooseScenario(facts, [{ scenarioKey: 'agence', leaseKind: 'RESIDENTIAL_UNFURNISHED' }])).toEqual({
      key: 'agence',
      source: 'RULE',
      reason: 'assignment rule 1 (lease kind RESIDENTIAL_UNFURNISHED), profile UNKNOWN → agence',
    });
  });

  it('takes the first rule whose every criterion matches; the lease override wins over all', () => {
    const rules: AssignmentRule[] = [
      { scenarioKey: 'commercial', leaseKind: 'COMMERCIAL' },
      { scenarioKey: 'landlord-l1-insured', landlordId: 'l1', hasRentGuarantee: true },
      { scenarioKey: 'landlord-l1', landlordId: 'l1' },
    ];
    expect(chooseScenarioKey({ ...facts, leaseKind: 'COMMERCIAL' }, rules)).toBe('commercial');
    expect(chooseScenarioKey({ ...facts, gliClaimDeadlineDays: 30 }, rules)).toBe('landlord-l1-insured');
    expect(chooseScenarioKey(facts, rules)).toBe('landlord-l1');
    expect(chooseScenarioKey({ ...facts, landlordId: 'l2' }, rules)).toBe('standard');
    expect(chooseScenario({ ...facts, scenarioOverride: 'mine', scenarioOverrideSetByRole: 'AGENT' }, rules)).toEqual({
      key: 'mine',
      source: 'OVERRIDE',
      reason: 'lease override by AGENT (no reason given) → mine',
    });
  });

  it('keeps precarious tenants on the social path: rules without a profile do not reach them, none reaches a vulnerable one', () => {
    const anyLease: AssignmentRule[] = [{ scenarioKey: 'chronic-firm' }];
    expect(chooseScenarioKey({ ...facts, profile: 'PRECARIOUS' }, anyLease)).toBe('precarious-social');
    const forPrecarious: AssignmentRule[] = [{ scenarioKey: 'agence-sociale', profile: 'PRECARIOUS' }];
    expect(chooseScenarioKey({ ...facts, profile: 'PRECARIOUS' }, forPrecarious)).toBe('agence-sociale');
    expect(chooseScenarioKey(vulnerable, forPrecarious)).toBe('precarious-social');
  });

  it('lets only an ADMIN’s lease override take a precarious tenant off the social path, and says so', () => {
    expect(chooseScenario({ ...vulnerable, scenarioOverride: 'standard', scenarioOverrideSetByRole: 'AGENT' })).toEqual({
      key: 'precarious-social',
      source: 'DEFAULT',
      reason:
        "tenant Dupont is vulnerable → precarious-social; the lease override standard set by AGENT does not apply: only an ADMIN's takes a precarious tenant off the social path",
    });
    expect(
      chooseScenario({
        ...vulnerable,
        scenarioOverride: 'standard',
        scenarioOverrideSetByRole: 'ADMIN',
        scenarioOverrideReason: 'accord du travailleur social',
      }),
    ).toEqual({
      key: 'standard',
      source: 'OVERRIDE',
      reason: 'lease override by ADMIN (“accord du travailleur social”), although tenant Dupont is vulnerable → standard',
    });
    // An override from before roles were recorded is not an ADMIN's.
    expect(chooseScenarioKey({ ...vulnerable, scenarioOverride: 'standard' })).toBe('precarious-social');
  });

  it('takes the worst of several tenants', () => {
    expect(worstProfile(['ONE_OFF', 'CHRONIC'])).toBe('CHRONIC');
    expect(worstProfile([])).toBe('UNKNOWN');
  });
});
