import { log } from '@temporalio/activity';
import type { ArrearsDetectionService, DetectionResult } from '../src/debt/arrears-detection.service';
import type { OutboxService } from '../src/messaging/outbox/outbox.service';

/** What the scheduled detection workflow asks of the database and of Temporal. */
export interface ArrearsDetectionActivities {
  listWorkspaces(): Promise<string[]>;
  /**
   * One workspace's run; throws when its workflows cannot be started, so Temporal retries
   * it. Registered letters are tracked on the same daily beat.
   */
  detectArrears(input: { workspaceId: string }): Promise<DetectionResult>;
}

export function createArrearsDetectionActivities(service: ArrearsDetectionService, outbox: OutboxService): ArrearsDetectionActivities {
  return {
    listWorkspaces: () => service.workspaceIds(),
    async detectArrears({ workspaceId }) {
      const result = await service.run(workspaceId, 'fail');
      // A registered-mail provider that does not answer is asked again tomorrow; it never fails detection.
      await outbox.trackLetters(workspaceId).catch((error: unknown) => log.warn('Registered letters not tracked', { workspaceId, error }));
      return result;
    },
  };
}
