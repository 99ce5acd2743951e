import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { OutboundMessage } from '../../src/messaging/outbox/outbound-message.entity';
import { OutboundMessageService } from '../../src/messaging/outbox/outbound-message.service';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';

/** What agents record of letters: the print queue, proofs of deposit, acknowledgements of receipt and returns. */
@Resolver()
export class LettersResolver {
  constructor(
    private readonly messages: OutboundMessageService,
    private readonly twenty: TwentySyncService,
  ) {}

  @WriteAccess()
  @Mutation(() => [OutboundMessage], { description: 'Marks letters of the print queue as printed and posted.' })
  markLettersPrinted(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.messages.markLettersPrinted(actor, ids);
  }

  @WriteAccess()
  @Mutation(() => OutboundMessage, { description: 'Records the post’s tracking number of a registered letter (proof of deposit).' })
  recordLetterDeposit(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('trackingNumber') trackingNumber: string,
  ) {
    return this.messages.recordLetterDeposit(actor, id, trackingNumber);
  }

  @WriteAccess()
  @Mutation(() => Int, {
    description:
      'Asks the registered-mail provider (MAILEVA) for each letter it carries: registered number (proof of deposit), ' +
      'delivered or returned. Runs daily with the arrears detection; returns how many letters changed.',
  })
  trackRegisteredLetters(@CurrentActor() actor: Actor): Promise<number> {
    return this.messages.trackRegisteredLetters(actor);
  }

  @WriteAccess()
  @Mutation(() => OutboundMessage, {
    description:
      'Records what became of a sent letter: delivered (the acknowledgement of receipt came back signed) or not (returned: ' +
      '"pli avisé et non réclamé", "destinataire inconnu à l’adresse"). Not delivered opens an agent’s task.',
  })
  async recordLetterDelivery(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('delivered') delivered: boolean,
    @Args('detail', { description: 'What the post says, 1 to 500 characters.' }) detail: string,
  ) {
    const message = await this.messages.recordLetterDelivery(actor, id, delivered, detail);
    // The task a return opened goes to the CRM too.
    if (!delivered) await this.twenty.mirrorTasks(actor.workspaceId);
    return message;
  }
}
