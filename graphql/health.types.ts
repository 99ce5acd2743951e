import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DependencyStatus as ServiceDependencyStatus } from '../src/health/health.service';
import type { WorkerState as ServiceWorkerState } from '../src/worker/temporal-worker.service';

/** The GraphQL enums list exactly the values the health service reports (checked by the mapped types). */
export const DependencyStatus: { [K in ServiceDependencyStatus]: K } = { UP: 'UP', DOWN: 'DOWN' };
registerEnumType(DependencyStatus, { name: 'DependencyStatus' });

export const WorkerState: { [K in ServiceWorkerState]: K } = {
  STARTING: 'STARTING',
  INITIALIZED: 'INITIALIZED',
  RUNNING: 'RUNNING',
  STOPPING: 'STOPPING',
  DRAINING: 'DRAINING',
  DRAINED: 'DRAINED',
  STOPPED: 'STOPPED',
  FAILED: 'FAILED',
};
registerEnumType(WorkerState, { name: 'WorkerState', description: 'State of the Temporal worker in the answering process.' });

@ObjectType({ description: 'Reachability of one dependency.' })
export class DependencyHealth {
  @Field(() => DependencyStatus)
  status: ServiceDependencyStatus;

  @Field(() => Int, { description: 'Round-trip time of the probe in milliseconds.' })
  latencyMs: number;

  @Field({ description: 'What was probed, without credentials.' })
  target: string;

  @Field(() => String, { nullable: true, description: 'Why the dependency is down; null when up.' })
  error?: string;
}

@ObjectType({ description: 'Whether this Relance process can reach Postgres and Temporal.' })
export class HealthReport {
  @Field(() => DependencyStatus, { description: 'UP only when every dependency is up.' })
  status: ServiceDependencyStatus;

  @Field(() => DependencyHealth)
  database: DependencyHealth;

  @Field(() => DependencyHealth)
  temporal: DependencyHealth;

  @Field(() => WorkerState, { nullable: true, description: 'Null when this process runs no worker.' })
  worker?: ServiceWorkerState;

  @Field({ description: 'ISO 8601 time of the check.' })
  checkedAt: string;
}
