import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RelanceError } from '../common/relance.error';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import type { WiringCheckOutcome } from '../../activities/wiring-check.activities';

/** How long the workflow may run; past it the mutation reports that the workflow did not complete. */
const RESULT_TIMEOUT_MS = 30_000;

/**
 * The throw-away vertical slice: GraphQL → Temporal workflow → activity → Postgres and
 * back. It proves the wiring until the dunning engine replaces it.
 */
@Injectable()
export class WiringCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** Starts the workflow and waits for its result. */
  async run(message: string): Promise<WiringCheckOutcome> {
    const workflowId = `wiring-check:${randomUUID()}`;
    try {
      const client = await this.temporal.getClient();
      const handle = await client.workflow.start('wiringCheck', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        args: [message],
        workflowExecutionTimeout: RESULT_TIMEOUT_MS,
      });
      return (await handle.result()) as WiringCheckOutcome;
    } catch (error) {
      const reason = error instanceof WorkflowFailedError ? 'the workflow did not complete' : 'Temporal did not answer';
      throw new RelanceError('UNAVAILABLE', `Wiring check ${workflowId} failed: ${reason}`, { cause: error });
    }
  }

  /** The activity's work: record the run once, whatever the number of retries. */
  async record(input: { workflowId: string; message: string }): Promise<WiringCheckOutcome> {
    const rows: Array<{ id: string; recorded_at: Date }> = await this.dataSource.query(
      `INSERT INTO wiring_check_run (workflow_id, message) VALUES ($1, $2)
       ON CONFLICT (workflow_id) DO UPDATE SET workflow_id = EXCLUDED.workflow_id
       RETURNING id, recorded_at`,
      [input.workflowId, input.message],
    );
    const row = rows[0];
    return {
      runId: row.id,
      workflowId: input.workflowId,
      message: input.message,
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }
}
