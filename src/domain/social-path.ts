import { PRECARIOUS_SCENARIO } from './default-scenarios';
import { ActionKind, ScenarioDefinition, ScenarioProblem, TenantProfile } from './scenario';

/**
 * The guard rail of the social path (DESIGN §4, "no fast escalation"): a tenant in a
 * fragile situation (PRECARIOUS, or vulnerable) never gets a formal notice or a hand-off
 * sooner than the shipped precarious scenario gives them — D+45 and D+75. Checked when an
 * admin saves what could reach such a tenant: an assignment rule for PRECARIOUS tenants, or
 * a scenario published under a key such a rule (or the social path itself) uses. A lease
 * override set by an ADMIN is the one explicit way around it, recorded with its reason.
 */

/** Hand-offs: the file leaves the agency for a litigation partner or an insurer. */
const HANDOFFS: readonly ActionKind[] = ['LITIGATION_HANDOFF', 'INSURER_CLAIM'];

export interface SocialPathLimits {
  /** No formal notice before this day. */
  formalNoticeDay: number;
  /** No litigation hand-off or insurer claim before this day. */
  handoffDay: number;
}

function firstDay(definition: ScenarioDefinition, actions: readonly ActionKind[]): number {
  return Math.min(...definition.steps.filter((s) => actions.includes(s.action)).map((s) => s.dayOffset));
}

/** The days of the shipped precarious scenario, read from it so the two never drift apart. */
export const SOCIAL_PATH_LIMITS: Readonly<SocialPathLimits> = {
  formalNoticeDay: firstDay(PRECARIOUS_SCENARIO, ['FORMAL_NOTICE']),
  handoffDay: firstDay(PRECARIOUS_SCENARIO, HANDOFFS),
};

/** Whether an assignment rule can give its scenario to a precarious tenant: only a rule for that profile does. */
export function ruleReachesPrecarious(rule: { profile?: TenantProfile | null }): boolean {
  return rule.profile === 'PRECARIOUS';
}

/**
 * The steps of a definition that would escalate faster than the social path for a
 * precarious tenant, as problems at `steps[i].dayOffset`; empty when it may reach them.
 * A step whose conditions exclude PRECARIOUS tenants never runs for them and does not count.
 *
 * @example
 * escalationsBeforeSocialPath(CHRONIC_SCENARIO)[0]
 * // { field: 'steps[4].dayOffset', message: 'd20-formal-notice: a formal notice at D+20, sooner than the social path's D+45' }
 */
export function escalationsBeforeSocialPath(
  definition: ScenarioDefinition,
  limits: SocialPathLimits = SOCIAL_PATH_LIMITS,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  definition.steps.forEach((step, i) => {
    if (step.conditions?.profiles && !step.conditions.profiles.includes('PRECARIOUS')) return;
    const [what, limit] =
      step.action === 'FORMAL_NOTICE'
        ? ['a formal notice', limits.formalNoticeDay]
        : HANDOFFS.includes(step.action)
          ? ['a hand-off', limits.handoffDay]
          : [null, 0];
    if (what && step.dayOffset < limit) {
      problems.push({
        field: `steps[${i}].dayOffset`,
        message: `${step.key}: ${what} at D+${step.dayOffset}, sooner than the social path's D+${limit}`,
      });
    }
  });
  return problems;
}
