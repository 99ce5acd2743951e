import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DebtActivities } from '../activities/debt.activities.types';
import { DebtProgress, NextAction, planNextAction } from '../src/domain/dunning-plan';
import { LeaseKind, ScenarioDefinition, TenantProfile } from '../src/domain/scenario';
import {
  cancelSignal,
  DebtWorkflowStatus,
  landlordDecisionSignal,
  pauseSignal,
  paymentRecordedSignal,
  resumeSignal,
  statusQuery,
  writeOffSignal,
} from './debt.messages';

const activities = proxyActivities<DebtActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** How long a landlord has to decide before an agent is asked to chase the decision. */
export const APPROVAL_DEADLINE_DAYS = 7;
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
  /** State carried over by continue-as-new. */
  carried?: CarriedState;
}

interface CarriedState {
  done: string[];
  pause?: { until?: string; reason: string };
  awaitingApproval?: { stepKey: string; since: string };
  approved: string[];
}

/**
 * One debt's dunning scenario, from opening to close (DESIGN §4): a loop around the pure
 * interpreter. Before every step it re-reads the live balance; any message wakes it to
 * plan again, so a payment, a pause or a decision takes effect at once.
 */
export async function debtDunning(input: DebtDunningInput): Promise<DebtWorkflowStatus['status']> {
  const ref = { workspaceId: input.workspaceId, debtId: input.debtId };
  const state: CarriedState = input.carried ?? { done: [], approved: [] };
  let ended: { status: 'CANCELLED' | 'WRITTEN_OFF'; reason: string } | undefined;
  let wake = false;
  let next: NextAction | undefined;
  let decision: { stepKey: string; approve: boolean; comment?: string; by: string } | undefined;
  const now = () => new Date().toISOString();

  setHandler(paymentRecordedSignal, () => void (wake = true));
  setHandler(pauseSignal, ({ reason, until }) => {
    state.pause = { reason, until };
    wake = true;
  });
  setHandler(resumeSignal, () => {
    state.pause = undefined;
    wake = true;
  });
  setHandler(landlordDecisionSignal, (d) => {
    if (state.awaitingApproval?.stepKey === d.stepKey) {
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
  setHandler(statusQuery, () => ({
    status: state.pause ? 'PAUSED' : state.awaitingApproval ? 'AWAITING_APPROVAL' : 'OPEN',
    currentStep: state.done[state.done.length - 1],
    nextAction: next && describe(next),
    done: [...state.done],
  }));

  /** Sleeps until `until` (or forever) unless a message arrives; true when woken. */
  const waitUntil = async (until?: Date): Promise<boolean> => {
    let woke = true;
    if (until) woke = await condition(() => wake, Math.max(until.getTime() - new Date().getTime(), 0));
    else await condition(() => wake);
    wake = false;
    return woke;
  };

  for (;;) {
    if (ended) {
      await activities.closeDebt({ ...ref, status: ended.status, reason: ended.reason, at: now() });
      return ended.status;
    }
    if (decision) {
      const d = decision;
      decision = undefined;
      state.awaitingApproval = undefined;
      await activities.recordDebtEvent({
        ...ref, kind: d.approve ? 'LANDLORD_APPROVED' : 'LANDLORD_REJECTED', at: now(),
        summary: `Landlord ${d.approve ? 'approved' : 'rejected'} step ${d.stepKey}${d.comment ? `: ${d.comment}` : ''}`,
        data: { stepKey: d.stepKey, by: d.by },
      });
      if (d.approve) state.approved.push(d.stepKey);
      else {
        state.done.push(d.stepKey);
        await activities.createAgentTask({
          ...ref, key: `rejected:${d.stepKey}`, dueAt: now(), title: `Landlord rejected ${d.stepKey}: decide what follows`,
          body: d.comment ?? 'The landlord rejected this step; the scenario goes on without it.',
        });
      }
    }
    const live = await activities.readDebtState(ref);
    const progress: DebtProgress = {
      anchor: live.anchor ?? now().slice(0, 10),
      balanceCents: live.balanceCents,
      pursueFromCents: input.pursueFromCents,
      profile: input.profile,
      leaseKind: input.leaseKind,
      done: state.done,
      pause: state.pause,
      awaitingApproval: state.awaitingApproval?.stepKey,
    };
    next = planNextAction(input.scenario, progress, new Date());
    switch (next.kind) {
      case 'CLOSE':
        await activities.closeDebt({ ...ref, status: 'RESOLVED', reason: next.reason, at: now() });
        return 'RESOLVED';
      case 'SKIP':
        state.done.push(next.step.key);
        await activities.recordDebtEvent({
          ...ref, kind: 'STEP_SKIPPED', at: now(), summary: `Step ${next.step.key} skipped: ${next.reason}`, data: { stepKey: next.step.key },
        });
        break;
      case 'FINISHED':
        await waitUntil(new Date(new Date().getTime() + FINISHED_RECHECK_MS));
        break;
      case 'WAIT':
        if (next.reason === 'PAUSED') {
          await activities.setDebtPaused({ ...ref, paused: true });
          const woke = await waitUntil(next.until);
          if (!woke && state.pause) {
            state.pause = undefined;
            await activities.recordDebtEvent({ ...ref, kind: 'RESUMED', at: now(), summary: 'Pause ended: scenario resumed' });
          }
          if (!state.pause) await activities.setDebtPaused({ ...ref, paused: false });
        } else if (next.reason === 'APPROVAL' && state.awaitingApproval) {
          const deadline = new Date(new Date(state.awaitingApproval.since).getTime() + APPROVAL_DEADLINE_DAYS * 86_400_000);
          if (!(await waitUntil(deadline)) && state.awaitingApproval) {
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
          await waitUntil();
        }
        break;
      case 'RUN': {
        if (next.at.getTime() > new Date().getTime() && (await waitUntil(next.at))) break; // a message: plan again
        const step = next.step;
        if (step.requiresLandlordApproval && !state.approved.includes(step.key)) {
          state.awaitingApproval = { stepKey: step.key, since: now() };
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
        await activities.performStep({
          ...ref, stepKey: step.key, action: step.action, template: step.template, scheduledAt: next.dueAt.toISOString(), performedAt: now(),
        });
        state.done.push(step.key);
        break;
      }
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof debtDunning>({ ...input, carried: state });
    }
  }
}

function describe(next: NextAction): DebtWorkflowStatus['nextAction'] {
  if (next.kind === 'RUN') return { kind: next.step.action, stepKey: next.step.key, at: next.at.toISOString() };
  if (next.kind === 'WAIT') return { kind: `WAIT_${next.reason}`, stepKey: next.step?.key, at: next.until?.toISOString() };
  return { kind: next.kind };
}
