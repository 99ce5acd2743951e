import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RecordRepository } from '../../records/record.repository';
import type { Channel, MessageStatus, Provider } from '../channels/channel-port';
import type { MessageZone } from '../templates/message-zones';
import { OUTBOUND_MESSAGE_TABLE, OutboundMessage } from './outbound-message.entity';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** A message to queue: what a step renders for one recipient. */
export type QueuedMessage = Pick<
  OutboundMessage,
  | 'debtId'
  | 'idempotencyKey'
  | 'stepKey'
  | 'channel'
  | 'provider'
  | 'templateKey'
  | 'recipientName'
  | 'recipientAddress'
  | 'subject'
  | 'body'
  | 'documentId'
  | 'queuedAt'
> & { zones: MessageZone[] | null };

/** A message as delivery reads it, with its PDF when it has one. */
export interface MessageToDeliver {
  id: string;
  idempotency_key: string;
  channel: Channel;
  provider: Provider;
  status: MessageStatus;
  recipient_name: string;
  recipient_address: string;
  subject: string | null;
  body: string;
  last_error: string | null;
  provider_message_id: string | null;
  file_name: string | null;
  content_type: string | null;
  content: Buffer | null;
}

/**
 * The `outbound_message` table's SQL, always within the caller's workspace: the record API's
 * reads (landlord-scoped), and the outbox's own statements — queueing, the delivery claim
 * (QUEUED/SENDING → SENDING, hand-tuned: one statement decides who sends), the outcomes,
 * delivery reports and the print queue.
 */
@Injectable()
export class OutboundMessageRepository extends RecordRepository<OutboundMessage> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(OUTBOUND_MESSAGE_TABLE, dataSource);
  }

  /** The message queued under a key, if any: a retried step finds what it queued before. */
  async idByKey(workspaceId: string, idempotencyKey: string, db: Db = this.dataSource): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await db.query(
      'SELECT id FROM outbound_message WHERE workspace_id = $1 AND idempotency_key = $2',
      [workspaceId, idempotencyKey],
    );
    return row?.id;
  }

  /** Queues one message (status QUEUED); returns its id. */
  async insert(workspaceId: string, m: QueuedMessage, db: Db = this.dataSource): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO outbound_message (workspace_id, debt_id, idempotency_key, step_key, channel, provider, template_key, recipient_name,
                                     recipient_address, subject, body, document_id, queued_at, zones)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        workspaceId,
        m.debtId,
        m.idempotencyKey,
        m.stepKey,
        m.channel,
        m.provider,
        m.templateKey,
        m.recipientName,
        m.recipientAddress,
        m.subject,
        m.body,
        m.documentId,
        m.queuedAt,
        m.zones && m.zones.length > 0 ? JSON.stringify(m.zones) : null,
      ],
    );
    return row.id;
  }

  /** Messages of a step still to deliver (queued, or cut off mid-send), in the order they were queued. */
  async pendingOfStep(workspaceId: string, debtId: string, stepKey: string, db: Db = this.dataSource): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT id FROM outbound_message WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3 AND status IN ('QUEUED', 'SENDING') ORDER BY queued_at, idempotency_key`,
      [workspaceId, debtId, stepKey],
    );
    return rows.map((r) => r.id);
  }

  /** Whether a step of a debt queued any message: a step carried out takes no more free text. */
  async stepQueued(workspaceId: string, debtId: string, stepKey: string, db: Db = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query(
      'SELECT 1 FROM outbound_message WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3 LIMIT 1',
      [workspaceId, debtId, stepKey],
    );
    return rows.length > 0;
  }

  /** A message with what its send needs (its PDF's bytes), or undefined. */
  async toDeliver(workspaceId: string, id: string, db: Db = this.dataSource): Promise<MessageToDeliver | undefined> {
    const [row]: MessageToDeliver[] = await db.query(
      `SELECT m.id, m.idempotency_key, m.channel, m.provider, m.status, m.recipient_name, m.recipient_address, m.subject, m.body, m.last_error,
              m.provider_message_id,
              d.file_name, d.content_type, d.content
       FROM outbound_message m LEFT JOIN document d ON d.workspace_id = m.workspace_id AND d.id = m.document_id
       WHERE m.workspace_id = $1 AND m.id = $2`,
      [workspaceId, id],
    );
    return row;
  }

  /**
   * The delivery claim: marks the message SENDING (one attempt more, through `provider`) if
   * it is still QUEUED or SENDING. False when it changed state meanwhile (sent or failed by
   * another attempt): then nobody sends it here.
   */
  async claim(workspaceId: string, id: string, provider: Provider, db: Db = this.dataSource): Promise<boolean> {
    // A CTE so the driver answers rows whatever the statement (UPDATE answers [rows, count]).
    const claimed: unknown[] = await db.query(
      `WITH claimed AS (
         UPDATE outbound_message SET status = 'SENDING', attempts = attempts + 1, provider = $3
         WHERE workspace_id = $1 AND id = $2 AND status IN ('QUEUED', 'SENDING') RETURNING id)
       SELECT id FROM claimed`,
      [workspaceId, id, provider],
    );
    return claimed.length > 0;
  }

  /** After a transient failure: back to QUEUED, or kept SENDING for a provider the retry can ask or resume with. */
  async release(workspaceId: string, id: string, status: 'QUEUED' | 'SENDING', error: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE outbound_message SET status = $3, last_error = $4 WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      status,
      error.slice(0, 2000),
    ]);
  }

  /** A multi-call provider's own reference, saved while the message is SENDING. */
  async saveProviderRef(workspaceId: string, id: string, providerRef: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE outbound_message SET provider_message_id = $3 WHERE workspace_id = $1 AND id = $2 AND status = 'SENDING'`, [
      workspaceId,
      id,
      providerRef,
    ]);
  }

  async markSent(workspaceId: string, id: string, provider: Provider, providerMessageId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE outbound_message SET status = 'SENT', provider = $3, provider_message_id = $4, sent_at = now(), last_error = NULL WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, provider, providerMessageId],
    );
  }

  async markFailed(workspaceId: string, id: string, error: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE outbound_message SET status = 'FAILED', failed_at = now(), last_error = $3 WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, error.slice(0, 2000)],
    );
  }

  /** A message still SENT, by its provider's id (for a delivery report), or undefined. */
  async findSent(
    workspaceId: string,
    provider: Provider,
    providerMessageId: string,
    db: Db = this.dataSource,
  ): Promise<{ id: string; debtId: string } | undefined> {
    const [row]: Array<{ id: string; debt_id: string }> = await db.query(
      `SELECT id, debt_id FROM outbound_message WHERE workspace_id = $1 AND provider = $2 AND provider_message_id = $3 AND status = 'SENT'`,
      [workspaceId, provider, providerMessageId],
    );
    return row ? { id: row.id, debtId: row.debt_id } : undefined;
  }

  /** Locks a message for its delivery report, in the caller's transaction; undefined when there is none. */
  async lockForReport(
    workspaceId: string,
    id: string,
    db: Db,
  ): Promise<Pick<OutboundMessage, 'debtId' | 'status' | 'channel' | 'recipientName' | 'stepKey'> | undefined> {
    const [row]: Array<{ debt_id: string; status: MessageStatus; channel: Channel; recipient_name: string; step_key: string }> =
      await db.query(
        'SELECT debt_id, status, channel, recipient_name, step_key FROM outbound_message WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [workspaceId, id],
      );
    return (
      row && { debtId: row.debt_id, status: row.status, channel: row.channel, recipientName: row.recipient_name, stepKey: row.step_key }
    );
  }

  /**
   * Replaces what a debt's messages said with `marker`, in the caller's transaction: the
   * body as sent, the free-text zones written into it, and a failure's reason (an agent's
   * words for a returned letter). Who it went to, by which channel, when, its status, its
   * tracking number and its PDF stay: they prove the send. How many messages changed.
   */
  async anonymiseOfDebt(workspaceId: string, debtId: string, marker: string, db: Db): Promise<number> {
    const rows: unknown[] = await db.query(
      `WITH changed AS (
         UPDATE outbound_message SET body = $3, zones = NULL, last_error = CASE WHEN last_error IS NULL THEN NULL ELSE $3 END
         WHERE workspace_id = $1 AND debt_id = $2 AND (body <> $3 OR zones IS NOT NULL OR last_error <> $3)
         RETURNING id)
       SELECT id FROM changed`,
      [workspaceId, debtId, marker],
    );
    return rows.length;
  }

  /** What became of a sent message: DELIVERED at `at`, or FAILED at `at` with the reason. */
  async applyReport(
    workspaceId: string,
    id: string,
    report: { delivered: boolean; detail: string; at: string },
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `UPDATE outbound_message SET status = $3, delivered_at = $4, failed_at = $5, last_error = $6 WHERE workspace_id = $1 AND id = $2`,
      [
        workspaceId,
        id,
        report.delivered ? 'DELIVERED' : 'FAILED',
        report.delivered ? report.at : null,
        report.delivered ? null : report.at,
        report.delivered ? null : report.detail,
      ],
    );
  }

  /** Registered letters a provider carries and has not reported on, oldest sent first. */
  async lettersInTransit(
    workspaceId: string,
    provider: Provider,
    db: Db = this.dataSource,
  ): Promise<Array<{ id: string; providerMessageId: string; trackingNumber: string | null }>> {
    const rows: Array<{ id: string; provider_message_id: string; tracking_number: string | null }> = await db.query(
      `SELECT id, provider_message_id, tracking_number FROM outbound_message
       WHERE workspace_id = $1 AND channel = 'REGISTERED_LETTER' AND provider = $2 AND status = 'SENT' AND provider_message_id IS NOT NULL
       ORDER BY sent_at`,
      [workspaceId, provider],
    );
    return rows.map((r) => ({ id: r.id, providerMessageId: r.provider_message_id, trackingNumber: r.tracking_number }));
  }

  /** A registered letter's number from its provider (proof of deposit). */
  async setTrackingNumber(workspaceId: string, id: string, trackingNumber: string, db: Db = this.dataSource): Promise<void> {
    await db.query('UPDATE outbound_message SET tracking_number = $3 WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      id,
      trackingNumber,
    ]);
  }

  /** Letters of the print queue printed and posted now (those printed before keep their time). */
  async markPrinted(workspaceId: string, ids: readonly string[], db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE outbound_message SET printed_at = COALESCE(printed_at, now()) WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [workspaceId, ids],
    );
  }

  /** A registered letter posted by the agency: the post's tracking number, and printed now unless it was before. */
  async recordDeposit(workspaceId: string, id: string, trackingNumber: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE outbound_message SET tracking_number = $3, printed_at = COALESCE(printed_at, now()) WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, trackingNumber],
    );
  }
}
