import { log, proxyActivities } from '@temporalio/workflow';
import type { ArrearsDetectionActivities } from '../activities/arrears-detection.activities';

const { listWorkspaces } = proxyActivities<ArrearsDetectionActivities>({ startToCloseTimeout: '1 minute' });
// One activity per workspace: a big agency gets its own timeout, a failing one retries alone.
const { detectArrears } = proxyActivities<ArrearsDetectionActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 6 },
});

export interface ArrearsDetectionSummary {
  workspaces: number;
  debtsOpened: number;
  workflowsStarted: number;
  /** Workspaces whose run still failed after its retries; the next run picks them up. */
  failedWorkspaces: string[];
}

/**
 * The daily arrears detection (DESIGN §4), started by the `arrears-detection` Schedule:
 * every workspace in turn opens its debts and starts their workflows.
 */
export async function arrearsDetection(): Promise<ArrearsDetectionSummary> {
  const summary: ArrearsDetectionSummary = { workspaces: 0, debtsOpened: 0, workflowsStarted: 0, failedWorkspaces: [] };
  for (const workspaceId of await listWorkspaces()) {
    summary.workspaces += 1;
    try {
      const result = await detectArrears({ workspaceId });
      summary.debtsOpened += result.openedDebtIds.length;
      summary.workflowsStarted += result.startedWorkflows;
    } catch (error) {
      log.error('Arrears detection failed for a workspace', { workspaceId, error: String(error) });
      summary.failedWorkspaces.push(workspaceId);
    }
  }
  return summary;
}
