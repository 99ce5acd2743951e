import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, State, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { LogContext } from '../logging/log-context';
import { activityLogInterceptors } from '../logging/temporal-log';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { ArrearsDetectionService } from '../debt/arrears-detection.service';
import { ApprovalNoticesService } from '../debt/approval-notices.service';
import { DebtCaseService } from '../debt/debt-case.service';
import { OutboxService } from '../messaging/outbox/outbox.service';
import { LandlordStatementService } from '../statements/landlord-statement.service';
import { RetentionService } from '../retention/retention.service';

/** The SDK's worker states, plus the moment before the worker exists. */
export type WorkerState = State | 'STARTING';

/**
 * Runs the Temporal worker inside the Nest process: the workflows from `workflows/`
 * (bundled by the SDK) and the activities built over this process's services.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private worker: Worker | undefined;
  private connection: NativeConnection | undefined;
  private running: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly debtCases: DebtCaseService,
    private readonly arrearsDetection: ArrearsDetectionService,
    private readonly outbox: OutboxService,
    private readonly approvalNotices: ApprovalNoticesService,
    private readonly landlordStatements: LandlordStatementService,
    private readonly retention: RetentionService,
    private readonly logContext: LogContext,
  ) {}

  get state(): WorkerState {
    if (this.failure) return 'FAILED';
    return this.worker?.getState() ?? 'STARTING';
  }

  async onApplicationBootstrap(): Promise<void> {
    const { config, temporalAddress } = this.runtime;
    this.connection = await NativeConnection.connect({ address: temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: config.temporalNamespace,
      taskQueue: config.temporalTaskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({
        debtCases: this.debtCases,
        arrearsDetection: this.arrearsDetection,
        outbox: this.outbox,
        approvalNotices: this.approvalNotices,
        landlordStatements: this.landlordStatements,
        retention: this.retention,
      }),
      // No more activities at once than the database pool has connections (each holds at
      // most one at a time), so none waits on the pool; the SDK's default is 100.
      maxConcurrentActivityTaskExecutions: config.workerActivityConcurrency,
      interceptors: { activity: [activityLogInterceptors(this.logContext)] },
    });
    this.running = this.worker.run().catch((error: Error) => {
      this.failure = error;
      this.logger.error({ err: error, taskQueue: config.temporalTaskQueue }, 'Temporal worker stopped with an error');
      this.runtime.onFatalError?.(error);
    });
    this.logger.log(
      { taskQueue: config.temporalTaskQueue, temporalAddress, namespace: config.temporalNamespace },
      'Polling the task queue',
    );
  }

  /** Drains the worker while the database is still open: running activities may need it. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
