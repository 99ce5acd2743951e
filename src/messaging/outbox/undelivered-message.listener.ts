import type { EntityManager } from 'typeorm';
import type { Channel } from '../channels/channel-port';

/** A sent message its provider or an agent reported as not delivered (a returned letter, a failed SMS). */
export interface UndeliveredMessage {
  workspaceId: string;
  debtId: string;
  messageId: string;
  stepKey: string;
  channel: Channel;
  recipientName: string;
  /** What the provider or the post said. */
  detail: string;
  /** When it was reported (ISO 8601). */
  at: string;
}

/**
 * The outbox's port to the features above it, which it may not import: "this sent message
 * did not reach its addressee", told inside the report's transaction, so what a listener
 * writes (an agent's task to reach the person another way) commits or rolls back with the
 * report. The debt feature implements it and registers itself with
 * `OutboxService.registerUndeliveredListener` at start-up. A report is applied once per
 * message, so a listener hears of each message once.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UndeliveredMessageTasks implements UndeliveredMessageListener, OnModuleInit {
 *   constructor(private readonly outbox: OutboxService) {}
 *   onModuleInit() {
 *     this.outbox.registerUndeliveredListener(this);
 *   }
 *   async onUndelivered(db, message) {
 *     await openTask(db, message, { key: `message-failed:${message.messageId}`, … });
 *   }
 * }
 * ```
 */
export interface UndeliveredMessageListener {
  onUndelivered(db: Pick<EntityManager, 'query'>, message: UndeliveredMessage): Promise<void>;
}
