import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Relance keeps in Twenty, one kind per source table. */
export const TWENTY_RECORD_KINDS = ['PERSON', 'COMPANY', 'LEASE', 'LEASE_PARTY', 'DEBT', 'TASK', 'NOTE', 'LETTER'] as const;
export type TwentyRecordKind = (typeof TWENTY_RECORD_KINDS)[number];

/**
 * One Relance row kept in a workspace's Twenty: the one declaration of the `twenty_record`
 * table, and the sync's outbox. A row is due when its source's version (its `updated_at`,
 * and the day for what shows days late) differs from `syncedVersion`, the last Twenty
 * acknowledged; a failed push waits until `nextAttemptAt` (exponential backoff) and shows
 * its `lastError` in GraphQL until it goes through.
 */
@Entity('twenty_record')
@Index('twenty_record_twenty_id', ['workspaceId', 'kind', 'twentyId'], { unique: true, where: 'twenty_id IS NOT NULL' })
@Index('twenty_record_failing', ['workspaceId', 'failedAt'], { where: 'failed_at IS NOT NULL' })
export class TwentyRecord {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 16, enum: TWENTY_RECORD_KINDS })
  kind: TwentyRecordKind;

  @PrimaryColumn({ name: 'relance_id', type: 'uuid' })
  relanceId: string;

  @Column({ name: 'twenty_id', type: 'varchar', length: 100, nullable: true })
  twentyId: string | null;

  @Column({ name: 'synced_version', type: 'varchar', length: 200, nullable: true })
  syncedVersion: string | null;

  @Column({ name: 'synced_at', type: 'timestamptz', nullable: true })
  syncedAt: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: string | null;
}
