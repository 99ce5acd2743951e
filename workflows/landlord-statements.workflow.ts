import { ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { LandlordStatementsActivities } from '../activities/landlord-statements.activities';
import { parisParts } from '../src/domain/french-calendar';
import { isStatementMonth, previousMonth } from '../src/domain/statement-month';

const { statementWorkspaces, statementLandlordBatches } = proxyActivities<LandlordStatementsActivities>({
  startToCloseTimeout: '1 minute',
});
// One activity per batch of landlords: a big agency spreads over several, a failing batch retries alone.
const { issueLandlordStatements } = proxyActivities<LandlordStatementsActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 8 },
});

export interface LandlordStatementsInput {
  /** The month to issue, YYYY-MM; by default the month before the run's date in Paris. */
  month?: string;
}

export interface LandlordStatementsSummary {
  month: string;
  workspaces: number;
  issued: number;
  alreadyIssued: number;
  emailed: number;
  /** Batches that still failed after their retries ("<workspace>#<batch>"); the next run of the month picks them up. */
  failedBatches: string[];
}

/**
 * The landlords' monthly statements (issue 12), started by the `landlord-statements`
 * Schedule on the first day of each month: for the month just over (in Paris time), every
 * workspace's landlords in batches, each statement made once.
 */
export async function landlordStatements(input: LandlordStatementsInput = {}): Promise<LandlordStatementsSummary> {
  if (input.month !== undefined && !isStatementMonth(input.month)) {
    throw ApplicationFailure.nonRetryable(`month must be YYYY-MM, got ${JSON.stringify(input.month)}`, 'BAD_MONTH');
  }
  // Workflow time: the run's own start, replayed identically; a run caught up on the 2nd still covers the month before.
  const month = input.month ?? previousMonth(parisParts(new Date()).date);
  const summary: LandlordStatementsSummary = { month, workspaces: 0, issued: 0, alreadyIssued: 0, emailed: 0, failedBatches: [] };
  for (const workspaceId of await statementWorkspaces()) {
    summary.workspaces += 1;
    const batches = await statementLandlordBatches({ workspaceId });
    for (const [index, landlordIds] of batches.entries()) {
      try {
        const result = await issueLandlordStatements({ workspaceId, month, landlordIds });
        summary.issued += result.issued;
        summary.alreadyIssued += result.alreadyIssued;
        summary.emailed += result.emailed;
      } catch (error) {
        log.error('Landlord statements failed for a batch', { workspaceId, month, batch: index, error: String(error) });
        summary.failedBatches.push(`${workspaceId}#${index}`);
      }
    }
  }
  return summary;
}
