import type { ArrearsDetectionService, DetectionResult } from '../src/debt/arrears-detection.service';

/** What the scheduled detection workflow asks of the database and of Temporal. */
export interface ArrearsDetectionActivities {
  listWorkspaces(): Promise<string[]>;
  /** One workspace's run; throws when its workflows cannot be started, so Temporal retries it. */
  detectArrears(input: { workspaceId: string }): Promise<DetectionResult>;
}

export function createArrearsDetectionActivities(service: ArrearsDetectionService): ArrearsDetectionActivities {
  return {
    listWorkspaces: () => service.workspaceIds(),
    detectArrears: ({ workspaceId }) => service.run(workspaceId, 'fail'),
  };
}
