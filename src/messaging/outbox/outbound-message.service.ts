import { journalActorOf } from '../../timeline/debt-event.entity';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { RelanceError } from '../../common/relance.error';
import { ANONYMISED_TEXT } from '../../domain/retention';
import { RecordService } from '../../records/record.service';
import type { OutboundMessage } from './outbound-message.entity';
import { OutboundMessageRepository } from './outbound-message.repository';
import { OutboxService } from './outbox.service';

/** Most letters one markLettersPrinted call may carry. */
const MAX_PRINTED = 500;

/**
 * The outbox's messages as the API reads them (the generic record API, read-only) and what
 * agents record of letters: printed and posted, the post's tracking number, delivered or
 * returned. Every read and write is within the caller's scope.
 */
@Injectable()
export class OutboundMessageService extends RecordService<OutboundMessage> {
  constructor(
    private readonly messages: OutboundMessageRepository,
    private readonly outbox: OutboxService,
  ) {
    super(messages);
  }

  /**
   * Anonymises what a closed debt's messages said (bodies, zones, failure reasons) in the
   * caller's transaction, once its retention is over; how many messages changed.
   */
  anonymiseOfDebt(ref: { workspaceId: string; debtId: string }, db: Pick<EntityManager, 'query'>): Promise<number> {
    return this.messages.anonymiseOfDebt(ref.workspaceId, ref.debtId, ANONYMISED_TEXT, db);
  }

  /** Marks letters of the print queue as printed and posted; each id must be a letter waiting there (`ids[i]` names the one that is not). */
  async markLettersPrinted(actor: Actor, ids: string[]): Promise<OutboundMessage[]> {
    if (ids.length === 0 || ids.length > MAX_PRINTED)
      throw new RelanceError('BAD_USER_INPUT', `Give 1 to ${MAX_PRINTED} ids`, { field: 'ids' });
    // One read for all, checked in the order given: the first id at fault is the one named.
    const found = await this.messages.loadInOrder(actor, ids);
    for (const [i, id] of ids.entries()) {
      const message = found[i];
      if (!message) throw new RelanceError('NOT_FOUND', `No outbound message ${id}`, { field: `ids[${i}]` });
      if (message.provider !== 'PRINT_QUEUE' || message.status !== 'SENT') {
        throw new RelanceError('BAD_USER_INPUT', `Message ${id} is not a letter waiting in the print queue`, { field: `ids[${i}]` });
      }
    }
    await this.messages.markPrinted(actor.workspaceId, ids);
    const printed = await this.messages.loadInOrder(actor, ids);
    return printed.map((message, i) => {
      if (!message) throw new RelanceError('NOT_FOUND', `No OutboundMessage with id ${ids[i]}`, { field: 'id' });
      return message;
    });
  }

  /** Records the post's tracking number of a sent registered letter (proof of deposit). */
  async recordLetterDeposit(actor: Actor, id: string, trackingNumber: string): Promise<OutboundMessage> {
    const message = await this.messages.get(actor, id);
    if (message.channel !== 'REGISTERED_LETTER' || message.status !== 'SENT') {
      throw new RelanceError('BAD_USER_INPUT', 'Only a sent registered letter takes a tracking number', { field: 'id' });
    }
    const number = trackingNumber.trim().toUpperCase();
    if (!/^[0-9A-Z]{8,30}$/.test(number))
      throw new RelanceError('BAD_USER_INPUT', 'A tracking number is 8 to 30 letters and digits', { field: 'trackingNumber' });
    await this.messages.recordDeposit(actor.workspaceId, id, number);
    return this.messages.get(actor, id);
  }

  /**
   * Records what became of a sent letter, from an agent: delivered (the acknowledgement of
   * receipt came back signed) or returned. Returned tells the undelivered listeners (an
   * agent's task); e-mail and SMS report through their provider instead.
   */
  async recordLetterDelivery(actor: Actor, id: string, delivered: boolean, detail: string): Promise<OutboundMessage> {
    const message = await this.messages.get(actor, id);
    if (message.channel !== 'LETTER' && message.channel !== 'REGISTERED_LETTER') {
      throw new RelanceError(
        'BAD_USER_INPUT',
        'Only a letter takes a delivery report here (e-mail and SMS report through their provider)',
        { field: 'id' },
      );
    }
    const text = detail.trim();
    if (text.length < 1 || text.length > 500)
      throw new RelanceError('BAD_USER_INPUT', 'detail must be 1 to 500 characters', { field: 'detail' });
    await this.outbox.recordDeliveryReport(actor.workspaceId, id, {
      delivered,
      detail: text,
      at: new Date().toISOString(),
      actor: journalActorOf(actor),
    });
    return this.messages.get(actor, id);
  }

  /**
   * Asks the registered-mail provider where each letter it carries stands; how many
   * changed. A provider that does not answer is UNAVAILABLE.
   */
  async trackRegisteredLetters(actor: Actor): Promise<number> {
    try {
      return await this.outbox.trackLetters(actor.workspaceId);
    } catch (error) {
      if (error instanceof RelanceError) throw error;
      throw new RelanceError('UNAVAILABLE', `The registered-mail provider did not answer: ${(error as Error).message}`, { cause: error });
    }
  }
}
