import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probe(target: string, check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await withTimeout(check(), target);
    return { status: 'UP', latencyMs: Math.round(performance.now() - started), target };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'DOWN', latencyMs: Math.round(performance.now() - started), target, error: message };
  }
}

/** Reachability of Postgres and of the Temporal namespace, as the health query and route report it. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
    @Optional() private readonly worker?: TemporalWorkerService,
  ) {}

  async check(): Promise<HealthReport> {
    const { config, temporalAddress } = this.temporal.runtime;
    const [database, temporal] = await Promise.all([
      probe(config.databaseUrl ? redactUrl(config.databaseUrl) : 'embedded PGlite', () =>
        this.dataSource.query('SELECT 1'),
      ),
      probe(`${temporalAddress}/${config.temporalNamespace}`, () =>
        this.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
          this.temporal.connection.workflowService.describeNamespace({ namespace: config.temporalNamespace }),
        ),
      ),
    ]);
    const worker = this.worker?.state;
    const up = database.status === 'UP' && temporal.status === 'UP' && (worker === undefined || worker === 'RUNNING');
    return { status: up ? 'UP' : 'DOWN', database, temporal, worker, checkedAt: new Date().toISOString() };
  }
}

/** Drops the password from a connection URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'unparseable URL';
  }
}
