import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { ScenarioDefinition } from '../domain/scenario';
import { ScenarioDefinitionView } from './scenario-definition.object';
import { ScenarioVersion, ScenarioVersionRecord } from './scenario-version.entity';

/** Where a scenario stands (the GraphQL enum `ScenarioStatus`, registered in graphql/enums.ts). */
export const SCENARIO_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/**
 * A dunning scenario of a workspace (DESIGN §4): the one declaration of the `scenario`
 * table — its key, name and editable draft (jsonb) — and of the GraphQL `Scenario`. The
 * shipped scenarios are code, not rows: the catalog shows them in the same shape, which is
 * why `builtin`, `status` and `versions` are fields and not columns.
 */
@Entity('scenario')
// The draft upsert's ON CONFLICT target.
@Index('scenario_workspace_id_key_key', ['workspaceId', 'key'], { unique: true })
@ObjectType({ description: 'A dunning scenario: shipped (read-only) or the workspace’s own, with its draft and versions.' })
export class Scenario {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 64 })
  @Field()
  key: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name: string;

  /** The definition being edited (canonical form), cleared when published; the API shows it with its defaults made explicit. */
  @Column({ type: 'jsonb', nullable: true })
  @Field(() => ScenarioDefinitionView, { nullable: true })
  draft: ScenarioDefinition | null;

  /** Set when retired: no new debt gets it (running ones keep their version). */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;

  @Field({ description: 'Shipped with Relance: read-only; a published version of the same key supersedes it.' })
  builtin: boolean;

  @Field(() => enumOf(SCENARIO_STATUSES))
  status: ScenarioStatus;

  @Field(() => [ScenarioVersion], { description: 'Published versions, oldest first; immutable.' })
  versions: ScenarioVersionRecord[];
}

/** A scenario as the catalog gives it: the workspace's own (a row) or a shipped one (code). */
export type ScenarioRecord = Pick<Scenario, 'key' | 'name' | 'builtin' | 'status' | 'draft' | 'versions'>;
