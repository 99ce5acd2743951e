import type { IssuedStatements, LandlordStatementService } from '../src/statements/landlord-statement.service';

/** What the monthly statements workflow asks of the database (and, through it, of the e-mail channel). */
export interface LandlordStatementsActivities {
  statementWorkspaces(): Promise<string[]>;
  /** A workspace's landlords with leases, in batches: one `issueLandlordStatements` each. */
  statementLandlordBatches(input: { workspaceId: string }): Promise<string[][]>;
  /**
   * One batch's statements for a month, each once (a retry makes nothing new); throws when
   * an e-mail failed for now, so Temporal retries the batch and, with it, the e-mail.
   */
  issueLandlordStatements(input: { workspaceId: string; month: string; landlordIds: string[] }): Promise<IssuedStatements>;
}

export function createLandlordStatementsActivities(service: LandlordStatementService): LandlordStatementsActivities {
  return {
    statementWorkspaces: () => service.workspaceIds(),
    statementLandlordBatches: ({ workspaceId }) => service.landlordBatches(workspaceId),
    async issueLandlordStatements({ workspaceId, month, landlordIds }) {
      const result = await service.issueBatch(workspaceId, month, landlordIds);
      if (result.emailRetries > 0) {
        throw new Error(`${result.emailRetries} statement e-mail(s) of ${month} not sent yet in workspace ${workspaceId}; retrying`);
      }
      return result;
    },
  };
}
