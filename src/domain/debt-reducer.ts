import { LandlordMandate, needsLandlordApproval, NextAction, PAYMENT_PLAN_APPROVAL } from './dunning-plan';
import { parisParts } from './french-calendar';
import { Installment, promiseCheckTime, validatePaymentPlan } from './payment-plan';
import type { ScenarioStep } from './scenario';

/**
 * What agents, landlords and the ledger tell a debt's case, as one pure function: (case,
 * message, now) → the case after it and the effects to run (DESIGN §4). The debt's
 * workflow applies every message through {@link reduceDebtCase}; the services check a
 * message with {@link refusalOf} before they send it, so the rules (is an approval awaited,
 * is the step known, can a plan be proposed, can the debt be paused or resumed) live here
 * only. No I/O, no clock but the `now` given.
 */

/** The case's recent history keeps this many entries; the debt's timeline keeps them all. */
export const HISTORY_LIMIT = 200;

/** Structured outcomes of a call or visit task (DESIGN §4). */
export const TASK_OUTCOMES = ['REACHED', 'PROMISE_TO_PAY', 'DISPUTE', 'NO_ANSWER', 'WRONG_NUMBER', 'OTHER'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** An agent task a message or decision asks for (created once per key). */
export interface FollowUpTask {
  key: string;
  title: string;
  body: string;
}

/** A debt's case as its workflow keeps it, and carries over continue-as-new. */
export interface DebtCase {
  /** Keys of the steps done, skipped or refused, in order. */
  done: string[];
  pause?: { until?: string; reason: string };
  awaitingApproval?: { stepKey: string; since: string } & ApprovalNotice;
  /** Steps the landlord approved (they run when due). */
  approved: string[];
  plan?: { installments: Installment[]; acceptedAt: string; awaitingApprovalSince?: string } & ApprovalNotice;
  promise?: { until: string; taskId: string };
  /** Agent tasks a message asked for, created at the top of the next turn. */
  followUps?: FollowUpTask[];
  history?: Array<{ at: string; kind: string; stepKey?: string }>;
  /** Whether the debt row says PAYMENT_PLAN (runs that mirror their status with setDebtOnPlan). */
  mirroredOnPlan?: boolean;
  /** When the last SMS or call step ran (the minimum gap between contacts). */
  lastContactAt?: string;
  /** When the scenario last (re)started: its start, or the end of a pause, plan or promise (catch-up policies). */
  resumedAt?: string;
  /** A hand-off step was carried out: the debt is with the litigation partner or the insurer. */
  escalated?: boolean;
  /** Keys of the legal deadlines whose task was opened (src/domain/legal-rules.ts; runs with `legal-deadlines`). */
  legalDone?: string[];
}

/**
 * Where the landlord's side of an approval stands (runs with `patched('approval-requests')`):
 * the request is a row and the landlord was told; `remindedAt` once reminded.
 */
export interface ApprovalNotice {
  requested?: boolean;
  remindedAt?: string;
}

/** How long a landlord has to decide before the request lapses and an agent is asked to chase the decision. */
export const APPROVAL_DEADLINE_DAYS = 7;
/** How long before the deadline a landlord who has not decided is reminded. */
export const APPROVAL_REMINDER_DAYS_BEFORE = 2;

/**
 * The landlord's delay to decide on a scenario's insurer claim, as the GLI schedule counts it
 * (src/domain/legal-rules.ts `gliClaimSchedule`): APPROVAL_DEADLINE_DAYS when its claim step
 * waits for their approval, null when it does not (or the scenario has none).
 */
export function claimApprovalDays(scenario: { steps: ScenarioStep[] }, mandate?: LandlordMandate): number | null {
  return scenario.steps.some((s) => s.action === 'INSURER_CLAIM' && needsLandlordApproval(s, mandate)) ? APPROVAL_DEADLINE_DAYS : null;
}

/** When a request made at `since` is reminded and when it lapses. */
export function approvalTimes(since: string): { remindAt: Date; deadlineAt: Date } {
  const deadline = new Date(since).getTime() + APPROVAL_DEADLINE_DAYS * 86_400_000;
  return { remindAt: new Date(deadline - APPROVAL_REMINDER_DAYS_BEFORE * 86_400_000), deadlineAt: new Date(deadline) };
}

/** A landlord's decision on a step (or on the payment plan, `stepKey` "payment-plan"). */
export interface LandlordDecision {
  stepKey: string;
  approve: boolean;
  comment?: string;
  by: string;
}

/** A completed task, with its structured outcome. */
export interface CompletedTask {
  taskId: string;
  outcome: TaskOutcome;
  /** With PROMISE_TO_PAY: the date the tenant promised to pay by. */
  promisedDate?: string;
  report: string;
}

/** What the case is told. */
export type DebtCaseMessage =
  | { kind: 'paymentRecorded' }
  | { kind: 'pause'; reason: string; until?: string }
  | { kind: 'resume' }
  | ({ kind: 'decide' } & LandlordDecision)
  | { kind: 'cancel'; reason: string }
  | { kind: 'writeOff'; reason: string }
  | ({ kind: 'taskCompleted' } & CompletedTask)
  | { kind: 'proposePlan'; installments: Installment[]; requiresLandlordApproval: boolean }
  /** An agent recorded a legal milestone (a commandement served…): the deadlines it starts are planned again. */
  | { kind: 'legalMilestone' };

/** What the case needs to know about its surroundings to take a message. */
export interface DebtCaseContext {
  /** The keys of the scenario's steps, in order (to tell an unknown step from one not awaited). */
  steps?: readonly string[];
  /** The overdue balance last read, in cents (a payment plan adds up to it). */
  balanceCents?: number;
  /** Whether the case records when its scenario resumes (planner version 2 and later). */
  tracksResumption?: boolean;
}

/** Why a message makes no sense now: the input field it is about, the problems (a plan may have several). */
export interface DebtCaseRefusal {
  field: string;
  message: string;
  problems: Array<{ field: string; message: string }>;
}

/** What to run after a message or decision, in order. */
export type DebtCaseEffect =
  /** Wake the loop: plan again now. */
  | { kind: 'WAKE' }
  /** End the case: the loop closes the debt so. */
  | { kind: 'END'; status: 'CANCELLED' | 'WRITTEN_OFF'; reason: string }
  /** A decision the loop acts on at its next turn ({@link applyDecision}). */
  | { kind: 'DECIDE'; decision: LandlordDecision }
  | { kind: 'TIMELINE'; entry: { kind: string; summary: string; data?: Record<string, unknown> } }
  | { kind: 'TASK'; task: FollowUpTask };

export interface DebtCaseOutcome {
  state: DebtCase;
  effects: DebtCaseEffect[];
  /** Set when the message was refused: `state` is the case unchanged, `effects` empty. */
  refused?: DebtCaseRefusal;
  /** A payment plan's answer to its proposer. */
  reply?: { status: 'ACTIVE' | 'AWAITING_APPROVAL' };
}

/** Where a case stands, as far as the rules for messages go: what a service can learn of it from the status query. */
export interface DebtCaseView {
  paused: boolean;
  /** What waits for the landlord, first what a decision would name (the plan before a step). */
  awaitingApprovals: string[];
  planRunning: boolean;
  steps?: readonly string[];
  balanceCents?: number;
}

/** The view of a case that {@link refusalOf} reads. */
export function viewOf(state: DebtCase, context: DebtCaseContext = {}): DebtCaseView {
  return {
    paused: Boolean(state.pause),
    awaitingApprovals: [
      ...(state.plan?.awaitingApprovalSince ? [PAYMENT_PLAN_APPROVAL] : []),
      ...(state.awaitingApproval ? [state.awaitingApproval.stepKey] : []),
    ],
    planRunning: Boolean(state.plan),
    ...(context.steps ? { steps: context.steps } : {}),
    ...(context.balanceCents !== undefined ? { balanceCents: context.balanceCents } : {}),
  };
}

const refusal = (field: string, message: string, problems = [{ field, message }]): DebtCaseRefusal => ({ field, message, problems });

/**
 * Whether a message makes sense now; undefined when it does. Payments, task outcomes,
 * cancellations and write-offs always do.
 */
export function refusalOf(view: DebtCaseView, message: DebtCaseMessage, now: Date): DebtCaseRefusal | undefined {
  switch (message.kind) {
    case 'pause':
      if (view.paused) return refusal('id', 'The debt is already paused');
      if (message.until && Date.parse(message.until) <= now.getTime()) return refusal('until', 'until must be in the future');
      return undefined;
    case 'resume':
      return view.paused ? undefined : refusal('id', 'The debt is not paused');
    case 'decide': {
      if (view.awaitingApprovals.includes(message.stepKey)) return undefined;
      const awaiting = view.awaitingApprovals[0];
      const known = message.stepKey === PAYMENT_PLAN_APPROVAL || !view.steps || view.steps.includes(message.stepKey);
      const what = awaiting === PAYMENT_PLAN_APPROVAL ? 'the payment plan ("payment-plan")' : awaiting;
      return refusal(
        'stepKey',
        !known
          ? `Unknown step ${message.stepKey}: this debt's scenario has ${view.steps!.join(', ')}` +
              (awaiting ? `; the approval awaited is ${what}` : '; no approval is awaited')
          : awaiting
            ? `The approval awaited is ${what}, not ${message.stepKey}`
            : `No approval is awaited on this debt (${message.stepKey} is not waiting for a decision)`,
      );
    }
    case 'proposePlan': {
      if (view.planRunning) return refusal('installments', 'A payment plan is already running on this debt');
      if (view.balanceCents === undefined) return refusal('installments', 'the debt’s balance is not read yet');
      const problems = validatePaymentPlan(message.installments, { balanceCents: view.balanceCents, today: parisParts(now).date });
      return problems.length > 0 ? refusal(problems[0].field, problems[0].message, problems) : undefined;
    }
    default:
      return undefined;
  }
}

/** The case with one more entry in its recent history (bounded). */
export function withHistory(state: DebtCase, at: Date, kind: string, stepKey?: string): DebtCase {
  const history = [...(state.history ?? []), { at: at.toISOString(), kind, ...(stepKey ? { stepKey } : {}) }];
  return { ...state, history: history.length > HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT) : history };
}

/** The case as the scenario starts again after a hold: steps whose moment passed meanwhile follow their catch-up policy. */
export function resumedAt(state: DebtCase, at: Date, context: DebtCaseContext): DebtCase {
  return context.tracksResumption ? { ...state, resumedAt: at.toISOString() } : state;
}

/**
 * Takes one message: the case after it and what to run. A message {@link refusalOf}
 * refuses changes nothing and runs nothing.
 */
export function reduceDebtCase(state: DebtCase, message: DebtCaseMessage, now: Date, context: DebtCaseContext = {}): DebtCaseOutcome {
  const refused = refusalOf(viewOf(state, context), message, now);
  if (refused) return { state, effects: [], refused };
  const wake: DebtCaseEffect = { kind: 'WAKE' };
  switch (message.kind) {
    case 'paymentRecorded':
    case 'legalMilestone':
      return { state, effects: [wake] };
    case 'pause':
      return { state: withHistory({ ...state, pause: { reason: message.reason, until: message.until } }, now, 'PAUSED'), effects: [wake] };
    case 'resume':
      return { state: withHistory(resumedAt({ ...state, pause: undefined }, now, context), now, 'RESUMED'), effects: [wake] };
    case 'decide': {
      const { kind: _kind, ...decision } = message;
      return { state, effects: [{ kind: 'DECIDE', decision }, wake] };
    }
    case 'cancel':
      return { state, effects: [{ kind: 'END', status: 'CANCELLED', reason: message.reason }, wake] };
    case 'writeOff':
      return { state, effects: [{ kind: 'END', status: 'WRITTEN_OFF', reason: message.reason }, wake] };
    case 'taskCompleted':
      return { state: withHistory(onTaskCompleted(state, message), now, `TASK_${message.outcome}`), effects: [wake] };
    case 'proposePlan': {
      const at = now.toISOString();
      const awaiting = message.requiresLandlordApproval;
      // A plan supersedes a promise made earlier on the phone.
      const planned: DebtCase = {
        ...state,
        plan: { installments: message.installments, acceptedAt: at, ...(awaiting ? { awaitingApprovalSince: at } : {}) },
        promise: undefined,
      };
      return {
        state: withHistory(planned, now, awaiting ? 'PLAN_AWAITING_APPROVAL' : 'PLAN_ACCEPTED'),
        effects: [wake],
        reply: { status: awaiting ? 'AWAITING_APPROVAL' : 'ACTIVE' },
      };
    }
  }
}

/** What a completed task changes in the scenario: a promise waits, a dispute pauses, a wrong number asks for a fix. */
function onTaskCompleted(state: DebtCase, completion: CompletedTask): DebtCase {
  if (completion.outcome === 'PROMISE_TO_PAY' && completion.promisedDate) {
    return { ...state, promise: { until: promiseCheckTime(completion.promisedDate).toISOString(), taskId: completion.taskId } };
  }
  if (completion.outcome === 'DISPUTE') {
    // A contested debt is not escalated until someone has looked at the dispute.
    return { ...state, pause: { reason: `Dispute raised: ${completion.report}` } };
  }
  if (completion.outcome === 'WRONG_NUMBER') {
    const task = {
      key: `wrong-number:${completion.taskId}`,
      title: 'Wrong phone number: find the tenant’s current contact details',
      body: completion.report,
    };
    return { ...state, followUps: [...(state.followUps ?? []), task] };
  }
  return state;
}

/**
 * Acts on a landlord's decision, at the loop's turn after it arrived: the timeline says
 * what was decided; an approved step runs when due, a rejected one is not carried out and
 * an agent decides what follows; an approved plan starts, a rejected one ends and the
 * scenario resumes.
 */
export function applyDecision(state: DebtCase, decision: LandlordDecision, now: Date, context: DebtCaseContext = {}): DebtCaseOutcome {
  const { stepKey, approve, comment, by } = decision;
  const verdict = approve ? 'LANDLORD_APPROVED' : 'LANDLORD_REJECTED';
  const effects: DebtCaseEffect[] = [
    {
      kind: 'TIMELINE',
      entry: {
        kind: verdict,
        summary: `Landlord ${approve ? 'approved' : 'rejected'} ${stepKey === PAYMENT_PLAN_APPROVAL ? 'the payment plan' : `step ${stepKey}`}${comment ? `: ${comment}` : ''}`,
        data: { stepKey, by },
      },
    },
  ];
  let next = withHistory(state, now, verdict, stepKey);
  if (stepKey === PAYMENT_PLAN_APPROVAL) {
    if (approve && next.plan) next = { ...next, plan: { ...next.plan, awaitingApprovalSince: undefined } };
    else {
      next = resumedAt({ ...next, plan: undefined }, now, context);
      effects.push({
        kind: 'TASK',
        task: {
          key: `plan-rejected:${now.toISOString()}`,
          title: 'Landlord rejected the payment plan: tell the tenant',
          body: comment ?? 'The landlord rejected the proposed payment plan; the scenario resumes.',
        },
      });
    }
  } else {
    next = { ...next, awaitingApproval: undefined };
    if (approve) next = { ...next, approved: [...next.approved, stepKey] };
    else {
      next = { ...next, done: [...next.done, stepKey] };
      effects.push({
        kind: 'TASK',
        task: {
          key: `rejected:${stepKey}`,
          title: `Landlord rejected ${stepKey}: decide what follows`,
          body: comment ?? 'The landlord rejected this step; the scenario goes on without it.',
        },
      });
    }
  }
  return { state: next, effects };
}

/** The open statuses a debt's row reads while its workflow pursues it. */
export type PursuedStatus = 'OPEN' | 'PAUSED' | 'PAYMENT_PLAN' | 'ESCALATED';

/** What the debt's row says of the case: its status, the step done last and what comes next (DESIGN §3.7). */
export interface DebtCaseProgress {
  status: PursuedStatus;
  currentStep: string | null;
  nextAction: { kind: string; stepKey: string | null; at: string | null } | null;
}

/** What the workflow will do next, as lists and landlords read it. */
export function describeNextAction(next: NextAction, state: DebtCase): { kind: string; stepKey?: string; at?: string } {
  if (next.kind === 'RUN') return { kind: next.step.action, stepKey: next.step.key, at: next.at.toISOString() };
  if (next.kind === 'WAIT') {
    const stepKey = next.reason === 'APPROVAL' && state.plan?.awaitingApprovalSince ? PAYMENT_PLAN_APPROVAL : next.step?.key;
    return { kind: `WAIT_${next.reason}`, stepKey, at: next.until?.toISOString() };
  }
  return { kind: next.kind };
}

/**
 * The case's progress once the next action is planned: PAUSED while a pause holds it,
 * PAYMENT_PLAN while an accepted plan runs, ESCALATED once handed off, OPEN otherwise.
 */
export function progressOf(state: DebtCase, next: NextAction): DebtCaseProgress {
  const described = describeNextAction(next, state);
  return {
    status:
      next.kind === 'WAIT' && next.reason === 'PAUSED'
        ? 'PAUSED'
        : state.plan && !state.plan.awaitingApprovalSince
          ? 'PAYMENT_PLAN'
          : state.escalated
            ? 'ESCALATED'
            : 'OPEN',
    currentStep: state.done[state.done.length - 1] ?? null,
    nextAction: { kind: described.kind, stepKey: described.stepKey ?? null, at: described.at ?? null },
  };
}
