import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOptions } from '@temporalio/client';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

/** gRPC status code of a method the server does not implement. */
const GRPC_UNIMPLEMENTED = 12;

/** Schedule ids are per task queue: deployments sharing a namespace keep their own. */
export function arrearsScheduleId(taskQueue: string): string {
  return `arrears-detection:${taskQueue}`;
}

/**
 * Keeps the Temporal Schedule of the daily arrears detection in line with
 * ARREARS_DETECTION_SCHEDULE whenever a worker starts: created if missing, updated if the
 * spec changed, deleted when set to `off`. Runs in Paris time; a run still going when the
 * next is due is skipped; after an outage of up to a day the missed run is caught up.
 */
@Injectable()
export class ArrearsDetectionSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ArrearsDetectionSchedule');

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = await this.temporal.getClient();
    const taskQueue = this.runtime.config.temporalTaskQueue;
    const scheduleId = arrearsScheduleId(taskQueue);
    const cron = this.runtime.config.arrearsDetectionSchedule;
    const handle = client.schedule.getHandle(scheduleId);
    if (!cron) {
      try {
        await handle.delete();
        this.logger.log({ scheduleId }, 'Arrears detection schedule deleted (ARREARS_DETECTION_SCHEDULE=off)');
      } catch (error) {
        // A server without Schedules (Temporal's time-skipping test server) holds none to delete.
        const unimplemented = (error as { cause?: { code?: number } }).cause?.code === GRPC_UNIMPLEMENTED;
        if (!(error instanceof ScheduleNotFoundError) && !unimplemented) throw error;
      }
      return;
    }
    const options: ScheduleOptions = {
      scheduleId,
      spec: { cronExpressions: [cron], timezone: 'Europe/Paris' },
      action: { type: 'startWorkflow', workflowType: 'arrearsDetection', taskQueue, workflowId: scheduleId, args: [] },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    };
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await handle.update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: options.policies }));
    }
    this.logger.log({ scheduleId, cron, timezone: 'Europe/Paris' }, 'Arrears detection scheduled');
  }
}
