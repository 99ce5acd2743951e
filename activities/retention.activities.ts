import type { RetentionCursor, RetentionPage, RetentionService } from '../src/retention/retention.service';

export type { RetentionCursor, RetentionPage } from '../src/retention/retention.service';

/** What the nightly data-retention workflow asks of the database. */
export interface RetentionActivities {
  retentionWorkspaces(): Promise<string[]>;
  /**
   * One page of a workspace's closed debts past their retention, anonymised (each once: a
   * retry, or a second run, purges nothing again), and where the next page starts.
   */
  anonymiseDueDebts(input: { workspaceId: string; after?: RetentionCursor }): Promise<RetentionPage>;
}

export function createRetentionActivities(service: RetentionService): RetentionActivities {
  return {
    retentionWorkspaces: () => service.workspaceIds(),
    anonymiseDueDebts: ({ workspaceId, after }) => service.anonymiseDuePage(workspaceId, after),
  };
}
