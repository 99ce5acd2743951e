import { DEFAULT_SCENARIOS, CHRONIC_SCENARIO, GLI_SCENARIO, ONE_OFF_SCENARIO, PRECARIOUS_SCENARIO, STANDARD_SCENARIO } from './default-scenarios';
import { LeaseKind, ScenarioDefinition, TenantProfile } from './scenario';

export interface AssignmentFacts {
  /** The lease's scenario override, if any (a scenario key). */
  scenarioOverride: string | null;
  /** The effective profile of the lease's tenants (override first, worst of them). */
  profile: TenantProfile;
  leaseKind: LeaseKind;
  /** The lease has rent-guarantee insurance with this claim deadline (days). */
  gliClaimDeadlineDays: number | null;
}

/**
 * Which shipped scenario a new debt follows: the lease's override wins; then a vulnerable
 * (PRECARIOUS) tenant gets the social path; a GLI lease the insurer-compliant scenario;
 * otherwise the tenant's profile decides (one-off: gentle, chronic: firm, unknown: standard).
 */
export function chooseScenario(facts: AssignmentFacts): ScenarioDefinition {
  const override = facts.scenarioOverride && DEFAULT_SCENARIOS.find((s) => s.key === facts.scenarioOverride);
  if (override) return override;
  if (facts.profile === 'PRECARIOUS') return PRECARIOUS_SCENARIO;
  if (facts.gliClaimDeadlineDays !== null) return GLI_SCENARIO;
  if (facts.profile === 'CHRONIC') return CHRONIC_SCENARIO;
  if (facts.profile === 'ONE_OFF') return ONE_OFF_SCENARIO;
  return STANDARD_SCENARIO;
}

/** The worst of several tenants' profiles: precarious, then chronic, one-off, unknown. */
export function worstProfile(profiles: TenantProfile[]): TenantProfile {
  for (const p of ['PRECARIOUS', 'CHRONIC', 'ONE_OFF'] as const) if (profiles.includes(p)) return p;
  return 'UNKNOWN';
}
