import { addDays, daysBetween, IsoDate } from './calendar-date';
import { nextContactTime, parisParts, parisTime } from './french-calendar';
import { checkPaymentPlan, PaymentPlan } from './payment-plan';
import {
  ActionKind,
  APPROVABLE_ACTIONS,
  catchUpOf,
  CHANNEL_PREFERENCE_ORDER,
  CONTACT_ACTIONS_V2,
  CONTACT_HOURS_ACTIONS,
  LeaseKind,
  PreferredChannel,
  ScenarioDefinition,
  ScenarioStep,
  stepApplies,
  TenantProfile,
} from './scenario';

/**
 * Versions of the interpreter's rules. Running workflows keep the version they started
 * with (the workflow asks `patched()`), so their histories replay; the simulator and new
 * debts use the latest.
 * - 1: the pending step due first runs first (ties by scenario order).
 * - 2: no channel waits for another (the step that can run first runs first), visits obey
 *   the contact calendar and gap, stale steps follow their catch-up policy, and a channel
 *   group follows the tenant's preferred channel.
 */
export type PlannerVersion = 1 | 2;
export const LATEST_PLANNER_VERSION: PlannerVersion = 2;

/** Hour (Paris) at which a day's steps fall due. */
export const STEP_HOUR = 9;

/** Where a debt stands in its scenario: what the interpreter needs, nothing more. */
export interface DebtProgress {
  /** The oldest unpaid due date: day 0 of the scenario. */
  anchor: IsoDate;
  /** Overdue balance now, in cents (re-read before every step). */
  balanceCents: number;
  /** Below this the debt is not pursued (the mandate's minimum), in cents. */
  pursueFromCents: number;
  profile: TenantProfile;
  leaseKind: LeaseKind;
  /** Keys of steps done or skipped, in order. */
  done: string[];
  /** Paused by an agent: until this instant, or until resumed when `until` is absent. */
  pause?: { until?: string };
  /**
   * A payment plan: the scenario waits on it while it is kept. `paidCents` is what was
   * paid since it was accepted; a plan the landlord must approve first waits for that.
   */
  paymentPlan?: { plan: PaymentPlan; paidCents: number; awaitingApproval?: boolean };
  /** The tenant promised to pay by this instant (a call's outcome): the scenario waits. */
  promise?: { until: string };
  /** The step waiting for the landlord's decision. */
  awaitingApproval?: string;
  /** What the landlord's mandate says, when the debt's workflow was given it. */
  mandate?: LandlordMandate;
  /** When the tenant was last reached by phone or text (an SMS or a call step), ISO. */
  lastContactAt?: string;
  /**
   * When the scenario last (re)started, ISO: the workflow's start, or the end of the last
   * pause, payment plan or promise. A pending step due before it is caught up by its
   * policy (version 2).
   */
  resumedAt?: string;
  /** The tenant's preferred channel, which picks one step in a channel group (version 2). */
  preferredChannel?: PreferredChannel;
  /** How many guarantors the lease has, when known: with none, a GUARANTOR_NOTICE step is skipped. */
  guarantors?: number;
  /** The interpreter's rules; the latest when unset. */
  plannerVersion?: PlannerVersion;
  /**
   * The lease's rent-guarantee contract (`gliClaimSchedule`, src/domain/legal-rules.ts):
   * an INSURER_CLAIM step runs by `latestDayOffset` at the latest, however late the scenario
   * puts it, and without the landlord's approval when the contract requires the claim regardless.
   */
  insurerClaim?: { latestDayOffset: number; approvalWaived: boolean };
}

/**
 * Two phone or text contacts (SMS, calls) are at least this far apart: reminders must not
 * turn into harassment (a scenario's SMS and call on close days, or overdue steps resuming
 * after a pause, are spread out).
 */
export const MIN_CONTACT_GAP_HOURS = 48;

/** The landlord's mandate with the agency, as far as the dunning engine goes. */
export interface LandlordMandate {
  /** Actions the landlord must approve on top of those the scenario flags. */
  approvalActions: ActionKind[];
  /** Below this overdue balance no litigation hand-off (cents; 0 for none). */
  litigationThresholdCents: number;
}

/** A landlord's mandate from its row: the approvals it reserves (only those a landlord can give) and its litigation threshold. */
export function mandateOf(approvalSteps: readonly string[], litigationThresholdCents: number): LandlordMandate {
  return {
    approvalActions: APPROVABLE_ACTIONS.filter((action) => approvalSteps.includes(action)),
    litigationThresholdCents,
  };
}

/** Whether the landlord must approve a step: the scenario says so, or the mandate reserves its action. */
export function needsLandlordApproval(step: ScenarioStep, mandate?: LandlordMandate): boolean {
  return Boolean(step.requiresLandlordApproval) || Boolean(mandate?.approvalActions.includes(step.action));
}

/** The approval key of a payment plan waiting for the landlord (steps use their own keys). */
export const PAYMENT_PLAN_APPROVAL = 'payment-plan';

export type NextAction =
  | { kind: 'CLOSE'; reason: string }
  | { kind: 'WAIT'; reason: 'PAUSED' | 'PAYMENT_PLAN' | 'PROMISE' | 'APPROVAL'; until?: Date; step?: ScenarioStep }
  /** The plan's installments are all paid, the debt is not (new arrears): the scenario goes on. */
  | { kind: 'PLAN_KEPT' }
  /** Installment `index` was missed: the scenario resumes where it stopped. */
  | { kind: 'PLAN_BROKEN'; index: number; expectedCents: number; paidCents: number }
  | { kind: 'SKIP'; step: ScenarioStep; reason: string }
  /**
   * Run `step` at `at`. `dueAt` is when the scenario schedules it (its day at 9:00, moved
   * into the contact calendar for SMS and calls); `at` is later only for an overdue step.
   */
  | { kind: 'RUN'; step: ScenarioStep; at: Date; dueAt: Date; movedFrom?: Date; needsApproval: boolean }
  | { kind: 'FINISHED' };

/** When a step falls due: its day at 9:00 Paris, never before now. */
export function stepDueAt(step: ScenarioStep, anchor: IsoDate): Date {
  return parisTime(addDays(anchor, step.dayOffset), STEP_HOUR);
}

/**
 * The one place that turns a scenario into the next action (DESIGN §4): a pure function
 * of the scenario version, the debt's progress and the time. The workflow loops around
 * it; the simulator runs it over a hypothetical ledger.
 *
 * Order of precedence: paid → close; below the pursuit threshold → close; paused → wait;
 * payment plan → wait for the landlord's approval or the next installment check, or end
 * it kept or broken; promise to pay → wait until its date; awaiting approval → wait; the
 * pending step that can run first → skip it if the tenant's preferred channel picks
 * another step of its group, if it is stale beyond its catch-up policy or if its
 * conditions fail, otherwise run it at its time moved into the contact calendar for SMS,
 * calls and visits; no step left → finished.
 */
export function planNextAction(definition: ScenarioDefinition, progress: DebtProgress, now: Date): NextAction {
  const scenario = progress.insurerClaim ? withInsurerDeadline(definition, progress.insurerClaim) : definition;
  if (progress.balanceCents <= 0) return { kind: 'CLOSE', reason: 'PAID' };
  if (progress.balanceCents < progress.pursueFromCents) return { kind: 'CLOSE', reason: 'BELOW_THRESHOLD' };
  if (progress.pause) {
    const until = progress.pause.until ? new Date(progress.pause.until) : undefined;
    if (!until || until > now) return { kind: 'WAIT', reason: 'PAUSED', until };
  }
  if (progress.paymentPlan) {
    if (progress.paymentPlan.awaitingApproval) return { kind: 'WAIT', reason: 'APPROVAL' };
    const check = checkPaymentPlan(progress.paymentPlan.plan, progress.paymentPlan.paidCents, now);
    if (check.kind === 'ON_TRACK') return { kind: 'WAIT', reason: 'PAYMENT_PLAN', until: check.nextCheck };
    if (check.kind === 'KEPT') return { kind: 'PLAN_KEPT' };
    return { kind: 'PLAN_BROKEN', index: check.index, expectedCents: check.expectedCents, paidCents: check.paidCents };
  }
  if (progress.promise && new Date(progress.promise.until) > now) {
    return { kind: 'WAIT', reason: 'PROMISE', until: new Date(progress.promise.until) };
  }
  const pending = scenario.steps.filter((s) => !progress.done.includes(s.key));
  if (pending.length === 0) return { kind: 'FINISHED' };
  const version = progress.plannerVersion ?? LATEST_PLANNER_VERSION;
  const awaiting = pending.find((s) => s.key === progress.awaitingApproval);
  // Version 2: a decision awaited holds back the steps after it, not those before it in the
  // scenario (a call held by the calendar still goes while the formal notice waits for the
  // landlord), unless they need a decision of their own.
  const candidates = !awaiting
    ? pending
    : version >= 2
      ? pending.filter((s) => scenario.steps.indexOf(s) < scenario.steps.indexOf(awaiting) && !needsLandlordApproval(s, progress.mandate))
      : [];
  if (awaiting && candidates.length === 0) return { kind: 'WAIT', reason: 'APPROVAL', step: awaiting };
  const lastContactAt = progress.lastContactAt ? new Date(progress.lastContactAt) : undefined;
  // Version 1: the pending step scheduled first (its calendar-adjusted due time), scenario
  // order breaking ties. Version 2: the step that can run first, so that a step held by
  // quiet hours or the contact gap never holds back a due step of another channel; then
  // the one scheduled first, then scenario order (overdue steps resume in their order).
  let next: { step: ScenarioStep; timing: StepTiming } | undefined;
  for (const step of candidates) {
    const timing = stepTiming(step, progress.anchor, now, isContactAction(step.action, version), lastContactAt);
    if (!next) next = { step, timing };
    else if (version >= 2 ? runsBefore(timing, next.timing) : timing.dueAt < next.timing.dueAt) next = { step, timing };
  }
  const { step, timing } = next!;
  if (version >= 2) {
    const skip = preferenceSkip(scenario, step, progress.preferredChannel) ?? catchUpSkip(step, progress.anchor, progress.resumedAt);
    if (skip) return { kind: 'SKIP', step, reason: skip };
  }
  const applies = stepApplies(step, { ...progress, litigationThresholdCents: progress.mandate?.litigationThresholdCents });
  if (!applies.applies) return { kind: 'SKIP', step, reason: applies.reason };
  return { kind: 'RUN', step, ...timing, needsApproval: needsLandlordApproval(step, progress.mandate) };
}

/**
 * The scenario as a lease's GLI contract has it: its claim steps no later than the day the
 * contract allows, and without the landlord's approval where the contract requires the claim.
 */
export function withInsurerDeadline(
  scenario: ScenarioDefinition,
  contract: { latestDayOffset: number; approvalWaived: boolean },
): ScenarioDefinition {
  if (!scenario.steps.some((s) => s.action === 'INSURER_CLAIM')) return scenario;
  return {
    ...scenario,
    steps: scenario.steps.map((s) =>
      s.action !== 'INSURER_CLAIM'
        ? s
        : {
            ...s,
            dayOffset: Math.min(s.dayOffset, contract.latestDayOffset),
            ...(contract.approvalWaived ? { requiresLandlordApproval: false } : {}),
          },
    ),
  };
}

/** Whether a step timed `a` runs before one timed `b`: earlier run time, then earlier due time. */
function runsBefore(a: StepTiming, b: StepTiming): boolean {
  if (a.at.getTime() !== b.at.getTime()) return a.at < b.at;
  return a.dueAt < b.dueAt;
}

const ACTION_WORDS: Partial<Record<ActionKind, string>> = { SMS: 'SMS', EMAIL: 'e-mail', LETTER: 'letter' };
const PREFERENCE_WORDS: Record<PreferredChannel, string> = { EMAIL: 'e-mail', SMS: 'SMS', POSTAL: 'letters', PHONE: 'the phone' };

/**
 * Why a step of a channel group is not carried out for a tenant with a preferred channel:
 * another step of its group is closer to that channel (or none is close, for an SMS to a
 * tenant who wants letters). Undefined when the step goes ahead.
 */
export function preferenceSkip(scenario: ScenarioDefinition, step: ScenarioStep, preferred?: PreferredChannel): string | undefined {
  if (!step.channelGroup || !preferred) return undefined;
  const order = CHANNEL_PREFERENCE_ORDER[preferred];
  const group = scenario.steps.filter((s) => s.channelGroup === step.channelGroup);
  const rank = (s: ScenarioStep) => (order.includes(s.action) ? order.indexOf(s.action) : Number.POSITIVE_INFINITY);
  const best = group.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  if (best === step && rank(step) !== Number.POSITIVE_INFINITY) return undefined;
  const instead = rank(best) !== Number.POSITIVE_INFINITY ? `; it goes by ${ACTION_WORDS[best.action] ?? best.action} (${best.key})` : '';
  return `the tenant prefers ${PREFERENCE_WORDS[preferred]}: no ${ACTION_WORDS[step.action] ?? step.action} for this message${instead}`;
}

/**
 * Why a stale step is not caught up: its moment passed before the scenario last (re)started
 * and its policy does not send it that late. Undefined when it goes ahead.
 */
export function catchUpSkip(step: ScenarioStep, anchor: IsoDate, resumedAt?: string): string | undefined {
  if (!resumedAt) return undefined;
  const due = stepDueAt(step, anchor);
  const resumed = new Date(resumedAt);
  if (due >= resumed) return undefined;
  const policy = catchUpOf(step);
  // Calendar days in Paris, so that a change of summer time in between counts for nothing.
  const lateDays = daysBetween(parisParts(due).date, parisParts(resumed).date);
  if (policy.policy === 'SEND') return undefined;
  if (policy.policy === 'WITHIN_DAYS' && lateDays <= policy.days) return undefined;
  const when = `its moment (${due.toISOString()}) had passed by ${lateDays} day${lateDays === 1 ? '' : 's'} when the scenario resumed`;
  return policy.policy === 'SKIP' ? `${when}, and it is never caught up` : `${when}; it is caught up only within ${policy.days} days`;
}

type StepTiming = { at: Date; dueAt: Date; movedFrom?: Date };

/** Whether an action reaches the tenant in person or by phone or text: quiet hours and the minimum gap apply. */
export function isContactAction(action: ActionKind, version: PlannerVersion = LATEST_PLANNER_VERSION): boolean {
  return (version >= 2 ? CONTACT_ACTIONS_V2 : CONTACT_HOURS_ACTIONS).includes(action);
}

/**
 * When a step runs: its due time, not before now; for SMS and calls, not within the
 * minimum gap after the last one, and moved into the contact calendar.
 */
function stepTiming(step: ScenarioStep, anchor: IsoDate, now: Date, contact: boolean, lastContactAt?: Date): StepTiming {
  const due = stepDueAt(step, anchor);
  const gapEnd = contact && lastContactAt ? new Date(lastContactAt.getTime() + MIN_CONTACT_GAP_HOURS * 3600_000) : undefined;
  const later = (a: Date, b?: Date) => (b && b > a ? b : a);
  const dueAt = contact ? nextContactTime(later(due, gapEnd)) : due;
  const earliest = later(due, now);
  const at = contact ? nextContactTime(later(earliest, gapEnd)) : earliest;
  return at.getTime() === earliest.getTime() ? { at, dueAt } : { at, dueAt, movedFrom: earliest };
}
