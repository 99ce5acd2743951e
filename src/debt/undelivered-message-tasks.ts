import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CHANNEL_WORDS } from '../messaging/channels/channel-port';
import { OutboxService } from '../messaging/outbox/outbox.service';
import type { UndeliveredMessage, UndeliveredMessageListener } from '../messaging/outbox/undelivered-message.listener';
import { TaskService } from '../tasks/task.service';

/**
 * A sent message reported undelivered (a returned letter, a failed SMS) asks an agent to
 * reach the person another way: a FOLLOW_UP task on the debt, once per message, in the
 * report's transaction. Registers itself with the outbox, which sits below the debt
 * feature and opens no task itself.
 */
@Injectable()
export class UndeliveredMessageTasks implements UndeliveredMessageListener, OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    private readonly tasks: TaskService,
  ) {}

  onModuleInit(): void {
    this.outbox.registerUndeliveredListener(this);
  }

  async onUndelivered(db: Pick<EntityManager, 'query'>, message: UndeliveredMessage): Promise<void> {
    const what = `${CHANNEL_WORDS[message.channel]} to ${message.recipientName}`;
    await this.tasks.open(
      { workspaceId: message.workspaceId, debtId: message.debtId },
      {
        key: `message-failed:${message.messageId}`,
        kind: 'FOLLOW_UP',
        stepKey: message.stepKey,
        dueAt: message.at,
        title: `${what} not delivered: check the contact details`,
        body: `${message.detail}\n\nCheck the address and reach the tenant another way; a formal notice may need to be served again.`,
      },
      db,
    );
  }
}
