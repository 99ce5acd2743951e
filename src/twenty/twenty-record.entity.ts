import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Relance keeps in Twenty, one kind per source table. */
export const TWENTY_RECORD_KINDS = ['PERSON', 'COMPANY', 'LEASE', 'LEASE_PARTY', 'DEBT', 'TASK', 'NOTE', 'LETTER'] as const;
export type TwentyRecordKind = (typeof TWENTY_RECORD_KINDS)[number];

/** The kinds whose Twenty record several Relance rows may share (see {@link TwentyRecord}). */
export const SHARED_RECORD_KINDS: readonly TwentyRecordKind[] = ['PERSON', 'COMPANY'];

/**
 * One Relance row kept in a workspace's Twenty: the one declaration of the `twenty_record`
 * table, and the sync's outbox. A row is due when its source's version (its `updated_at`,
 * and the day for what shows days late) differs from `syncedVersion`, the last Twenty
 * acknowledged, or while it has a `pendingFlag`; a failed push waits until `nextAttemptAt`
 * (exponential backoff) and shows its `lastError` in GraphQL until it goes through.
 *
 * A version is acknowledged only once all of it is in Twenty: for a task or a note, the
 * record and its link to the Debt record (`linkTwentyId`, the taskTarget or noteTarget),
 * so a link whose creation failed is due again with its record and never made twice.
 *
 * One Twenty record mirrors one Relance row — except people and companies
 * ({@link SHARED_RECORD_KINDS}): Twenty keeps one Person per e-mail address (its `emails`
 * field is unique) and counts companies of one name as duplicates of each other, so two
 * tenants sharing an address, or two landlords sharing a company name, map to one Twenty
 * record there. Uniqueness of `twentyId` holds for the other kinds only.
 */
@Entity('twenty_record')
@Index('twenty_record_twenty_id', ['workspaceId', 'kind', 'twentyId'], {
  unique: true,
  where: "twenty_id IS NOT NULL AND kind NOT IN ('PERSON', 'COMPANY')",
})
@Index('twenty_record_shared', ['workspaceId', 'kind', 'twentyId'], { where: "twenty_id IS NOT NULL AND kind IN ('PERSON', 'COMPANY')" })
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

  /** The taskTarget or noteTarget linking this task or note to its Debt record, once Twenty confirmed it. */
  @Column({ name: 'link_twenty_id', type: 'varchar', length: 100, nullable: true })
  linkTwentyId: string | null;

  /**
   * Fields to write on this task's Twenty record (Relance's answer to a completion made
   * there, keyed as in twenty-schema.ts: `task.relanceFeedback`, or Twenty's own `status`),
   * kept until Twenty accepts them; a later answer replaces one not sent yet.
   */
  @Column({ name: 'pending_flag', type: 'jsonb', nullable: true })
  pendingFlag: Record<string, string | null> | null;

  /** When `pendingFlag` was set: its identity (a newer one is never cleared by the older's acknowledgement) and its age. */
  @Column({ name: 'pending_flag_at', type: 'timestamptz', nullable: true })
  pendingFlagAt: string | null;
}
