/**
 * A dunning scenario (scénario de relance) as data: ordered steps, each an action at an
 * offset, with conditions and flags (DESIGN §4). Validation here is what an admin meets
 * when saving a scenario; the same rules hold at run time.
 */

export const ACTION_KINDS = [
  'SMS',
  'EMAIL',
  'LETTER',
  'FORMAL_NOTICE',
  'CALL_TASK',
  'VISIT_TASK',
  'LANDLORD_NOTIFICATION',
  'GUARANTOR_NOTICE',
  'LITIGATION_HANDOFF',
  'INSURER_CLAIM',
  'FEE',
  'SOCIAL_REFERRAL',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Actions that reach a tenant by phone or text: they obey quiet hours and holidays. */
export const CONTACT_HOURS_ACTIONS: readonly ActionKind[] = ['SMS', 'CALL_TASK'];
/**
 * Since planner version 2, visits too: someone at the door is a contact like a call, held
 * by the same calendar and the same minimum gap.
 */
export const CONTACT_ACTIONS_V2: readonly ActionKind[] = ['SMS', 'CALL_TASK', 'VISIT_TASK'];

/** Steps that send a message to the tenant by one channel: a channel group chooses among them. */
export const MESSAGE_ACTIONS: readonly ActionKind[] = ['SMS', 'EMAIL', 'LETTER'];

/**
 * What happens to a step whose moment passed before the scenario (re)started: the debt
 * opened late, or a pause, a payment plan or a promise to pay held it. SEND: carried out
 * however late (legal steps); SKIP: never caught up; WITHIN_DAYS: carried out only if at
 * most `days` late, skipped otherwise (a "you may have forgotten" reminder three weeks
 * late would strike the wrong tone).
 */
export type CatchUpPolicy = { policy: 'SEND' } | { policy: 'SKIP' } | { policy: 'WITHIN_DAYS'; days: number };
export const CATCH_UP_POLICIES = ['SEND', 'SKIP', 'WITHIN_DAYS'] as const;

/**
 * The catch-up policy of a step that sets none: courteous messages only within a week,
 * reminder letters within two, fees never (a fee for a moment the debt was held is not
 * owed), and every human or legal step however late.
 */
export const DEFAULT_CATCH_UP: Readonly<Record<ActionKind, CatchUpPolicy>> = {
  SMS: { policy: 'WITHIN_DAYS', days: 7 },
  EMAIL: { policy: 'WITHIN_DAYS', days: 7 },
  LETTER: { policy: 'WITHIN_DAYS', days: 14 },
  FORMAL_NOTICE: { policy: 'SEND' },
  CALL_TASK: { policy: 'SEND' },
  VISIT_TASK: { policy: 'SEND' },
  LANDLORD_NOTIFICATION: { policy: 'SEND' },
  GUARANTOR_NOTICE: { policy: 'SEND' },
  LITIGATION_HANDOFF: { policy: 'SEND' },
  INSURER_CLAIM: { policy: 'SEND' },
  FEE: { policy: 'SKIP' },
  SOCIAL_REFERRAL: { policy: 'SEND' },
};

/** A step's catch-up policy: its own, or its action's default. */
export function catchUpOf(step: ScenarioStep): CatchUpPolicy {
  return step.catchUp ?? DEFAULT_CATCH_UP[step.action];
}

/**
 * The channels a tenant may prefer (`Tenant.preferredChannel`), and, for each, the message
 * actions closest to it, best first: within a channel group the step whose action comes
 * first in this list is carried out and the others are skipped. A tenant who prefers
 * letters gets the courteous reminder by letter or else by e-mail, never by SMS.
 */
export const PREFERRED_CHANNELS = ['EMAIL', 'SMS', 'POSTAL', 'PHONE'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];
/** What decides whether a tenant can be reached by the channel they prefer. */
export interface TenantContact {
  preferredChannel: string | null;
  email: string | null;
  phone: string | null;
  consentEmail: boolean;
  consentSms: boolean;
}

/**
 * A tenant's preferred channel where it can reach them (an e-mail address and consent for
 * EMAIL, a number and consent for SMS and PHONE; letters always go): otherwise none, so
 * that a message sent by several channels is not narrowed to one that cannot deliver it.
 */
export function reachablePreference(tenant: TenantContact): PreferredChannel | null {
  switch (tenant.preferredChannel) {
    case 'EMAIL':
      return tenant.email && tenant.consentEmail ? 'EMAIL' : null;
    case 'SMS':
    case 'PHONE':
      return tenant.phone && tenant.consentSms ? tenant.preferredChannel : null;
    case 'POSTAL':
      return 'POSTAL';
    default:
      return null;
  }
}

/** The preferred channel of a lease's tenants: the one they share, none when they differ or have none. */
export function sharedPreference(preferences: ReadonlyArray<string | null | undefined>): PreferredChannel | undefined {
  const known = preferences.filter((p): p is PreferredChannel => (PREFERRED_CHANNELS as readonly string[]).includes(p ?? ''));
  if (known.length === 0 || known.length !== preferences.length) return undefined;
  return known.every((p) => p === known[0]) ? known[0] : undefined;
}
export const CHANNEL_PREFERENCE_ORDER: Readonly<Record<PreferredChannel, readonly ActionKind[]>> = {
  EMAIL: ['EMAIL', 'LETTER', 'SMS'],
  POSTAL: ['LETTER', 'EMAIL'],
  SMS: ['SMS', 'EMAIL', 'LETTER'],
  PHONE: ['SMS', 'EMAIL', 'LETTER'],
};

/** Steps a landlord's approval can meaningfully gate (the mandate's reserved steps). */
export const APPROVABLE_ACTIONS: readonly ActionKind[] = ['FORMAL_NOTICE', 'LITIGATION_HANDOFF', 'INSURER_CLAIM', 'FEE'];

/** Hand-offs: they must come before an insurer's claim deadline. */
export const HANDOFF_ACTIONS: readonly ActionKind[] = ['LITIGATION_HANDOFF', 'INSURER_CLAIM'];

/**
 * Template keys a step may name: the letters and messages Relance knows how to render
 * (src/messaging/templates/default-templates.ts gives each one its text). A scenario naming another is refused.
 */
export const TEMPLATE_KEYS = [
  'courteous-reminder-sms',
  'courteous-reminder-email',
  'gentle-reminder-sms',
  'gentle-reminder-email',
  'firm-reminder-sms',
  'firm-reminder-email',
  'first-reminder-letter',
  'firm-reminder-letter',
  'fsl-information-letter',
  'call-script',
  'call-script-social',
  'visit-script',
  'social-worker-referral',
  'formal-notice',
  'guarantor-notice',
  'landlord-notification',
  'litigation-file',
  'insurer-claim',
  'late-payment-fee',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const TENANT_PROFILES = ['ONE_OFF', 'CHRONIC', 'PRECARIOUS', 'UNKNOWN'] as const;
export type TenantProfile = (typeof TENANT_PROFILES)[number];
export const LEASE_KINDS = ['RESIDENTIAL_UNFURNISHED', 'RESIDENTIAL_FURNISHED', 'COMMERCIAL', 'OTHER'] as const;
export type LeaseKind = (typeof LEASE_KINDS)[number];
/** Leases under loi 89-462: no reminder fees or penalties (art. 4 p and i). */
export const RESIDENTIAL_LEASE_KINDS: readonly LeaseKind[] = ['RESIDENTIAL_UNFURNISHED', 'RESIDENTIAL_FURNISHED'];

export interface StepConditions {
  /** Run only while the overdue balance is at least this (cents). */
  minBalanceCents?: number;
  /** Run only for these tenant profiles. */
  profiles?: TenantProfile[];
  /** Run only on these lease kinds. */
  leaseKinds?: LeaseKind[];
}

export interface ScenarioStep {
  /** Stable within the scenario ("d30-formal-notice"); history and approvals refer to it. */
  key: string;
  /** Days after the oldest unpaid due date. */
  dayOffset: number;
  action: ActionKind;
  /** Template key the step renders (src/messaging/templates/). */
  template?: string;
  conditions?: StepConditions;
  /** The landlord must approve before it runs. */
  requiresLandlordApproval?: boolean;
  /** A person must do it (a task), the engine only schedules and waits. */
  manual?: boolean;
  /**
   * Steps sharing a group are one message by several channels (the D+3 SMS and e-mail):
   * for a tenant with a preferred channel only the closest one is carried out.
   */
  channelGroup?: string;
  /** What happens when the step's moment passed before the scenario (re)started; {@link DEFAULT_CATCH_UP} when unset. */
  catchUp?: CatchUpPolicy;
}

export interface ScenarioDefinition {
  key: string;
  name: string;
  description?: string;
  steps: ScenarioStep[];
}

export interface ScenarioProblem {
  /** Path in the definition, e.g. `steps[3].dayOffset`. */
  field: string;
  message: string;
}

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Every problem of a definition, empty when it may be saved: keys, offsets in order,
 * known actions and templates, approvals only where they mean something, and no fee step that could
 * reach a residential tenant (loi 89-462 art. 4 p and i).
 */
export function validateScenario(definition: ScenarioDefinition): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!KEY.test(definition.key ?? '')) add('key', 'key must be 1 to 64 lowercase letters, digits or dashes');
  if (!definition.name || definition.name.length > 200) add('name', 'name must be 1 to 200 characters');
  if (!Array.isArray(definition.steps) || definition.steps.length === 0) {
    add('steps', 'a scenario needs at least one step');
    return problems;
  }
  if (definition.steps.length > 50) add('steps', 'a scenario has at most 50 steps');
  const seen = new Set<string>();
  definition.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if (!KEY.test(step.key ?? '')) add(`${at}.key`, 'key must be 1 to 64 lowercase letters, digits or dashes');
    else if (seen.has(step.key)) add(`${at}.key`, `key ${step.key} is used twice`);
    seen.add(step.key);
    if (!Number.isInteger(step.dayOffset) || step.dayOffset < 0 || step.dayOffset > 730) {
      add(`${at}.dayOffset`, 'dayOffset must be a whole number of days from 0 to 730');
    } else if (i > 0 && step.dayOffset < definition.steps[i - 1].dayOffset) {
      add(`${at}.dayOffset`, `steps must be in order: day ${step.dayOffset} comes after day ${definition.steps[i - 1].dayOffset}`);
    }
    if (!ACTION_KINDS.includes(step.action)) add(`${at}.action`, `action must be one of ${ACTION_KINDS.join(', ')}`);
    if (step.template !== undefined && step.template !== null && !(TEMPLATE_KEYS as readonly string[]).includes(step.template)) {
      add(`${at}.template`, `unknown template ${JSON.stringify(step.template)}: known templates are ${TEMPLATE_KEYS.join(', ')}`);
    }
    if (step.requiresLandlordApproval && !APPROVABLE_ACTIONS.includes(step.action)) {
      add(`${at}.requiresLandlordApproval`, `a landlord approves only ${APPROVABLE_ACTIONS.join(', ')} steps`);
    }
    const c = step.conditions ?? {};
    if (c.minBalanceCents !== undefined && (!Number.isSafeInteger(c.minBalanceCents) || c.minBalanceCents < 0)) {
      add(`${at}.conditions.minBalanceCents`, 'minBalanceCents must be a whole number of cents, 0 or more');
    }
    if (c.profiles?.some((p) => !TENANT_PROFILES.includes(p))) {
      add(`${at}.conditions.profiles`, `profiles must be among ${TENANT_PROFILES.join(', ')}`);
    }
    if (c.leaseKinds?.some((k) => !LEASE_KINDS.includes(k))) {
      add(`${at}.conditions.leaseKinds`, `leaseKinds must be among ${LEASE_KINDS.join(', ')}`);
    }
    if (HANDOFF_ACTIONS.includes(step.action) && !step.requiresLandlordApproval && !step.manual) {
      add(
        `${at}.requiresLandlordApproval`,
        `a ${step.action} step needs a human decision: the landlord's approval (requiresLandlordApproval) or an agent's task ` +
          '(manual); no automatic escalation to litigation or a claim (GDPR art. 22)',
      );
    }
    if (step.channelGroup !== undefined && step.channelGroup !== null) {
      if (!KEY.test(step.channelGroup)) add(`${at}.channelGroup`, 'channelGroup must be 1 to 64 lowercase letters, digits or dashes');
      else if (!MESSAGE_ACTIONS.includes(step.action))
        add(`${at}.channelGroup`, `only ${MESSAGE_ACTIONS.join(', ')} steps form a channel group`);
      else {
        const same = definition.steps.filter((s) => s.channelGroup === step.channelGroup);
        if (same.some((s) => s !== step && s.action === step.action)) {
          add(`${at}.channelGroup`, `channel group ${step.channelGroup} has two ${step.action} steps`);
        } else if (same.some((s) => s.dayOffset !== step.dayOffset)) {
          add(`${at}.channelGroup`, `the steps of channel group ${step.channelGroup} must fall on the same day`);
        }
      }
    }
    if (step.catchUp !== undefined && step.catchUp !== null) {
      const policy = step.catchUp as { policy?: string; days?: unknown };
      if (!(CATCH_UP_POLICIES as readonly string[]).includes(policy.policy ?? '')) {
        add(`${at}.catchUp.policy`, `catchUp.policy must be one of ${CATCH_UP_POLICIES.join(', ')}`);
      } else if (
        policy.policy === 'WITHIN_DAYS' &&
        (!Number.isInteger(policy.days) || (policy.days as number) < 0 || (policy.days as number) > 365)
      ) {
        add(`${at}.catchUp.days`, 'catchUp.days must be a whole number of days from 0 to 365 with WITHIN_DAYS');
      } else if (policy.policy !== 'WITHIN_DAYS' && policy.days !== undefined && policy.days !== null) {
        add(`${at}.catchUp.days`, 'catchUp.days goes only with WITHIN_DAYS');
      }
    }
    if (step.action === 'FEE' && (!c.leaseKinds || c.leaseKinds.some((k) => RESIDENTIAL_LEASE_KINDS.includes(k)))) {
      add(
        `${at}.action`,
        'a FEE step must be limited to commercial or other leases (conditions.leaseKinds): no reminder fees ' +
          'or penalties may be charged to residential tenants (loi 89-462 art. 4 p and i)',
      );
    }
  });
  return problems;
}

/**
 * Hand-off steps that fall after a rent-guarantee insurer's claim deadline (days after
 * the first unpaid due date): the scenario is flagged for leases with that insurer.
 */
export function handoffsAfterDeadline(definition: ScenarioDefinition, claimDeadlineDays: number): ScenarioStep[] {
  return definition.steps.filter((s) => HANDOFF_ACTIONS.includes(s.action) && s.dayOffset > claimDeadlineDays);
}

/** Whether a step's conditions hold for a debt now. */
export function stepApplies(
  step: ScenarioStep,
  debt: { balanceCents: number; profile: TenantProfile; leaseKind: LeaseKind; litigationThresholdCents?: number; guarantors?: number },
): { applies: true } | { applies: false; reason: string } {
  const c = step.conditions ?? {};
  // Shipped scenarios inform guarantors wherever a lease has one (C. civ. 2303): a lease without one skips the step.
  if (step.action === 'GUARANTOR_NOTICE' && debt.guarantors === 0) return { applies: false, reason: 'no guarantor on the lease' };
  if (step.action === 'LITIGATION_HANDOFF' && debt.balanceCents < (debt.litigationThresholdCents ?? 0)) {
    return { applies: false, reason: `balance below the landlord's litigation threshold of ${debt.litigationThresholdCents} cents` };
  }
  if (c.minBalanceCents !== undefined && debt.balanceCents < c.minBalanceCents) {
    return { applies: false, reason: `balance below ${c.minBalanceCents} cents` };
  }
  if (c.profiles && !c.profiles.includes(debt.profile)) return { applies: false, reason: `not for ${debt.profile} tenants` };
  if (c.leaseKinds && !c.leaseKinds.includes(debt.leaseKind)) return { applies: false, reason: `not for ${debt.leaseKind} leases` };
  if (step.action === 'FEE' && RESIDENTIAL_LEASE_KINDS.includes(debt.leaseKind)) {
    return { applies: false, reason: 'no fees on residential leases (loi 89-462 art. 4 p)' };
  }
  return { applies: true };
}
