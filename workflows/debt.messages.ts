import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CompletedTask } from '../src/domain/debt-reducer';
import type { Installment } from '../src/domain/payment-plan';

/**
 * The messages of a debt's workflow, defined once for the workflow and for the services
 * that send them (DESIGN §4). Workflow ids are `debt:<workspaceId>:<debtId>`.
 */
export const paymentRecordedSignal = defineSignal<[{ paymentId: string; amountCents: number }]>('paymentRecorded');
export const pauseSignal = defineSignal<[{ reason: string; until?: string; by: string }]>('pause');
export const resumeSignal = defineSignal<[{ by: string }]>('resume');
export const landlordDecisionSignal =
  defineSignal<[{ stepKey: string; approve: boolean; comment?: string; by: string }]>('landlordDecision');
export const cancelSignal = defineSignal<[{ reason: string; by: string }]>('cancel');
export const writeOffSignal = defineSignal<[{ reason: string; by: string }]>('writeOff');
/** A legal milestone was recorded on the debt's timeline (src/domain/legal-rules.ts): the workflow reads it at its next turn. */
export const legalMilestoneSignal = defineSignal<[{ milestone: string; on: string; by: string }]>('legalMilestone');

/** Structured outcomes of a call or visit task (DESIGN §4); defined with the rules that take them. */
export { TASK_OUTCOMES } from '../src/domain/debt-reducer';
export type { TaskOutcome } from '../src/domain/debt-reducer';

export interface TaskCompletion extends CompletedTask {
  by: string;
}
export const taskCompletedSignal = defineSignal<[TaskCompletion]>('taskCompleted');

export interface PaymentPlanProposal {
  installments: Installment[];
  /** The landlord's mandate reserves payment plans: the plan waits for the decision. */
  requiresLandlordApproval: boolean;
  by: string;
}
/**
 * An Update, not a signal: its validator refuses a plan that does not add up before
 * anything is written to history, and the caller learns at once whether it was taken.
 */
export const proposePaymentPlanUpdate = defineUpdate<{ status: 'ACTIVE' | 'AWAITING_APPROVAL' }, [PaymentPlanProposal]>(
  'proposePaymentPlan',
);
/** The ApplicationFailure type a refused plan carries; its details are the problems ({ field, message }). */
export const INVALID_PAYMENT_PLAN = 'INVALID_PAYMENT_PLAN';

export interface DebtWorkflowStatus {
  status: 'OPEN' | 'PAUSED' | 'PAYMENT_PLAN' | 'AWAITING_APPROVAL' | 'ESCALATED' | 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF' | 'CLOSED';
  /** The step (or "payment-plan") waiting for the landlord's decision, when one is. */
  awaitingApproval?: string;
  /** The keys of the scenario's steps, in order (to tell an unknown step from one not awaited). */
  steps?: string[];
  /** When the scenario last (re)started: its start, or the end of a pause, plan or promise. */
  resumedAt?: string;
  /** When the tenant was last reached by phone, text or visit. */
  lastContactAt?: string;
  currentStep?: string;
  nextAction?: { kind: string; stepKey?: string; at?: string };
  /** Keys of the steps done, skipped or refused, in order. */
  done: string[];
  /** The payment plan running or waiting for the landlord, if any. */
  plan?: { installments: Installment[]; acceptedAt: string; awaitingApproval: boolean };
  /** A promise to pay being waited on: checked at `until`. */
  promise?: { until: string };
  /** What the workflow did and when, most recent last (bounded; the timeline keeps all). */
  history: Array<{ at: string; kind: string; stepKey?: string }>;
}

export const statusQuery = defineQuery<DebtWorkflowStatus>('status');

export function debtWorkflowId(workspaceId: string, debtId: string): string {
  return `debt:${workspaceId}:${debtId}`;
}
