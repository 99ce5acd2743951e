import { AssignmentFacts, AssignmentRule, chooseScenarioKey, worstProfile } from './scenario-assignment';

describe('scenario assignment', () => {
  const facts: AssignmentFacts = {
    scenarioOverride: null, profile: 'UNKNOWN', leaseKind: 'RESIDENTIAL_UNFURNISHED', landlordId: 'l1', gliClaimDeadlineDays: null,
  };

  it('falls back to the shipped scenario for the tenant and lease', () => {
    expect(chooseScenarioKey(facts)).toBe('standard');
    expect(chooseScenarioKey({ ...facts, profile: 'ONE_OFF' })).toBe('one-off-gentle');
    expect(chooseScenarioKey({ ...facts, profile: 'CHRONIC' })).toBe('chronic-firm');
    expect(chooseScenarioKey({ ...facts, gliClaimDeadlineDays: 40 })).toBe('gli-d40');
    // A vulnerable tenant keeps the social path even on an insured lease.
    expect(chooseScenarioKey({ ...facts, profile: 'PRECARIOUS', gliClaimDeadlineDays: 40 })).toBe('precarious-social');
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
    expect(chooseScenarioKey({ ...facts, scenarioOverride: 'mine' }, rules)).toBe('mine');
  });

  it('takes the worst of several tenants', () => {
    expect(worstProfile(['ONE_OFF', 'CHRONIC'])).toBe('CHRONIC');
    expect(worstProfile([])).toBe('UNKNOWN');
  });
});
