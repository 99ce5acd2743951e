import { addDays, IsoDate } from './calendar-date';
import { nextContactTime, parisTime } from './french-calendar';
import { checkPaymentPlan, PaymentPlan } from './payment-plan';
import { ActionKind, CONTACT_HOURS_ACTIONS, LeaseKind, ScenarioDefinition, ScenarioStep, stepApplies, TenantProfile } from './scenario';

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
 * pending step due first → skip it if its conditions fail, otherwise run it at its time
 * moved into the contact calendar for SMS and calls; no step left → finished.
 */
export function planNextAction(scenario: ScenarioDefinition, progress: DebtProgress, now: Date): NextAction {
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
  const awaiting = pending.find((s) => s.key === progress.awaitingApproval);
  if (awaiting) return { kind: 'WAIT', reason: 'APPROVAL', step: awaiting };
  // The pending step scheduled first (its calendar-adjusted due time), scenario order
  // breaking ties: an SMS moved off a Sunday does not hold back that day's e-mail, and
  // after a pause or a plan the overdue steps resume in their scheduled order.
  let next: { step: ScenarioStep; timing: StepTiming } | undefined;
  for (const step of pending) {
    const timing = stepTiming(step, progress.anchor, now, progress.lastContactAt ? new Date(progress.lastContactAt) : undefined);
    if (!next || timing.dueAt < next.timing.dueAt) next = { step, timing };
  }
  const { step, timing } = next!;
  const applies = stepApplies(step, { ...progress, litigationThresholdCents: progress.mandate?.litigationThresholdCents });
  if (!applies.applies) return { kind: 'SKIP', step, reason: applies.reason };
  return { kind: 'RUN', step, ...timing, needsApproval: needsLandlordApproval(step, progress.mandate) };
}

type StepTiming = { at: Date; dueAt: Date; movedFrom?: Date };

/**
 * When a step runs: its due time, not before now; for SMS and calls, not within the
 * minimum gap after the last one, and moved into the contact calendar.
 */
function stepTiming(step: ScenarioStep, anchor: IsoDate, now: Date, lastContactAt?: Date): StepTiming {
  const due = stepDueAt(step, anchor);
  const contact = CONTACT_HOURS_ACTIONS.includes(step.action);
  const gapEnd = contact && lastContactAt ? new Date(lastContactAt.getTime() + MIN_CONTACT_GAP_HOURS * 3600_000) : undefined;
  const later = (a: Date, b?: Date) => (b && b > a ? b : a);
  const dueAt = contact ? nextContactTime(later(due, gapEnd)) : due;
  const earliest = later(due, now);
  const at = contact ? nextContactTime(later(earliest, gapEnd)) : earliest;
  return at.getTime() === earliest.getTime() ? { at, dueAt } : { at, dueAt, movedFrom: earliest };
}
