import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Duration } from '@temporalio/common';
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOptions } from '@temporalio/client';
import { RelanceConfig } from '../config/configuration';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

/** gRPC status code of a method the server does not implement. */
const GRPC_UNIMPLEMENTED = 12;

/** One of the Temporal Schedules a worker keeps, and the setting that drives it. */
interface WorkerScheduleSpec {
  /** The schedule's name in logs and in its id. */
  name: string;
  /** The environment variable of its cron spec (`off` deletes it). */
  setting: string;
  cron: (config: RelanceConfig) => string | undefined;
  workflowType: string;
  /** How late a run missed by an outage may still be started. */
  catchupWindow: Duration;
}

/** Schedule ids are per task queue: deployments sharing a namespace keep their own. */
function scheduleIdOf(name: string, taskQueue: string): string {
  return `${name}:${taskQueue}`;
}

export function arrearsScheduleId(taskQueue: string): string {
  return scheduleIdOf('arrears-detection', taskQueue);
}

export function landlordStatementsScheduleId(taskQueue: string): string {
  return scheduleIdOf('landlord-statements', taskQueue);
}

export function dataRetentionScheduleId(taskQueue: string): string {
  return scheduleIdOf('data-retention', taskQueue);
}

const SCHEDULES: readonly WorkerScheduleSpec[] = [
  // The daily arrears detection: after an outage of up to a day the missed run is caught up.
  {
    name: 'arrears-detection',
    setting: 'ARREARS_DETECTION_SCHEDULE',
    cron: (config) => config.arrearsDetectionSchedule,
    workflowType: 'arrearsDetection',
    catchupWindow: '1 day',
  },
  // The landlords' monthly statements (by default the 1st at 7:00, for the month just
  // over): a run missed by an outage of up to a week still covers the month before its
  // own date, and makes nothing twice.
  {
    name: 'landlord-statements',
    setting: 'LANDLORD_STATEMENTS_SCHEDULE',
    cron: (config) => config.landlordStatementsSchedule,
    workflowType: 'landlordStatements',
    catchupWindow: '7 days',
  },
  // Retention after a debt closes (CNIL; by default every night at 3:00): closed debts past
  // their workspace's retention are anonymised. A night missed by an outage of up to a day is
  // caught up; later, the next night does its work (nothing is ever purged twice).
  {
    name: 'data-retention',
    setting: 'DATA_RETENTION_SCHEDULE',
    cron: (config) => config.dataRetentionSchedule,
    workflowType: 'dataRetention',
    catchupWindow: '1 day',
  },
];

function isUnimplemented(error: unknown): boolean {
  return (error as { cause?: { code?: number } }).cause?.code === GRPC_UNIMPLEMENTED;
}

/**
 * Keeps the worker's Temporal Schedules in line with their settings whenever a worker
 * starts: created if missing, updated if the spec changed, deleted when set to `off`. All
 * run in Paris time; a run still going when the next is due is skipped.
 */
@Injectable()
export class WorkerSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkerSchedules');

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = await this.temporal.getClient();
    for (const schedule of SCHEDULES) await this.keep(client, schedule);
  }

  private async keep(client: Client, schedule: WorkerScheduleSpec): Promise<void> {
    const { config } = this.runtime;
    const taskQueue = config.temporalTaskQueue;
    const scheduleId = scheduleIdOf(schedule.name, taskQueue);
    const cron = schedule.cron(config);
    const handle = client.schedule.getHandle(scheduleId);
    if (!cron) {
      try {
        await handle.delete();
        this.logger.log({ scheduleId }, `Schedule deleted (${schedule.setting}=off)`);
      } catch (error) {
        // A server without Schedules (Temporal's time-skipping test server) holds none to delete.
        if (!(error instanceof ScheduleNotFoundError) && !isUnimplemented(error)) throw error;
      }
      return;
    }
    const options: ScheduleOptions = {
      scheduleId,
      spec: { cronExpressions: [cron], timezone: 'Europe/Paris' },
      action: { type: 'startWorkflow', workflowType: schedule.workflowType, taskQueue, workflowId: scheduleId, args: [] },
      policies: { overlap: 'SKIP', catchupWindow: schedule.catchupWindow },
    };
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (isUnimplemented(error)) {
        throw new Error(
          `${schedule.setting} is "${cron}" but the Temporal server at ${this.runtime.temporalAddress} has no Schedules ` +
            `(Temporal's time-skipping test server); set ${schedule.setting}=off there`,
          { cause: error },
        );
      }
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await handle.update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: options.policies }));
    }
    this.logger.log({ scheduleId, cron, timezone: 'Europe/Paris' }, `Schedule ${schedule.name} kept`);
  }
}
