import { Actor } from '../auth/actor';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { recordTableOf } from '../records/record-entity';

/** Who wrote a timeline entry: the debt's workflow, a provider's report (SYSTEM), or an API key. */
export const JOURNAL_ACTOR_KINDS = ['SYSTEM', 'API_KEY', 'SESSION', 'WORKFLOW'] as const;
export type JournalActor = { kind: (typeof JOURNAL_ACTOR_KINDS)[number]; id: string | null };

/** The caller as a timeline entry names it: its API key, or a landlord's extranet session. */
export function journalActorOf(actor: Actor): JournalActor {
  return actor.sessionId ? { kind: 'SESSION', id: actor.sessionId } : { kind: 'API_KEY', id: actor.apiKeyId ?? null };
}

/**
 * One entry of a debt's timeline: the one declaration of the `debt_event` table, written
 * only by DebtEventRepository, once per idempotency key.
 */
@Entity('debt_event')
@Index('debt_event_timeline', ['workspaceId', 'debtId', 'occurredAt'])
@Index('debt_event_once', ['workspaceId', 'idempotencyKey'], { unique: true })
@ObjectType({ description: 'One entry of a debt’s timeline: payment, action, message, decision.' })
export class DebtEvent {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'debt_id', type: 'uuid' })
  @Field(() => ID)
  debtId: string;

  @Column({ type: 'varchar', length: 40 })
  @Field()
  kind: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  @Field()
  occurredAt: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16, enum: JOURNAL_ACTOR_KINDS })
  @Field(() => enumOf(JOURNAL_ACTOR_KINDS))
  actorKind: JournalActor['kind'];

  @Column({ name: 'actor_id', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  @Field()
  summary: string;

  @Column({ type: 'jsonb' })
  data: unknown;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, nullable: true })
  idempotencyKey: string | null;
}

/** Rows of a debt are visible to the landlord of its lease. */
export const DEBT_EVENT_TABLE = recordTableOf(DebtEvent, {
  alias: 'de',
  landlordScope: `EXISTS (SELECT 1 FROM debt y JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
    WHERE y.workspace_id = de.workspace_id AND y.id = de.debt_id AND x.landlord_id = $L)`,
  defaultOrder: [{ occurredAt: 'AscNullsLast' }],
  internal: ['data', 'idempotencyKey'],
  fields: {
    debtId: { query: true },
    kind: { query: true },
    occurredAt: { query: true },
    actorKind: { query: true },
  },
});
