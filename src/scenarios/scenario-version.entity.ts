import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScenarioDefinition } from '../domain/scenario';
import { ScenarioDefinitionView } from './scenario-definition.object';

/**
 * One published version of a workspace's scenario, immutable: the one declaration of the
 * `scenario_version` table and of the GraphQL `ScenarioVersion`. A shipped scenario's one
 * version is code, not a row: it has no `publishedAt`. `label` is not a column either: it
 * is what a debt on this version records.
 */
@Entity('scenario_version')
@ObjectType()
export class ScenarioVersion {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'scenario_key', type: 'varchar', length: 64 })
  scenarioKey: string;

  @PrimaryColumn({ type: 'integer' })
  @Field(() => Int)
  version: number;

  /** The definition as published (canonical form, see scenario-format.ts); the API shows it with its defaults made explicit. */
  @Column({ type: 'jsonb' })
  @Field(() => ScenarioDefinitionView)
  definition: ScenarioDefinition;

  @Column({ name: 'published_at', type: 'timestamptz' })
  @Field(() => String, { nullable: true, description: 'Null for a shipped scenario.' })
  publishedAt: string | null;

  /** Who published it (`api-key:<id>`). */
  @Column({ name: 'published_by', type: 'varchar', length: 200, nullable: true })
  publishedBy: string | null;

  @Field({ description: 'What a debt on this version records: `<key>@<version>` or `<key>@builtin-3`.' })
  label: string;
}

/** A version as the catalog gives it: a stored one, or a shipped scenario's (no row, no `publishedAt`). */
export type ScenarioVersionRecord = Pick<ScenarioVersion, 'version' | 'definition' | 'publishedAt' | 'label'>;
