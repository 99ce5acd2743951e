import { CHRONIC_SCENARIO, GLI_SCENARIO, ONE_OFF_SCENARIO, PRECARIOUS_SCENARIO, STANDARD_SCENARIO } from './default-scenarios';
import { LeaseKind, TenantProfile } from './scenario';
import { ruleReachesPrecarious } from './social-path';

export interface AssignmentFacts {
  /** The lease's scenario override, if any (a scenario key). */
  scenarioOverride: string | null;
  /** The role of the key that set the override: only an ADMIN's takes a precarious tenant off the social path. */
  scenarioOverrideSetByRole?: string | null;
  /** Why the override was set, as its author wrote it. */
  scenarioOverrideReason?: string | null;
  /** The debt's profile (src/domain/tenant-profile.ts: the worst of the lease's tenants). */
  profile: TenantProfile;
  /** Why the debt has that profile ("tenant Dupont: 2 earlier debts in 12 months"). */
  profileReason?: string;
  /** A tenant of the lease is vulnerable: assignment rules never apply. */
  vulnerable?: boolean;
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

/**
 * Whether a rule applies to a debt: every criterion it sets matches. A rule without a
 * profile criterion does not reach a precarious tenant (they keep the social path), and no
 * rule reaches a vulnerable one.
 */
export function ruleMatches(rule: AssignmentRule, facts: AssignmentFacts): boolean {
  if (facts.vulnerable) return false;
  return (
    (facts.profile === 'PRECARIOUS' ? ruleReachesPrecarious(rule) : rule.profile == null || rule.profile === facts.profile) &&
    (rule.leaseKind == null || rule.leaseKind === facts.leaseKind) &&
    (rule.landlordId == null || rule.landlordId === facts.landlordId) &&
    (rule.hasRentGuarantee == null || rule.hasRentGuarantee === (facts.gliClaimDeadlineDays !== null))
  );
}

/** Why a debt got its scenario, and from where. */
export interface ScenarioChoice {
  key: string;
  source: 'OVERRIDE' | 'RULE' | 'DEFAULT';
  /** "tenant Dupont is vulnerable → precarious-social", "assignment rule 2 (lease kind COMMERCIAL) → agence-douce". */
  reason: string;
}

function describeRule(rule: AssignmentRule, index: number): string {
  const criteria = [
    rule.profile != null && `profile ${rule.profile}`,
    rule.leaseKind != null && `lease kind ${rule.leaseKind}`,
    rule.landlordId != null && `landlord ${rule.landlordId}`,
    rule.hasRentGuarantee != null && (rule.hasRentGuarantee ? 'with rent-guarantee insurance' : 'without rent-guarantee insurance'),
  ].filter(Boolean);
  return `assignment rule ${index + 1}${criteria.length > 0 ? ` (${criteria.join(', ')})` : ''}`;
}

/**
 * Which scenario key a new debt follows, and why. For a precarious tenant (PRECARIOUS, or
 * vulnerable) only a lease override set by an ADMIN key leaves the social path; then a rule
 * for PRECARIOUS tenants (never for a vulnerable one); else `precarious-social`. For anyone
 * else: the lease's override; then the workspace's first matching rule; then the shipped
 * default — a GLI lease the insurer-compliant scenario, otherwise the profile's (one-off:
 * gentle, chronic: firm, unknown: standard).
 *
 * @example
 * chooseScenario({ scenarioOverride: null, profile: 'CHRONIC', profileReason: 'tenant Dupont: 2 earlier debts in 12 months',
 *                  leaseKind: 'RESIDENTIAL_UNFURNISHED', landlordId: 'l1', gliClaimDeadlineDays: null })
 * // { key: 'chronic-firm', source: 'DEFAULT', reason: 'tenant Dupont: 2 earlier debts in 12 months → chronic-firm' }
 */
export function chooseScenario(facts: AssignmentFacts, rules: readonly AssignmentRule[] = []): ScenarioChoice {
  const why = facts.profileReason ?? `profile ${facts.profile}`;
  const precarious = facts.profile === 'PRECARIOUS' || Boolean(facts.vulnerable);
  const notes: string[] = [];
  if (facts.scenarioOverride) {
    const role = facts.scenarioOverrideSetByRole;
    const reason = facts.scenarioOverrideReason ? ` (“${facts.scenarioOverrideReason}”)` : ' (no reason given)';
    if (!precarious || role === 'ADMIN') {
      const over = precarious ? `, although ${why}` : '';
      return {
        key: facts.scenarioOverride,
        source: 'OVERRIDE',
        reason: `lease override by ${role ?? 'an unknown key'}${reason}${over} → ${facts.scenarioOverride}`,
      };
    }
    notes.push(
      `the lease override ${facts.scenarioOverride} set by ${role ?? 'an unknown key'} does not apply: only an ADMIN's takes a precarious tenant off the social path`,
    );
  }
  const then = (choice: Omit<ScenarioChoice, 'reason'>, reason: string): ScenarioChoice => ({
    ...choice,
    reason: [reason, ...notes].join('; '),
  });
  const index = rules.findIndex((r) => ruleMatches(r, facts));
  if (index >= 0) {
    const key = rules[index].scenarioKey;
    return then({ key, source: 'RULE' }, `${describeRule(rules[index], index)}, ${why} → ${key}`);
  }
  if (precarious) return then({ key: PRECARIOUS_SCENARIO.key, source: 'DEFAULT' }, `${why} → ${PRECARIOUS_SCENARIO.key}`);
  if (facts.gliClaimDeadlineDays !== null) {
    return then(
      { key: GLI_SCENARIO.key, source: 'DEFAULT' },
      `rent-guarantee insurance (claim by D+${facts.gliClaimDeadlineDays}), ${why} → ${GLI_SCENARIO.key}`,
    );
  }
  const key =
    facts.profile === 'CHRONIC' ? CHRONIC_SCENARIO.key : facts.profile === 'ONE_OFF' ? ONE_OFF_SCENARIO.key : STANDARD_SCENARIO.key;
  return then({ key, source: 'DEFAULT' }, `${why} → ${key}`);
}

/** The key {@link chooseScenario} gives, without the reason. */
export function chooseScenarioKey(facts: AssignmentFacts, rules: readonly AssignmentRule[] = []): string {
  return chooseScenario(facts, rules).key;
}

/** The worst of several tenants' profiles: precarious, then chronic, one-off, unknown. */
export function worstProfile(profiles: TenantProfile[]): TenantProfile {
  for (const p of ['PRECARIOUS', 'CHRONIC', 'ONE_OFF'] as const) if (profiles.includes(p)) return p;
  return 'UNKNOWN';
}
