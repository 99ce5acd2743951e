import { log, proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities, RetentionCursor, RetentionPage } from '../activities/retention.activities';
import { addPurged, NO_PURGE, PurgedCounts } from '../src/domain/retention';

const { retentionWorkspaces } = proxyActivities<RetentionActivities>({ startToCloseTimeout: '1 minute' });
// One activity per page of debts: a big agency spreads over several, a failing page retries alone.
const { anonymiseDueDebts } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 8 },
});

/** What one night's run anonymised, over every workspace: the pages' counts added up (see PurgedCounts). */
export interface DataRetentionSummary extends PurgedCounts {
  workspaces: number;
  /** Workspaces whose run still failed after its retries; the next night picks their debts up. */
  failedWorkspaces: string[];
}

/**
 * Retention after a debt closes (CNIL), started by the `data-retention` Schedule every
 * night: each workspace's closed debts past its `retentionMonthsAfterClose`, page by page,
 * have their free text anonymised — each debt once, with its audit line.
 */
export async function dataRetention(): Promise<DataRetentionSummary> {
  let purged: PurgedCounts = { ...NO_PURGE };
  let workspaces = 0;
  const failedWorkspaces: string[] = [];
  for (const workspaceId of await retentionWorkspaces()) {
    workspaces += 1;
    try {
      let after: RetentionCursor | null = null;
      do {
        const page: RetentionPage = await anonymiseDueDebts({ workspaceId, ...(after ? { after } : {}) });
        purged = addPurged(purged, page);
        after = page.next;
      } while (after);
    } catch (error) {
      log.error('Data retention failed for a workspace', { workspaceId, error: String(error) });
      failedWorkspaces.push(workspaceId);
    }
  }
  return { workspaces, ...purged, failedWorkspaces };
}
