import { CHRONIC_SCENARIO, GLI_SCENARIO, ONE_OFF_SCENARIO, PRECARIOUS_SCENARIO, STANDARD_SCENARIO } from './default-scenarios';
import { LeaseKind, TenantProfile } from './scenario';

export interface AssignmentFacts {
  /** The lease's scenario override, if any (a scenario key). */
  scenarioOverride: string | null;
  /** The effective profile of the lease's tenants (override first, worst of them). */
  profile: TenantProfile;
  leaseKind: LeaseKind;
  landlordId: string;
  /** The lease has rent-guarantee insurance with this claim deadline (days). */
  gliClaimDeadlineDays: number | null;
}

/** An admin's rule: debts matching every criterion set get `scenarioKey`. */
export interface AssignmentRule {
  scenarioKey: string;
  leaseKind?: LeaseKind | null;
  profile?: TenantProfile | null;
  landlordId?: string | null;
  /** true: only leases with rent-guarantee insurance; false: only those without. */
  hasRentGuarantee?: boolean | null;
}

export function ruleMatches(rule: AssignmentRule, facts: AssignmentFacts): boolean {
  return (
    (rule.leaseKind == null || rule.leaseKind === facts.leaseKind) &&
    (rule.profile == null || rule.profile === facts.profile) &&
    (rule.landlordId == null || rule.landlordId === facts.landlordId) &&
    (rule.hasRentGuarantee == null || rule.hasRentGuarantee === (facts.gliClaimDeadlineDays !== null))
  );
}

/**
 * Which scenario key a new debt follows: the lease's override wins; then the workspace's
 * first matching rule; then the shipped default — a vulnerable (PRECARIOUS) tenant gets the
 * social path, a GLI lease the insurer-compliant scenario, otherwise the tenant's profile
 * decides (one-off: gentle, chronic: firm, unknown: standard).
 */
export function chooseScenarioKey(facts: AssignmentFacts, rules: readonly AssignmentRule[] = []): string {
  if (facts.scenarioOverride) return facts.scenarioOverride;
  const rule = rules.find((r) => ruleMatches(r, facts));
  if (rule) return rule.scenarioKey;
  if (facts.profile === 'PRECARIOUS') return PRECARIOUS_SCENARIO.key;
  if (facts.gliClaimDeadlineDays !== null) return GLI_SCENARIO.key;
  if (facts.profile === 'CHRONIC') return CHRONIC_SCENARIO.key;
  if (facts.profile === 'ONE_OFF') return ONE_OFF_SCENARIO.key;
  return STANDARD_SCENARIO.key;
}

/** The worst of several tenants' profiles: precarious, then chronic, one-off, unknown. */
export function worstProfile(profiles: TenantProfile[]): TenantProfile {
  for (const p of ['PRECARIOUS', 'CHRONIC', 'ONE_OFF'] as const) if (profiles.includes(p)) return p;
  return 'UNKNOWN';
}
