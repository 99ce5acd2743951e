import {
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DebtActivities } from '../activities/debt.activities.types';
import {
  DebtProgress,
  isContactAction,
  LandlordMandate,
  NextAction,
  PAYMENT_PLAN_APPROVAL,
  planNextAction,
  PlannerVersion,
} from '../src/domain/dunning-plan';
import { parisParts } from '../src/domain/french-calendar';
import { Installment, promiseCheckTime, validatePaymentPlan } from '../src/domain/payment-plan';
import { HANDOFF_ACTIONS, LeaseKind, PreferredChannel, ScenarioDefinition, TenantProfile } from '../src/domain/scenario';
import {
  cancelSignal,
  DebtWorkflowStatus,
  INVALID_PAYMENT_PLAN,
  landlordDecisionSignal,
  pauseSignal,
  paymentRecordedSignal,
  proposePaymentPlanUpdate,
  resumeSignal,
  statusQuery,
  TaskCompletion,
  taskCompletedSignal,
  writeOffSignal,
} from './debt.messages';

const activities = proxyActivities<DebtActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * A step sends through providers that may be slow or down: it heartbeats, so a dead
 * worker is noticed in seconds, and backs off up to an hour between attempts (the
 * outbox makes every retry safe).
 */
const stepActivities = proxyActivities<Pick<DebtActivities, 'performStep'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** How long a landlord has to decide before an agent is asked to chase the decision. */
export const APPROVAL_DEADLINE_DAYS = 7;
/** Once the scenario is through, how often the open debt is checked again. */
const FINISHED_RECHECK_MS = 7 * 24 * 3600 * 1000;
/** The status query keeps this many history entries; the debt's timeline keeps them all. */
const HISTORY_LIMIT = 200;

export interface DebtDunningInput {
  workspaceId: string;
  debtId: string;
  /** The scenario version the debt is pinned to. */
  scenario: ScenarioDefinition;
  /** Below this overdue balance the debt is not pursued (cents). */
  pursueFromCents: number;
  profile: TenantProfile;
  leaseKind: LeaseKind;
  /** For the RelanceLandlordId search attribute (debts started before it was passed have none). */
  landlordId?: string;
  /** The landlord's mandate at the debt's opening (debts started before it was passed have none). */
  mandate?: LandlordMandate;
  /** The tenants' preferred channel, when they share one: it picks one step of a channel group. */
  preferredChannel?: PreferredChannel;
  /** State carried over by continue-as-new. */
  carried?: CarriedState;
}

interface CarriedState {
  done: string[];
  pause?: { until?: string; reason: string };
  awaitingApproval?: { stepKey: string; since: string };
  approved: string[];
  plan?: { installments: Installment[]; acceptedAt: string; awaitingApprovalSince?: string };
  promise?: { until: string; taskId: string };
  /** Agent tasks a message asked for, created at the top of the next turn. */
  followUps?: Array<{ key: string; title: string; body: string }>;
  history?: DebtWorkflowStatus['history'];
  /** Whether the debt row currently says PAYMENT_PLAN. */
  mirroredOnPlan?: boolean;
  /** When the last SMS or call step ran (the minimum gap between contacts). */
  lastContactAt?: string;
  /** When the scenario last (re)started: its start, or the end of a pause, plan or promise (catch-up policies). */
  resumedAt?: string;
  /** A hand-off step was carried out: the debt is with the litigation partner or the insurer. */
  escalated?: boolean;
}

/**
 * One debt's dunning scenario, from opening to close (DESIGN §4): a loop around the pure
 * interpreter. Before every step it re-reads the live balance; any message wakes it to
 * plan again, so a payment, a pause, a plan or a decision takes effect at once.
 *
 * Changing this code: running workflows replay it. New paths are free; anything that adds,
 * removes or reorders activities, timers or search-attribute upserts on an existing path
 * goes behind `patched('<name>')` (README, "Changing the workflow").
 */
export async function debtDunning(input: DebtDunningInput): Promise<DebtWorkflowStatus['status']> {
  const ref = { workspaceId: input.workspaceId, debtId: input.debtId };
  const state: CarriedState = input.carried ?? { done: [], approved: [] };
  state.history ??= [];
  // Behind a patch: runs started before it replay with the rules they ran with (planner
  // version 1); new runs, and runs continued as new, get today's rules.
  const plannerVersion: PlannerVersion = patched('planner-v2') ? 2 : 1;
  const v2 = plannerVersion >= 2;
  if (v2) state.resumedAt ??= new Date().toISOString();
  /** The scenario starts again after a hold: steps whose moment passed meanwhile follow their catch-up policy. */
  const resumed = () => {
    if (v2) state.resumedAt = new Date().toISOString();
  };
  let ended: { status: 'CANCELLED' | 'WRITTEN_OFF'; reason: string } | undefined;
  let wake = false;
  let next: NextAction | undefined;
  let decision: { stepKey: string; approve: boolean; comment?: string; by: string } | undefined;
  /** The balance last read, for the payment plan validator (which may not call activities). */
  let lastBalanceCents: number | undefined;
  const now = () => new Date().toISOString();
  const log = (kind: string, stepKey?: string) => {
    state.history!.push({ at: now(), kind, ...(stepKey ? { stepKey } : {}) });
    if (state.history!.length > HISTORY_LIMIT) state.history!.splice(0, state.history!.length - HISTORY_LIMIT);
  };

  setHandler(paymentRecordedSignal, () => void (wake = true));
  setHandler(pauseSignal, ({ reason, until }) => {
    state.pause = { reason, until };
    log('PAUSED');
    wake = true;
  });
  setHandler(resumeSignal, () => {
    state.pause = undefined;
    resumed();
    log('RESUMED');
    wake = true;
  });
  setHandler(landlordDecisionSignal, (d) => {
    const planAwaits = d.stepKey === PAYMENT_PLAN_APPROVAL && state.plan?.awaitingApprovalSince;
    if (planAwaits || state.awaitingApproval?.stepKey === d.stepKey) {
      decision = d;
      wake = true;
    }
  });
  setHandler(cancelSignal, ({ reason }) => {
    ended = { status: 'CANCELLED', reason };
    wake = true;
  });
  setHandler(writeOffSignal, ({ reason }) => {
    ended = { status: 'WRITTEN_OFF', reason };
    wake = true;
  });
  setHandler(taskCompletedSignal, (completion) => {
    onTaskCompleted(state, completion);
    log(`TASK_${completion.outcome}`);
    wake = true;
  });
  setHandler(
    proposePaymentPlanUpdate,
    ({ installments, requiresLandlordApproval }) => {
      state.plan = { installments, acceptedAt: now(), ...(requiresLandlordApproval ? { awaitingApprovalSince: now() } : {}) };
      // A plan supersedes a promise made earlier on the phone.
      state.promise = undefined;
      log(requiresLandlordApproval ? 'PLAN_AWAITING_APPROVAL' : 'PLAN_ACCEPTED');
      wake = true;
      return { status: requiresLandlordApproval ? 'AWAITING_APPROVAL' : 'ACTIVE' };
    },
    {
      validator: ({ installments }) => {
        if (state.plan) throw planRefused([{ field: 'installments', message: 'a payment plan is already running on this debt' }]);
        if (lastBalanceCents === undefined) throw planRefused([{ field: 'installments', message: 'the debt’s balance is not read yet' }]);
        const problems = validatePaymentPlan(installments, { balanceCents: lastBalanceCents, today: parisParts(new Date()).date });
        if (problems.length > 0) throw planRefused(problems);
      },
    },
  );
  setHandler(statusQuery, () => ({
    status: state.pause
      ? 'PAUSED'
      : state.plan?.awaitingApprovalSince || (!state.plan && state.awaitingApproval)
        ? 'AWAITING_APPROVAL'
        : state.plan
          ? 'PAYMENT_PLAN'
          : state.escalated
            ? 'ESCALATED'
            : 'OPEN',
    steps: input.scenario.steps.map((s) => s.key),
    ...(state.plan?.awaitingApprovalSince
      ? { awaitingApproval: PAYMENT_PLAN_APPROVAL }
      : state.awaitingApproval
        ? { awaitingApproval: state.awaitingApproval.stepKey }
        : {}),
    ...(state.resumedAt ? { resumedAt: state.resumedAt } : {}),
    ...(state.lastContactAt ? { lastContactAt: state.lastContactAt } : {}),
    currentStep: state.done[state.done.length - 1],
    nextAction: next && describe(next, state),
    done: [...state.done],
    plan: state.plan && { installments: state.plan.installments, acceptedAt: state.plan.acceptedAt, awaitingApproval: Boolean(state.plan.awaitingApprovalSince) },
    promise: state.promise && { until: state.promise.until },
    history: [...state.history!],
  }));

  // Status, step and landlord are searchable in the Temporal UI (README). Behind a patch:
  // the histories of workflows started before carry no upserts.
  const searchable = patched('search-attributes');
  let published = '';
  const publishSearchAttributes = (status: string) => {
    const step = state.done[state.done.length - 1] ?? '';
    if (!searchable || published === `${status}|${step}`) return;
    published = `${status}|${step}`;
    upsertSearchAttributes([
      { key: { name: 'RelanceWorkspaceId', type: 'KEYWORD' }, value: input.workspaceId },
      ...(input.landlordId ? [{ key: { name: 'RelanceLandlordId', type: 'KEYWORD' as const }, value: input.landlordId }] : []),
      { key: { name: 'RelanceDebtStatus', type: 'KEYWORD' }, value: status },
      { key: { name: 'RelanceCurrentStep', type: 'KEYWORD' }, value: step },
    ]);
  };
  const finish = async (status: 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF', reason: string) => {
    await activities.closeDebt({ ...ref, status, reason, at: now() });
    log(`DEBT_${status}`);
    publishSearchAttributes(status);
    return status;
  };

  /** Sleeps until `until` (or forever) unless a message arrives; true when woken. */
  const waitUntil = async (until?: Date): Promise<boolean> => {
    let woke = true;
    if (until) woke = await condition(() => wake, Math.max(until.getTime() - new Date().getTime(), 0));
    else await condition(() => wake);
    wake = false;
    return woke;
  };
  const mirrorPlan = async (onPlan: boolean) => {
    if (Boolean(state.mirroredOnPlan) === onPlan) return;
    state.mirroredOnPlan = onPlan;
    await activities.setDebtOnPlan({ ...ref, onPlan });
  };

  for (;;) {
    if (ended) return finish(ended.status, ended.reason);
    for (const task of state.followUps?.splice(0) ?? []) await activities.createAgentTask({ ...ref, ...task, dueAt: now() });
    if (decision) {
      const d = decision;
      decision = undefined;
      await activities.recordDebtEvent({
        ...ref, kind: d.approve ? 'LANDLORD_APPROVED' : 'LANDLORD_REJECTED', at: now(),
        summary: `Landlord ${d.approve ? 'approved' : 'rejected'} ${d.stepKey === PAYMENT_PLAN_APPROVAL ? 'the payment plan' : `step ${d.stepKey}`}${d.comment ? `: ${d.comment}` : ''}`,
        data: { stepKey: d.stepKey, by: d.by },
      });
      log(d.approve ? 'LANDLORD_APPROVED' : 'LANDLORD_REJECTED', d.stepKey);
      if (d.stepKey === PAYMENT_PLAN_APPROVAL) {
        if (d.approve && state.plan) state.plan.awaitingApprovalSince = undefined;
        else {
          state.plan = undefined;
          resumed();
          await activities.createAgentTask({
            ...ref, key: `plan-rejected:${now()}`, dueAt: now(), title: 'Landlord rejected the payment plan: tell the tenant',
            body: d.comment ?? 'The landlord rejected the proposed payment plan; the scenario resumes.',
          });
        }
      } else {
        state.awaitingApproval = undefined;
        if (d.approve) state.approved.push(d.stepKey);
        else {
          state.done.push(d.stepKey);
          await activities.createAgentTask({
            ...ref, key: `rejected:${d.stepKey}`, dueAt: now(), title: `Landlord rejected ${d.stepKey}: decide what follows`,
            body: d.comment ?? 'The landlord rejected this step; the scenario goes on without it.',
          });
        }
      }
    }
    const live = await activities.readDebtState(state.plan ? { ...ref, paymentsSince: state.plan.acceptedAt } : ref);
    lastBalanceCents = live.balanceCents;
    if (state.promise && Date.parse(state.promise.until) <= new Date().getTime()) {
      // The promised date (plus grace) has passed: paid → the plan below closes the debt.
      const promise = state.promise;
      state.promise = undefined;
      resumed();
      if (live.balanceCents > 0) {
        log('PROMISE_BROKEN');
        await activities.recordDebtEvent({
          ...ref, kind: 'PROMISE_BROKEN', at: now(), summary: `Promise to pay not kept: ${live.balanceCents} cents still due; the scenario resumes`,
          data: { taskId: promise.taskId, balanceCents: live.balanceCents },
        });
      }
    }
    const progress: DebtProgress = {
      anchor: live.anchor ?? now().slice(0, 10),
      balanceCents: live.balanceCents,
      pursueFromCents: input.pursueFromCents,
      profile: input.profile,
      leaseKind: input.leaseKind,
      done: state.done,
      pause: state.pause,
      awaitingApproval: state.awaitingApproval?.stepKey,
      ...(input.mandate ? { mandate: input.mandate } : {}),
      ...(state.plan
        ? { paymentPlan: { plan: state.plan, paidCents: live.paidSinceCents ?? 0, awaitingApproval: Boolean(state.plan.awaitingApprovalSince) } }
        : {}),
      ...(state.promise ? { promise: state.promise } : {}),
      ...(state.lastContactAt ? { lastContactAt: state.lastContactAt } : {}),
      ...(v2 ? { plannerVersion, resumedAt: state.resumedAt, ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}) } : { plannerVersion }),
    };
    next = planNextAction(input.scenario, progress, new Date());
    publishSearchAttributes(
      next.kind === 'WAIT' && next.reason === 'PAUSED' ? 'PAUSED' : state.plan ? 'PAYMENT_PLAN' : v2 && state.escalated ? 'ESCALATED' : 'OPEN',
    );
    switch (next.kind) {
      case 'CLOSE':
        return finish('RESOLVED', next.reason);
      case 'SKIP':
        state.done.push(next.step.key);
        log('STEP_SKIPPED', next.step.key);
        await activities.recordDebtEvent({
          ...ref, kind: 'STEP_SKIPPED', at: now(), summary: `Step ${next.step.key} skipped: ${next.reason}`, data: { stepKey: next.step.key },
        });
        break;
      case 'FINISHED':
        await waitUntil(new Date(new Date().getTime() + FINISHED_RECHECK_MS));
        break;
      case 'PLAN_KEPT':
      case 'PLAN_BROKEN': {
        const plan = state.plan!;
        state.plan = undefined;
        resumed();
        await mirrorPlan(false);
        log(next.kind);
        if (next.kind === 'PLAN_KEPT') {
          await activities.recordDebtEvent({
            ...ref, kind: 'PLAN_KEPT', at: now(), summary: 'Payment plan kept: every installment paid; the scenario resumes on what is still due',
          });
        } else {
          await activities.recordDebtEvent({
            ...ref, kind: 'PLAN_BROKEN', at: now(),
            summary: `Payment plan broken: installment ${next.index + 1} missed (${next.paidCents} of ${next.expectedCents} cents paid); the scenario resumes`,
            data: { installment: next.index + 1, paidCents: next.paidCents, expectedCents: next.expectedCents },
          });
          await activities.createAgentTask({
            ...ref, key: `plan-broken:${plan.acceptedAt}`, dueAt: now(), title: 'Payment plan broken: call the tenant',
            body: `Installment ${next.index + 1} of the plan accepted on ${plan.acceptedAt.slice(0, 10)} was not paid. The scenario has resumed.`,
          });
        }
        break;
      }
      case 'WAIT':
        if (next.reason === 'PAUSED') {
          await activities.setDebtPaused({ ...ref, paused: true });
          const woke = await waitUntil(next.until);
          if (!woke && state.pause) {
            state.pause = undefined;
            resumed();
            log('RESUMED');
            await activities.recordDebtEvent({ ...ref, kind: 'RESUMED', at: now(), summary: 'Pause ended: scenario resumed' });
          }
          if (!state.pause) await activities.setDebtPaused({ ...ref, paused: false });
        } else if (next.reason === 'PAYMENT_PLAN') {
          await mirrorPlan(true);
          await waitUntil(next.until);
        } else if (next.reason === 'APPROVAL' && state.plan?.awaitingApprovalSince) {
          if (!(await waitUntil(approvalDeadline(state.plan.awaitingApprovalSince))) && state.plan?.awaitingApprovalSince) {
            // No decision in time: the plan lapses rather than hold the scenario forever.
            const plan = state.plan;
            state.plan = undefined;
            resumed();
            log('PLAN_LAPSED');
            await activities.createAgentTask({
              ...ref, key: `plan-approval-overdue:${plan.acceptedAt}`, dueAt: now(), title: 'No landlord decision on the payment plan',
              body: `The landlord did not decide within ${APPROVAL_DEADLINE_DAYS} days; the plan lapsed and the scenario resumed. Chase the landlord and propose it again.`,
            });
          }
        } else if (next.reason === 'APPROVAL' && state.awaitingApproval) {
          if (!(await waitUntil(approvalDeadline(state.awaitingApproval.since))) && state.awaitingApproval) {
            // No decision in time: never wait forever, never act without it.
            const stepKey = state.awaitingApproval.stepKey;
            state.awaitingApproval = undefined;
            state.done.push(stepKey);
            await activities.createAgentTask({
              ...ref, key: `approval-overdue:${stepKey}`, dueAt: now(), title: `No landlord decision on ${stepKey}`,
              body: `The landlord did not decide within ${APPROVAL_DEADLINE_DAYS} days; the step was not carried out.`,
            });
          }
        } else {
          await waitUntil(next.until);
        }
        break;
      case 'RUN': {
        if (next.at.getTime() > new Date().getTime() && (await waitUntil(next.at))) break; // a message: plan again
        const step = next.step;
        if (next.needsApproval && !state.approved.includes(step.key)) {
          state.awaitingApproval = { stepKey: step.key, since: now() };
          log('APPROVAL_REQUESTED', step.key);
          await activities.recordDebtEvent({
            ...ref, kind: 'APPROVAL_REQUESTED', at: now(), summary: `Landlord approval requested for ${step.key}`, data: { stepKey: step.key },
          });
          break;
        }
        if (next.movedFrom) {
          await activities.recordDebtEvent({
            ...ref, kind: 'STEP_MOVED', at: now(),
            summary: `${step.key} moved from ${next.movedFrom.toISOString()} to the next allowed contact time`,
          });
        }
        await stepActivities.performStep({
          ...ref, stepKey: step.key, action: step.action, template: step.template, scheduledAt: next.dueAt.toISOString(), performedAt: now(),
        });
        state.done.push(step.key);
        if (HANDOFF_ACTIONS.includes(step.action)) state.escalated = true;
        // Behind a patch: a run that started before the gap existed replays as it ran.
        if (isContactAction(step.action, plannerVersion) && patched('contact-gap')) state.lastContactAt = now();
        log(step.action, step.key);
        break;
      }
    }
    // Only between messages: a decision, an end or a wake-up taken in but not acted on yet
    // lives outside the carried state.
    if (workflowInfo().continueAsNewSuggested && !decision && !ended && !wake) {
      await continueAsNew<typeof debtDunning>({ ...input, carried: state });
    }
  }
}

/** What a completed task changes in the scenario: a promise waits, a dispute pauses, a wrong number asks for a fix. */
function onTaskCompleted(state: CarriedState, completion: TaskCompletion): void {
  if (completion.outcome === 'PROMISE_TO_PAY' && completion.promisedDate) {
    state.promise = { until: promiseCheckTime(completion.promisedDate).toISOString(), taskId: completion.taskId };
  } else if (completion.outcome === 'DISPUTE') {
    // A contested debt is not escalated until someone has looked at the dispute.
    state.pause = { reason: `Dispute raised: ${completion.report}` };
  } else if (completion.outcome === 'WRONG_NUMBER') {
    (state.followUps ??= []).push({
      key: `wrong-number:${completion.taskId}`,
      title: 'Wrong phone number: find the tenant’s current contact details',
      body: completion.report,
    });
  }
}

function approvalDeadline(since: string): Date {
  return new Date(new Date(since).getTime() + APPROVAL_DEADLINE_DAYS * 86_400_000);
}

function planRefused(problems: Array<{ field: string; message: string }>): ApplicationFailure {
  return ApplicationFailure.create({
    type: INVALID_PAYMENT_PLAN,
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    details: [problems],
    nonRetryable: true,
  });
}

function describe(next: NextAction, state: CarriedState): DebtWorkflowStatus['nextAction'] {
  if (next.kind === 'RUN') return { kind: next.step.action, stepKey: next.step.key, at: next.at.toISOString() };
  if (next.kind === 'WAIT') {
    const stepKey = next.reason === 'APPROVAL' && state.plan?.awaitingApprovalSince ? PAYMENT_PLAN_APPROVAL : next.step?.key;
    return { kind: `WAIT_${next.reason}`, stepKey, at: next.until?.toISOString() };
  }
  return { kind: next.kind };
}
