import { Module } from '@nestjs/common';
import { DebtModule } from '../../src/debt/debt.module';
import { MessagingModule } from '../../src/messaging/messaging.module';
import { TwentyModule } from '../../src/twenty/twenty.module';
import { ChannelSettingsResolver } from './channel-settings.resolver';
import { DocumentResolver } from './document.resolver';
import { LettersResolver } from './letters.resolver';
import { MessageTemplatesResolver } from './message-templates.resolver';
import { OutboundMessageResolver } from './outbound-message.resolver';

/**
 * The messaging feature's GraphQL surface: templates and legal blocks, channel settings,
 * the outbox's messages and documents, and the letters agents handle — resolvers over the
 * services of MessagingModule. A preview renders a real debt's facts, which the debt
 * feature reads (DebtModule's DebtLetterFactsService); a returned letter's task is mirrored to the CRM.
 */
@Module({
  imports: [MessagingModule, DebtModule, TwentyModule],
  providers: [MessageTemplatesResolver, ChannelSettingsResolver, LettersResolver, OutboundMessageResolver, DocumentResolver],
})
export class MessagingApiModule {}
