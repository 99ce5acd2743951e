import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { TwentyRecordKindEnum } from '../enums';

@ObjectType({ description: "The workspace's Twenty connection. Its API key and webhook secret are never read back." })
export class TwentyConnectionObject {
  @Field({ description: 'Base URL of the Twenty server.' })
  apiUrl: string;

  @Field({ description: 'Where to point the Twenty webhook (Settings → APIs & Webhooks): names this workspace.' })
  webhookUrl: string;

  @Field(() => Int, { description: 'The version of Relance’s objects and fields installed in the Twenty workspace (0: none).' })
  installedVersion: number;

  @Field(() => Int, { description: 'The latest version this Relance can install.' })
  latestVersion: number;

  @Field(() => String, { nullable: true })
  installedAt: string | null;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType({ description: 'A Twenty connection: the secrets are sealed at rest and never read back.' })
export class TwentyConnectionInput {
  @Field({ description: 'Base URL of the Twenty server, e.g. https://crm.agence.fr.' })
  @IsString()
  @MaxLength(500, { message: 'apiUrl must be at most 500 characters' })
  apiUrl: string;

  @Field({ description: 'An API key of the Twenty workspace (Settings → APIs & Webhooks) with the data-model permission, for install.' })
  @IsString()
  @MaxLength(2000, { message: 'apiKey must be at most 2,000 characters' })
  apiKey: string;

  @Field({ description: 'The secret set on the Twenty webhook pointed at webhookUrl; at least 16 characters.' })
  @IsString()
  @MaxLength(500, { message: 'webhookSecret must be at most 500 characters' })
  webhookSecret: string;
}

@ObjectType({ description: 'What a connection test found in the Twenty workspace.' })
export class TwentyConnectionTestObject {
  @Field({ description: 'Twenty answered.' })
  reachable: boolean;

  @Field({ description: 'Twenty accepted the API key.' })
  authenticated: boolean;

  @Field()
  message: string;

  @Field(() => String, { nullable: true })
  workspaceName: string | null;

  @Field(() => String, { nullable: true, description: 'The Twenty server version, when it tells.' })
  serverVersion: string | null;

  @Field(() => [String], { description: 'The objects Relance works with that the workspace has.' })
  objectsPresent: string[];

  @Field(() => [String], { description: 'Those it lacks (Relance’s own before installTwenty).' })
  objectsMissing: string[];
}

@ObjectType({ description: 'What an install or upgrade did in the Twenty workspace.' })
export class TwentyInstallObject {
  @Field(() => Int)
  fromVersion: number;

  @Field(() => Int)
  toVersion: number;

  @Field(() => [String], { description: 'Objects and fields created (object:lease, field:debt.amount…).' })
  created: string[];

  @Field(() => [String], { description: 'Found already there, marked as Relance’s, and taken back.' })
  adopted: string[];

  @Field(() => [String], { description: 'Fields renamed in place (their data kept).' })
  renamed: string[];
}

@ObjectType()
export class TwentyKindBacklogObject {
  @Field(() => TwentyRecordKindEnum)
  kind: string;

  @Field(() => Int)
  pending: number;

  @Field(() => Int)
  failing: number;
}

@ObjectType({ description: 'A record Twenty refused: retried with backoff until it goes through.' })
export class TwentySyncFailureObject {
  @Field(() => TwentyRecordKindEnum)
  kind: string;

  @Field()
  relanceId: string;

  @Field(() => Int)
  attempts: number;

  @Field()
  lastError: string;

  @Field()
  failedAt: string;

  @Field(() => String, { nullable: true })
  nextAttemptAt: string | null;
}

@ObjectType({ description: 'Where the Relance → Twenty sync stands: its backlog, lag and failures.' })
export class TwentySyncStatusObject {
  @Field(() => Int, { description: 'Records waiting for Twenty (changed since it acknowledged them).' })
  pending: number;

  @Field(() => Int, { description: 'Of those, the ones Twenty refused last time.' })
  failing: number;

  @Field(() => [TwentyKindBacklogObject])
  byKind: TwentyKindBacklogObject[];

  @Field(() => Int, {
    nullable: true,
    description:
      'How long the oldest change Twenty has not acknowledged has waited, in seconds (failing records included): ' +
      '0 when Twenty has everything, null while Relance is not installed there.',
  })
  lagSeconds: number | null;

  @Field(() => String, { nullable: true })
  lastSyncedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last pass stopped (Twenty down, key refused), while it keeps failing.' })
  lastError: string | null;

  @Field(() => String, { nullable: true })
  lastErrorAt: string | null;

  @Field(() => String, { nullable: true, description: 'When the next pass is tried after a failure.' })
  nextAttemptAt: string | null;

  @Field(() => Int)
  consecutiveFailures: number;

  @Field(() => [TwentySyncFailureObject], { description: 'The records Twenty refused, most recent first (50 at most).' })
  failures: TwentySyncFailureObject[];
}
