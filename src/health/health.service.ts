import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { describeDatabase, RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { TemporalWorkerService, WorkerState } from '../worker/temporal-worker.service';

export type DependencyStatus = 'UP' | 'DOWN';

export interface DependencyHealth {
  status: DependencyStatus;
  /** Round-trip time of the probe, in milliseconds. */
  latencyMs: number;
  /** Where it is (redacted of credentials). */
  target: string;
  /** Why it is down; absent when up. */
  error?: string;
}

export interface HealthReport {
  status: DependencyStatus;
  database: DependencyHealth;
  temporal: DependencyHealth;
  /** State of the worker in this process; absent when the process runs no worker. */
  worker?: WorkerState;
  checkedAt: string;
}

/** A probe gets this long before its dependency counts as down. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Runs one probe with a time limit. The signal aborts the probe's call on time-out, so no
 * retry of it outlives the check (Temporal's client retries UNAVAILABLE by itself).
 */
async function probe(target: string, check: (signal: AbortSignal) => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`${target} did not answer within ${PROBE_TIMEOUT_MS} ms`));
    }, PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(controller.signal), timeout]);
    return { status: 'UP', latencyMs: Math.round(performance.now() - started), target };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'DOWN', latencyMs: Math.round(performance.now() - started), target, error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** Reachability of Postgres and of the Temporal namespace, as the health query and route report it. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly temporal: TemporalClientProvider,
    @Optional() private readonly worker?: TemporalWorkerService,
  ) {}

  async check(): Promise<HealthReport> {
    const { config, temporalAddress } = this.runtime;
    const [database, temporal] = await Promise.all([
      probe(describeDatabase(config), () => this.dataSource.query('SELECT 1')),
      probe(`${temporalAddress}/${config.temporalNamespace}`, async (signal) => {
        const { connection } = await this.temporal.getClient();
        await connection.withAbortSignal(signal, () =>
          connection.workflowService.describeNamespace({ namespace: config.temporalNamespace }),
        );
      }),
    ]);
    const worker = this.worker?.state;
    const up = database.status === 'UP' && temporal.status === 'UP' && (worker === undefined || worker === 'RUNNING');
    return { status: up ? 'UP' : 'DOWN', database, temporal, worker, checkedAt: new Date().toISOString() };
  }
}
