import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * The messages of a debt's workflow, defined once for the workflow and for the services
 * that send them (DESIGN §4). Workflow ids are `debt:<workspaceId>:<debtId>`.
 */
export const paymentRecordedSignal = defineSignal<[{ paymentId: string; amountCents: number }]>('paymentRecorded');
export const pauseSignal = defineSignal<[{ reason: string; until?: string; by: string }]>('pause');
export const resumeSignal = defineSignal<[{ by: string }]>('resume');
export const landlordDecisionSignal = defineSignal<[{ stepKey: string; approve: boolean; comment?: string; by: string }]>(
  'landlordDecision',
);
export const cancelSignal = defineSignal<[{ reason: string; by: string }]>('cancel');
export const writeOffSignal = defineSignal<[{ reason: string; by: string }]>('writeOff');

export interface DebtWorkflowStatus {
  status: 'OPEN' | 'PAUSED' | 'AWAITING_APPROVAL' | 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF' | 'CLOSED';
  currentStep?: string;
  nextAction?: { kind: string; stepKey?: string; at?: string };
  done: string[];
}

export const statusQuery = defineQuery<DebtWorkflowStatus>('status');

export function debtWorkflowId(workspaceId: string, debtId: string): string {
  return `debt:${workspaceId}:${debtId}`;
}
