import { addDays, IsoDate } from './calendar-date';
import { nextContactTime, parisTime } from './french-calendar';
import { CONTACT_HOURS_ACTIONS, LeaseKind, ScenarioDefinition, ScenarioStep, stepApplies, TenantProfile } from './scenario';

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
  /** A payment plan is running: the scenario waits on it. */
  paymentPlan?: boolean;
  /** The step waiting for the landlord's decision. */
  awaitingApproval?: string;
}

export type NextAction =
  | { kind: 'CLOSE'; reason: string }
  | { kind: 'WAIT'; reason: 'PAUSED' | 'PAYMENT_PLAN' | 'APPROVAL'; until?: Date; step?: ScenarioStep }
  | { kind: 'SKIP'; step: ScenarioStep; reason: string }
  /**
   * Run `step` at `at`. `dueAt` is when the scenario schedules it (its day at 9:00, moved
   * into the contact calendar for SMS and calls); `at` is later only for an overdue step.
   */
  | { kind: 'RUN'; step: ScenarioStep; at: Date; dueAt: Date; movedFrom?: Date }
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
 * payment plan → wait; awaiting approval → wait; next pending step → skip it if its
 * conditions fail, otherwise run it at its time moved into the contact calendar for SMS
 * and calls; no step left → finished.
 */
export function planNextAction(scenario: ScenarioDefinition, progress: DebtProgress, now: Date): NextAction {
  if (progress.balanceCents <= 0) return { kind: 'CLOSE', reason: 'PAID' };
  if (progress.balanceCents < progress.pursueFromCents) return { kind: 'CLOSE', reason: 'BELOW_THRESHOLD' };
  if (progress.pause) {
    const until = progress.pause.until ? new Date(progress.pause.until) : undefined;
    if (!until || until > now) return { kind: 'WAIT', reason: 'PAUSED', until };
  }
  if (progress.paymentPlan) return { kind: 'WAIT', reason: 'PAYMENT_PLAN' };
  const step = scenario.steps.find((s) => !progress.done.includes(s.key));
  if (!step) return { kind: 'FINISHED' };
  if (progress.awaitingApproval === step.key) return { kind: 'WAIT', reason: 'APPROVAL', step };
  const applies = stepApplies(step, progress);
  if (!applies.applies) return { kind: 'SKIP', step, reason: applies.reason };
  const due = stepDueAt(step, progress.anchor);
  const contact = CONTACT_HOURS_ACTIONS.includes(step.action);
  const dueAt = contact ? nextContactTime(due) : due;
  const earliest = due > now ? due : now;
  const at = contact ? nextContactTime(earliest) : earliest;
  return at.getTime() === earliest.getTime() ? { kind: 'RUN', step, at, dueAt } : { kind: 'RUN', step, at, dueAt, movedFrom: earliest };
}
