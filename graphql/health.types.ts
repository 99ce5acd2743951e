import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DependencyStatus {
  UP = 'UP',
  DOWN = 'DOWN',
}
registerEnumType(DependencyStatus, { name: 'DependencyStatus' });

export enum WorkerState {
  STARTING = 'STARTING',
  RUNNING = 'RUNNING',
  STOPPING = 'STOPPING',
  STOPPED = 'STOPPED',
  FAILED = 'FAILED',
  DRAINING = 'DRAINING',
  DRAINED = 'DRAINED',
  INITIALIZED = 'INITIALIZED',
}
registerEnumType(WorkerState, { name: 'WorkerState', description: 'State of the Temporal worker in the answering process.' });

@ObjectType({ description: 'Reachability of one dependency.' })
export class DependencyHealth {
  @Field(() => DependencyStatus)
  status: DependencyStatus;

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
  status: DependencyStatus;

  @Field(() => DependencyHealth)
  database: DependencyHealth;

  @Field(() => DependencyHealth)
  temporal: DependencyHealth;

  @Field(() => WorkerState, { nullable: true, description: 'Null when this process runs no worker.' })
  worker?: WorkerState;

  @Field({ description: 'ISO 8601 time of the check.' })
  checkedAt: string;
}
