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
import type { ApprovalActivities } from '../activities/approval.activities.types';
import type { DebtActivities, DebtLiveState } from '../activities/debt.activities.types';
import {
  APPROVAL_DEADLINE_DAYS,
  applyDecision,
  claimApprovalDays,
  approvalTimes,
  DebtCase,
  DebtCaseContext,
  DebtCaseEffect,
  DebtCaseMessage,
  describeNextAction,
  progressOf,
  reduceDebtCase,
  refusalOf,
  resumedAt,
  viewOf,
  withHistory,
} from '../src/domain/debt-reducer';
import {
  isContactAction,
  LandlordMandate,
  NextAction,
  PAYMENT_PLAN_APPROVAL,
  planNextAction,
  PlannerVersion,
} from '../src/domain/dunning-plan';
import { parisTime } from '../src/domain/french-calendar';
import { gliClaimSchedule, legalAgenda, legalObligations } from '../src/domain/legal-rules';
import { HANDOFF_ACTIONS, LeaseKind, PreferredChannel, ScenarioDefinition, TenantProfile } from '../src/domain/scenario';
import {
  cancelSignal,
  DebtWorkflowStatus,
  INVALID_PAYMENT_PLAN,
  landlordDecisionSignal,
  legalMilestoneSignal,
  pauseSignal,
  paymentRecordedSignal,
  proposePaymentPlanUpdate,
  resumeSignal,
  statusQuery,
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

/** The landlord's side of approvals: requests as rows, notices, reminders, lapses (patch `approval-requests`). */
const approvalActivities = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** How long a landlord has to decide before an agent is asked to chase the decision (src/domain/debt-reducer.ts). */
export { APPROVAL_DEADLINE_DAYS };
/** Once the scenario is through, how often the open debt is checked again. */
const FINISHED_RECHECK_MS = 7 * 24 * 3600 * 1000;

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

/** The case carried over by continue-as-new (see {@link DebtCase}). */
export type CarriedState = DebtCase;

/**
 * One debt's dunning scenario, from opening to close (DESIGN §4): a loop around the pure
 * interpreter. Before every step it re-reads the live balance; any message wakes it to
 * plan again, so a payment, a pause, a plan or a decision takes effect at once. Messages
 * go through the pure reducer (src/domain/debt-reducer.ts), the same rules the services
 * check before sending them.
 *
 * Changing this code: running workflows replay it. New paths are free; anything that adds,
 * removes or reorders activities, timers or search-attribute upserts on an existing path
 * goes behind `patched('<name>')` (README, "Changing the workflow"). The patches:
 * - `planner-v2` (asked once, at start): the interpreter's version 2 rules;
 * - `search-attributes` (at start): status and step searchable in the Temporal UI;
 * - `contact-gap` (after a contact step): the minimum gap between contacts;
 * - `debt-progress` (at each turn, until true): the debt's status, step done last and next
 *   action are published on its row through `recordDebtProgress`, in place of the
 *   setDebtPaused / setDebtOnPlan mirrors and the hand-off's status write;
 * - `approval-requests` (when an approval is asked): the request is a row and the landlord
 *   is told (`requestLandlordApproval`), reminded before the deadline and the row lapses at
 *   it; the case remembers it asked so (`requested`), so only such runs remind and lapse.
 * - `legal-deadlines` (at each turn, until true): the deadlines law and the GLI contract set
 *   (src/domain/legal-rules.ts) open their task and timeline entry on their day, the wait
 *   for the next step ends early on such a day, and the claim step follows the contract.
 * - `guarantor-step` (at each turn, until true): a guarantor notice step is skipped on a
 *   lease without a guarantor (known from the legal facts read with the balance).
 */
export async function debtDunning(input: DebtDunningInput): Promise<DebtWorkflowStatus['status']> {
  const ref = { workspaceId: input.workspaceId, debtId: input.debtId };
  let state: DebtCase = { ...(input.carried ?? { done: [], approved: [] }) };
  state.history ??= [];
  // Behind a patch: runs started before it replay with the rules they ran with (planner
  // version 1); new runs, and runs continued as new, get today's rules.
  const plannerVersion: PlannerVersion = patched('planner-v2') ? 2 : 1;
  const v2 = plannerVersion >= 2;
  if (v2) state.resumedAt ??= new Date().toISOString();
  const steps = input.scenario.steps.map((s) => s.key);
  const now = () => new Date().toISOString();
  let ended: { status: 'CANCELLED' | 'WRITTEN_OFF'; reason: string } | undefined;
  let wake = false;
  let next: NextAction | undefined;
  let decision: Parameters<typeof applyDecision>[1] | undefined;
  /** The balance last read, for the payment plan validator (which may not call activities). */
  let lastBalanceCents: number | undefined;
  /** Whether this run publishes its progress on the debt's row (patch `debt-progress`). */
  let publishesProgress = false;
  /** Whether this run keeps the legal deadlines (patch `legal-deadlines`), and when the next one falls. */
  let keepsLegalDeadlines = false;
  let legalAt: Date | undefined;
  /** Whether this run skips a guarantor notice on a lease without a guarantor (patch `guarantor-step`). */
  let countsGuarantors = false;
  /** Whether the scenario's insurer claim waits for the landlord: the GLI schedule leaves time for the decision. */
  const approvalDays = claimApprovalDays(input.scenario, input.mandate);
  const context = (): DebtCaseContext => ({ steps, balanceCents: lastBalanceCents, tracksResumption: v2 });

  /** Takes a message through the reducer: the case after it, and what it asks the loop to do. */
  const take = (message: DebtCaseMessage) => {
    const outcome = reduceDebtCase(state, message, new Date(), context());
    state = outcome.state;
    for (const effect of outcome.effects) {
      if (effect.kind === 'WAKE') wake = true;
      else if (effect.kind === 'END') ended = { status: effect.status, reason: effect.reason };
      else if (effect.kind === 'DECIDE') decision = effect.decision;
    }
    return outcome;
  };
  setHandler(paymentRecordedSignal, () => void take({ kind: 'paymentRecorded' }));
  setHandler(pauseSignal, ({ reason, until }) => void take({ kind: 'pause', reason, until }));
  setHandler(resumeSignal, () => void take({ kind: 'resume' }));
  setHandler(landlordDecisionSignal, (d) => void take({ kind: 'decide', ...d }));
  setHandler(cancelSignal, ({ reason }) => void take({ kind: 'cancel', reason }));
  setHandler(writeOffSignal, ({ reason }) => void take({ kind: 'writeOff', reason }));
  // Only runs that keep the deadlines wake for it: one sent to a run from before the patch
  // (a newer API, an older worker) changes nothing when its history replays.
  setHandler(legalMilestoneSignal, () => void (keepsLegalDeadlines && take({ kind: 'legalMilestone' })));
  setHandler(taskCompletedSignal, (completion) => void take({ kind: 'taskCompleted', ...completion }));
  setHandler(
    proposePaymentPlanUpdate,
    ({ installments, requiresLandlordApproval }) => {
      const outcome = take({ kind: 'proposePlan', installments, requiresLandlordApproval });
      if (outcome.refused) throw planRefused(outcome.refused.problems);
      return outcome.reply!;
    },
    {
      validator: ({ installments, requiresLandlordApproval }) => {
        const refused = refusalOf(viewOf(state, context()), { kind: 'proposePlan', installments, requiresLandlordApproval }, new Date());
        if (refused) throw planRefused(refused.problems);
      },
    },
  );
  setHandler(statusQuery, () => statusOf(state, steps, next));

  const log = (kind: string, stepKey?: string) => void (state = withHistory(state, new Date(), kind, stepKey));
  /** The scenario starts again after a hold: steps whose moment passed meanwhile follow their catch-up policy. */
  const resumed = () => void (state = resumedAt(state, new Date(), context()));
  /** Runs the timeline entries and agent tasks a decision asks for, in order. */
  const run = async (effects: DebtCaseEffect[]) => {
    for (const effect of effects) {
      if (effect.kind === 'TIMELINE') await activities.recordDebtEvent({ ...ref, ...effect.entry, at: now() });
      else if (effect.kind === 'TASK') await activities.createAgentTask({ ...ref, ...effect.task, dueAt: now() });
    }
  };

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
  /** The debt's row says where the case stands (status, step done last, next action), written when it changes. */
  let progressOnRow = '';
  const publishProgress = async (planned: NextAction): Promise<boolean> => {
    // Only where the case rests: a skip or a plan's end is planned again at once.
    if (!publishesProgress || !['RUN', 'WAIT', 'FINISHED'].includes(planned.kind)) return false;
    const progress = JSON.stringify(progressOf(state, planned));
    if (progress === progressOnRow) return false;
    progressOnRow = progress;
    await activities.recordDebtProgress({ ...ref, ...progressOf(state, planned) });
    return true;
  };
  const finish = async (status: 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF', reason: string) => {
    await activities.closeDebt({ ...ref, status, reason, at: now() });
    // A request still open when the debt closes waits for nobody any more.
    const open =
      state.plan?.awaitingApprovalSince && state.plan.requested
        ? { stepKey: PAYMENT_PLAN_APPROVAL, since: state.plan.awaitingApprovalSince }
        : state.awaitingApproval?.requested
          ? state.awaitingApproval
          : undefined;
    if (open)
      await approvalActivities.lapseLandlordApproval({
        ...ref,
        stepKey: open.stepKey,
        requestedAt: open.since,
        at: now(),
        reason: 'DEBT_CLOSED',
      });
    log(`DEBT_${status}`);
    publishSearchAttributes(status);
    return status;
  };

  /**
   * Sleeps until `until` (or forever) unless a message arrives; true when woken. A legal
   * deadline's day coming first wakes it too: the loop plans again and opens its task.
   */
  const waitUntil = async (until?: Date): Promise<boolean> => {
    const legal = legalAt && (!until || legalAt < until) ? legalAt : undefined;
    const limit = legal ?? until;
    let woke = true;
    if (limit) woke = await condition(() => wake, Math.max(limit.getTime() - new Date().getTime(), 0));
    else await condition(() => wake);
    wake = false;
    return woke || legal !== undefined;
  };

  /**
   * The deadlines whose day has come open their task (due on the deadline) and say so on
   * the timeline, once each; the next one's day bounds the coming wait. Read from the facts
   * the balance came with, so a milestone recorded or a payment made counts at once.
   */
  const meetLegalDeadlines = async (live: Pick<DebtLiveState, 'legal'>) => {
    legalAt = undefined;
    if (!live.legal) return;
    const obligations = legalObligations(live.legal, approvalDays);
    const agenda = legalAgenda(obligations, new Date(), state.legalDone ?? []);
    for (const obligation of agenda.due) {
      state.legalDone = [...(state.legalDone ?? []), obligation.key];
      await activities.recordDebtEvent({
        ...ref,
        kind: 'LEGAL_DEADLINE',
        key: `legal:${obligation.key}`,
        at: now(),
        summary: `${obligation.title} (${obligation.source})`,
        data: { key: obligation.key, rule: obligation.rule, dueOn: obligation.dueOn, source: obligation.source },
      });
      await activities.createAgentTask({
        ...ref,
        key: `legal:${obligation.key}`,
        title: obligation.title,
        body: obligation.body,
        dueAt: parisTime(obligation.dueOn, 18).toISOString(),
        at: now(),
      });
    }
    legalAt = agenda.nextAt;
  };
  /** Runs before `debt-progress` mirror a payment plan into the row's status themselves. */
  const mirrorPlan = async (onPlan: boolean) => {
    if (publishesProgress || Boolean(state.mirroredOnPlan) === onPlan) return;
    state.mirroredOnPlan = onPlan;
    await activities.setDebtOnPlan({ ...ref, onPlan });
  };
  /** Likewise for a pause. */
  const mirrorPause = async (paused: boolean) => {
    if (!publishesProgress) await activities.setDebtPaused({ ...ref, paused });
  };

  /** A landlord's decision, acted on at the turn after it arrived. */
  const actOnDecision = async () => {
    const outcome = applyDecision(state, decision!, new Date(), context());
    decision = undefined;
    state = outcome.state;
    await run(outcome.effects);
  };

  /** The promised date (plus grace) has passed: paid → the plan below closes the debt; otherwise the scenario resumes. */
  const checkPromise = async (live: DebtLiveState) => {
    if (!state.promise || Date.parse(state.promise.until) > new Date().getTime()) return;
    const promise = state.promise;
    state.promise = undefined;
    resumed();
    if (live.balanceCents <= 0) return;
    log('PROMISE_BROKEN');
    await activities.recordDebtEvent({
      ...ref,
      kind: 'PROMISE_BROKEN',
      at: now(),
      summary: `Promise to pay not kept: ${live.balanceCents} cents still due; the scenario resumes`,
      data: { taskId: promise.taskId, balanceCents: live.balanceCents },
    });
  };

  /** The interpreter's next action for the case as it stands, the balance just read. */
  const plan = (live: DebtLiveState): NextAction =>
    planNextAction(
      input.scenario,
      {
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
          ? {
              paymentPlan: {
                plan: state.plan,
                paidCents: live.paidSinceCents ?? 0,
                awaitingApproval: Boolean(state.plan.awaitingApprovalSince),
              },
            }
          : {}),
        ...(state.promise ? { promise: state.promise } : {}),
        ...(state.lastContactAt ? { lastContactAt: state.lastContactAt } : {}),
        ...(countsGuarantors && live.legal ? { guarantors: live.legal.guarantors.length } : {}),
        ...(keepsLegalDeadlines && live.legal?.lease.gli && live.anchor
          ? {
              insurerClaim: insurerClaimOf(gliClaimSchedule(live.legal.lease.gli, live.anchor, approvalDays)),
            }
          : {}),
        ...(v2
          ? { plannerVersion, resumedAt: state.resumedAt, ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}) }
          : { plannerVersion }),
      },
      new Date(),
    );

  const skipStep = async (skip: Extract<NextAction, { kind: 'SKIP' }>) => {
    state.done.push(skip.step.key);
    log('STEP_SKIPPED', skip.step.key);
    await activities.recordDebtEvent({
      ...ref,
      kind: 'STEP_SKIPPED',
      at: now(),
      summary: `Step ${skip.step.key} skipped: ${skip.reason}`,
      data: { stepKey: skip.step.key },
    });
  };

  /** Every installment paid (new arrears remain), or one missed: the plan ends and the scenario resumes. */
  const endPlan = async (end: Extract<NextAction, { kind: 'PLAN_KEPT' | 'PLAN_BROKEN' }>) => {
    const ending = state.plan!;
    state.plan = undefined;
    resumed();
    await mirrorPlan(false);
    log(end.kind);
    if (end.kind === 'PLAN_KEPT') {
      await activities.recordDebtEvent({
        ...ref,
        kind: 'PLAN_KEPT',
        at: now(),
        summary: 'Payment plan kept: every installment paid; the scenario resumes on what is still due',
      });
      return;
    }
    await activities.recordDebtEvent({
      ...ref,
      kind: 'PLAN_BROKEN',
      at: now(),
      summary: `Payment plan broken: installment ${end.index + 1} missed (${end.paidCents} of ${end.expectedCents} cents paid); the scenario resumes`,
      data: { installment: end.index + 1, paidCents: end.paidCents, expectedCents: end.expectedCents },
    });
    await activities.createAgentTask({
      ...ref,
      key: `plan-broken:${ending.acceptedAt}`,
      dueAt: now(),
      title: 'Payment plan broken: call the tenant',
      body: `Installment ${end.index + 1} of the plan accepted on ${ending.acceptedAt.slice(0, 10)} was not paid. The scenario has resumed.`,
    });
  };

  /** Paused until a date or until resumed; a pause that runs out resumes the scenario by itself. */
  const holdWhilePaused = async (until?: Date) => {
    await mirrorPause(true);
    const woke = await waitUntil(until);
    if (!woke && state.pause) {
      state.pause = undefined;
      resumed();
      log('RESUMED');
      await activities.recordDebtEvent({ ...ref, kind: 'RESUMED', at: now(), summary: 'Pause ended: scenario resumed' });
    }
    if (!state.pause) await mirrorPause(false);
  };

  /**
   * Asked once (runs with `approval-requests`): the landlord is reminded `APPROVAL_REMINDER_DAYS_BEFORE`
   * the deadline if still undecided; false when a message came meanwhile (plan again).
   */
  const remindLandlord = async (stepKey: string, since: string, notice: { requested?: boolean; remindedAt?: string } | undefined) => {
    if (!notice?.requested || notice.remindedAt) return true;
    if (await waitUntil(approvalTimes(since).remindAt)) return false;
    await approvalActivities.remindLandlordApproval({ ...ref, stepKey, requestedAt: since, at: now() });
    return true;
  };

  /** A plan the landlord must approve lapses after the deadline rather than hold the scenario forever. */
  const awaitPlanApproval = async (since: string) => {
    if (!state.plan!.requested && patched('approval-requests')) {
      state.plan = { ...state.plan!, requested: true };
      await approvalActivities.requestLandlordApproval({
        ...ref,
        stepKey: PAYMENT_PLAN_APPROVAL,
        requestedAt: since,
        deadlineAt: approvalTimes(since).deadlineAt.toISOString(),
        installments: state.plan.installments,
      });
    }
    if (!(await remindLandlord(PAYMENT_PLAN_APPROVAL, since, state.plan))) return;
    if (state.plan?.requested && !state.plan.remindedAt) state.plan = { ...state.plan, remindedAt: now() };
    if ((await waitUntil(approvalDeadline(since))) || !state.plan?.awaitingApprovalSince) return;
    const lapsed = state.plan;
    state.plan = undefined;
    resumed();
    log('PLAN_LAPSED');
    if (lapsed.requested) {
      await approvalActivities.lapseLandlordApproval({
        ...ref,
        stepKey: PAYMENT_PLAN_APPROVAL,
        requestedAt: since,
        at: now(),
        reason: 'DEADLINE',
      });
    }
    await activities.createAgentTask({
      ...ref,
      key: `plan-approval-overdue:${lapsed.acceptedAt}`,
      dueAt: now(),
      title: 'No landlord decision on the payment plan',
      body: `The landlord did not decide within ${APPROVAL_DEADLINE_DAYS} days; the plan lapsed and the scenario resumed. Chase the landlord and propose it again.`,
    });
  };

  /** A step waiting for the landlord: never wait forever, never act without the decision. */
  const awaitStepApproval = async (since: string) => {
    if (!(await remindLandlord(state.awaitingApproval!.stepKey, since, state.awaitingApproval))) return;
    if (state.awaitingApproval?.requested && !state.awaitingApproval.remindedAt)
      state.awaitingApproval = { ...state.awaitingApproval, remindedAt: now() };
    if ((await waitUntil(approvalDeadline(since))) || !state.awaitingApproval) return;
    const { stepKey, requested } = state.awaitingApproval;
    state.awaitingApproval = undefined;
    state.done.push(stepKey);
    if (requested) await approvalActivities.lapseLandlordApproval({ ...ref, stepKey, requestedAt: since, at: now(), reason: 'DEADLINE' });
    await activities.createAgentTask({
      ...ref,
      key: `approval-overdue:${stepKey}`,
      dueAt: now(),
      title: `No landlord decision on ${stepKey}`,
      body: `The landlord did not decide within ${APPROVAL_DEADLINE_DAYS} days; the step was not carried out.`,
    });
  };

  /** A step at its time: asks the landlord first when it must, then carries it out (a message meanwhile: plan again). */
  const runStep = async (due: Extract<NextAction, { kind: 'RUN' }>) => {
    if (due.at.getTime() > new Date().getTime() && (await waitUntil(due.at))) return;
    const step = due.step;
    if (due.needsApproval && !state.approved.includes(step.key)) {
      const since = now();
      // Behind a patch: runs from before it asked without a row or a notice, and replay so.
      const requested = patched('approval-requests');
      state.awaitingApproval = { stepKey: step.key, since, ...(requested ? { requested } : {}) };
      log('APPROVAL_REQUESTED', step.key);
      await activities.recordDebtEvent({
        ...ref,
        kind: 'APPROVAL_REQUESTED',
        at: since,
        summary: `Landlord approval requested for ${step.key}`,
        data: { stepKey: step.key },
      });
      if (requested) {
        await approvalActivities.requestLandlordApproval({
          ...ref,
          stepKey: step.key,
          action: step.action,
          // Input only (not compared on replay): the draft letter the landlord reads before deciding.
          ...(step.template ? { template: step.template } : {}),
          requestedAt: since,
          deadlineAt: approvalTimes(since).deadlineAt.toISOString(),
        });
      }
      return;
    }
    if (due.movedFrom) {
      await activities.recordDebtEvent({
        ...ref,
        kind: 'STEP_MOVED',
        at: now(),
        summary: `${step.key} moved from ${due.movedFrom.toISOString()} to the next allowed contact time`,
      });
    }
    await stepActivities.performStep({
      ...ref,
      stepKey: step.key,
      action: step.action,
      template: step.template,
      scheduledAt: due.dueAt.toISOString(),
      performedAt: now(),
      ...(publishesProgress ? { statusByWorkflow: true } : {}),
    });
    state.done.push(step.key);
    if (HANDOFF_ACTIONS.includes(step.action)) state.escalated = true;
    // Behind a patch: a run that started before the gap existed replays as it ran.
    if (isContactAction(step.action, plannerVersion) && patched('contact-gap')) state.lastContactAt = now();
    log(step.action, step.key);
  };

  for (;;) {
    // Asked at each turn until true: a run started before the patch switches at its next turn.
    publishesProgress ||= patched('debt-progress');
    keepsLegalDeadlines ||= patched('legal-deadlines');
    countsGuarantors ||= keepsLegalDeadlines && patched('guarantor-step');
    if (ended) return finish(ended.status, ended.reason);
    for (const task of state.followUps?.splice(0) ?? []) await activities.createAgentTask({ ...ref, ...task, dueAt: now() });
    if (decision) await actOnDecision();
    // The legal facts only for runs that keep the deadlines (an input: not compared on replay).
    const live = await activities.readDebtState({
      ...ref,
      ...(state.plan ? { paymentsSince: state.plan.acceptedAt } : {}),
      ...(keepsLegalDeadlines ? { withLegal: true } : {}),
    });
    lastBalanceCents = live.balanceCents;
    await checkPromise(live);
    next = plan(live);
    // A debt about to close opens no task.
    if (keepsLegalDeadlines) await meetLegalDeadlines(next.kind === 'CLOSE' ? {} : live);
    publishSearchAttributes(
      next.kind === 'WAIT' && next.reason === 'PAUSED'
        ? 'PAUSED'
        : state.plan
          ? 'PAYMENT_PLAN'
          : v2 && state.escalated
            ? 'ESCALATED'
            : 'OPEN',
    );
    // A message that came while the row was written is acted on first: plan again (that takes the wake-up).
    if ((await publishProgress(next)) && wake) {
      wake = false;
      continue;
    }
    switch (next.kind) {
      case 'CLOSE':
        return finish('RESOLVED', next.reason);
      case 'SKIP':
        await skipStep(next);
        break;
      case 'FINISHED':
        await waitUntil(new Date(new Date().getTime() + FINISHED_RECHECK_MS));
        break;
      case 'PLAN_KEPT':
      case 'PLAN_BROKEN':
        await endPlan(next);
        break;
      case 'WAIT':
        if (next.reason === 'PAUSED') await holdWhilePaused(next.until);
        else if (next.reason === 'PAYMENT_PLAN') {
          await mirrorPlan(true);
          await waitUntil(next.until);
        } else if (next.reason === 'APPROVAL' && state.plan?.awaitingApprovalSince)
          await awaitPlanApproval(state.plan.awaitingApprovalSince);
        else if (next.reason === 'APPROVAL' && state.awaitingApproval) await awaitStepApproval(state.awaitingApproval.since);
        else await waitUntil(next.until);
        break;
      case 'RUN':
        await runStep(next);
        break;
    }
    // Only between messages: a decision, an end or a wake-up taken in but not acted on yet
    // lives outside the carried state.
    if (workflowInfo().continueAsNewSuggested && !decision && !ended && !wake) {
      await continueAsNew<typeof debtDunning>({ ...input, carried: state });
    }
  }
}

/** What the status query answers: the case, its next action, its recent history. */
function statusOf(state: DebtCase, steps: string[], next: NextAction | undefined): DebtWorkflowStatus {
  return {
    status: state.pause
      ? 'PAUSED'
      : state.plan?.awaitingApprovalSince || (!state.plan && state.awaitingApproval)
        ? 'AWAITING_APPROVAL'
        : state.plan
          ? 'PAYMENT_PLAN'
          : state.escalated
            ? 'ESCALATED'
            : 'OPEN',
    steps,
    ...(state.plan?.awaitingApprovalSince
      ? { awaitingApproval: PAYMENT_PLAN_APPROVAL }
      : state.awaitingApproval
        ? { awaitingApproval: state.awaitingApproval.stepKey }
        : {}),
    ...(state.resumedAt ? { resumedAt: state.resumedAt } : {}),
    ...(state.lastContactAt ? { lastContactAt: state.lastContactAt } : {}),
    currentStep: state.done[state.done.length - 1],
    nextAction: next && describeNextAction(next, state),
    done: [...state.done],
    plan: state.plan && {
      installments: state.plan.installments,
      acceptedAt: state.plan.acceptedAt,
      awaitingApproval: Boolean(state.plan.awaitingApprovalSince),
    },
    promise: state.promise && { until: state.promise.until },
    history: [...state.history!],
  };
}

/** What the planner needs of a GLI schedule. */
function insurerClaimOf(schedule: ReturnType<typeof gliClaimSchedule>): { latestDayOffset: number; approvalWaived: boolean } {
  return { latestDayOffset: schedule.latestStepOffset, approvalWaived: schedule.approvalWaived };
}

function approvalDeadline(since: string): Date {
  return approvalTimes(since).deadlineAt;
}

function planRefused(problems: Array<{ field: string; message: string }>): ApplicationFailure {
  return ApplicationFailure.create({
    type: INVALID_PAYMENT_PLAN,
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    details: [problems],
    nonRetryable: true,
  });
}
