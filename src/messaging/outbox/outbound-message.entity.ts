import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../../common/graphql-enums';
import { recordTableOf } from '../../records/record-entity';
import { Channel, CHANNELS, MESSAGE_STATUSES, MessageStatus, Provider, PROVIDERS } from '../channels/channel-port';
import { ON_LANDLORD_DEBT } from '../messaging-scope';
import type { MessageZone } from '../templates/message-zones';

/**
 * One send of the outbox: the one declaration of the `outbound_message` table. Queued in
 * its step's transaction under a unique idempotency key, then delivered by the outbox
 * (see OutboxService); its GraphQL fields are what agents and landlords read of it.
 */
@Entity('outbound_message')
// A key is queued once: the outbox looks a retried step's messages up by it.
@Index('outbound_message_workspace_id_idempotency_key_key', ['workspaceId', 'idempotencyKey'], { unique: true })
@Index('outbound_message_of_debt', ['workspaceId', 'debtId', 'queuedAt'])
@Index('outbound_message_by_status', ['workspaceId', 'status', 'queuedAt'])
// A delivery report names the message by its provider's id (Sinch's batch id).
@Index('outbound_message_provider_id', ['workspaceId', 'provider', 'providerMessageId'])
@ObjectType({ description: 'One send of the outbox: an e-mail, SMS or letter, with its idempotency key and delivery state.' })
export class OutboundMessage {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'debt_id', type: 'uuid' })
  @Field(() => ID)
  debtId: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  @Field({ description: 'debt:<workspace>:<debt>:<step>:<channel>:<recipient #>; a key is sent at most once.' })
  idempotencyKey: string;

  @Column({ name: 'step_key', type: 'varchar', length: 64 })
  @Field()
  stepKey: string;

  @Column({ type: 'varchar', length: 20, enum: CHANNELS })
  @Field(() => enumOf(CHANNELS))
  channel: Channel;

  @Column({ type: 'varchar', length: 20, enum: PROVIDERS })
  @Field(() => enumOf(PROVIDERS), { description: 'CAPTURE keeps it here without sending.' })
  provider: Provider;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  @Field()
  templateKey: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 300 })
  @Field()
  recipientName: string;

  @Column({ name: 'recipient_address', type: 'text' })
  @Field({ description: 'E-mail address, phone number or postal address (lines).' })
  recipientAddress: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'The text as sent.' })
  body: string;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The PDF attached or posted.' })
  documentId: string | null;

  @Column({ type: 'varchar', length: 12, enum: MESSAGE_STATUSES })
  @Field(() => enumOf(MESSAGE_STATUSES))
  status: MessageStatus;

  @Column({ type: 'integer' })
  @Field(() => Int)
  attempts: number;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 300, nullable: true })
  @Field(() => String, { nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  @Field()
  queuedAt: string;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  sentAt: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  deliveredAt: string | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  failedAt: string | null;

  @Column({ name: 'printed_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true, description: 'Print queue: when an agent printed it.' })
  printedAt: string | null;

  @Column({ name: 'tracking_number', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Registered letter: the post’s tracking number (proof of deposit).' })
  trackingNumber: string | null;

  /** The free-text zones written into it, as the agent set them (kept with the message; not in the API). */
  @Column({ type: 'jsonb', nullable: true })
  zones: MessageZone[] | null;
}

/** Landlords see the messages of their leases' debts. Read-only: the outbox alone writes them. */
export const OUTBOUND_MESSAGE_TABLE = recordTableOf(OutboundMessage, {
  alias: 'om',
  landlordScope: ON_LANDLORD_DEBT('om'),
  defaultOrder: [{ queuedAt: 'DescNullsLast' }],
  internal: ['zones'],
  fields: {
    debtId: { query: true },
    idempotencyKey: { query: true },
    stepKey: { query: true },
    channel: { query: true },
    provider: { query: true },
    templateKey: { query: true },
    recipientName: { query: true },
    documentId: { query: true },
    status: { query: true },
    attempts: { query: true },
    providerMessageId: { query: true },
    queuedAt: { query: true },
    sentAt: { query: true },
    deliveredAt: { query: true },
    failedAt: { query: true },
    printedAt: { query: true },
    trackingNumber: { query: true },
  },
});
