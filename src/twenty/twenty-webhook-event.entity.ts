import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Twenty webhook event Relance took in: the one declaration of the `twenty_webhook_event`
 * table. Kept for two days, far past the signature's five-minute window: the same event
 * delivered again is recognised by its key (the record at its version) and changes
 * nothing, and an event about a record older than one already seen (`recordVersion`, the
 * record's `updatedAt` in Twenty) is set aside, so a late delivery never undoes a newer one.
 *
 * `outcome` is PENDING from admission until the event is applied, then what applying it
 * did (APPLIED, IGNORED, REFUSED; APPLIED_NO_FLAG when Relance's answer could not be
 * written back on the Debt record), or STALE, SUPERSEDED (the sweep applied the record
 * as it was later), ABANDONED (still not applicable after two days). An event Relance
 * could not apply stays PENDING: Twenty never delivers it again, so the inbound service's
 * sweep reads the record back from Twenty and applies it. Two outcomes mark rows that are
 * not events (see TwentyWebhookEventRepository): CLAIMED, a record's turn (one delivery
 * at a time admits and applies the events of one record), and FIELD, the version of the
 * last applied change to one field of a record that is taken only from the events naming it.
 */
@Entity('twenty_webhook_event')
@Index('twenty_webhook_event_record', ['workspaceId', 'objectName', 'recordId', 'recordVersion'])
@Index('twenty_webhook_event_received', ['receivedAt'])
export class TwentyWebhookEvent {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'delivery_key', type: 'char', length: 64 })
  deliveryKey: string;

  @Column({ name: 'object_name', type: 'varchar', length: 100 })
  objectName: string;

  @Column({ name: 'record_id', type: 'varchar', length: 100 })
  recordId: string;

  @Column({ name: 'record_version', type: 'timestamptz', nullable: true })
  recordVersion: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: string;
}
