import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Twenty webhook delivery Relance accepted: the one declaration of the
 * `twenty_webhook_event` table. Kept for two days, far past the signature's five-minute
 * window: the same event delivered again is recognised by its key and changes nothing,
 * and an event about a record older than one already applied (`recordVersion`, the
 * record's `updatedAt` in Twenty) is set aside, so a late delivery never undoes a newer one.
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
