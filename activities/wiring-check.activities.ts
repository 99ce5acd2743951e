import type { WiringCheckService } from '../src/wiring-check/wiring-check.service';

/** What the wiring check returns: the row the activity wrote. */
export interface WiringCheckOutcome {
  runId: string;
  workflowId: string;
  message: string;
  recordedAt: string;
}

/** Activities of the throw-away wiring check: a thin, idempotent adapter over its service. */
export function createWiringCheckActivities(service: WiringCheckService) {
  return {
    async recordWiringCheck(input: { workflowId: string; message: string }): Promise<WiringCheckOutcome> {
      return service.record(input);
    },
  };
}

export type WiringCheckActivities = ReturnType<typeof createWiringCheckActivities>;
