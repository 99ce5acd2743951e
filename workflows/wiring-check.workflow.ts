import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { WiringCheckActivities, WiringCheckOutcome } from '../activities/wiring-check.activities';

const { recordWiringCheck } = proxyActivities<WiringCheckActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});

/**
 * Throw-away workflow proving the wiring: one activity writes a row in Postgres.
 * Replaced by the dunning workflow.
 */
export async function wiringCheck(message: string): Promise<WiringCheckOutcome> {
  return recordWiringCheck({ workflowId: workflowInfo().workflowId, message });
}
