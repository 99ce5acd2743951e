import { Module } from '@nestjs/common';
import { TimelineModule } from '../timeline/timeline.module';
import { ChannelSettingRepository } from './channels/channel-setting.repository';
import { ChannelSettingsService } from './channels/channel-settings.service';
import { DocumentLinkRepository } from './documents/document-link.repository';
import { DocumentRepository } from './documents/document.repository';
import { DocumentService } from './documents/document.service';
import { OutboundMessageRepository } from './outbox/outbound-message.repository';
import { OutboundMessageService } from './outbox/outbound-message.service';
import { OutboxService } from './outbox/outbox.service';
import { LegalBlockRepository } from './templates/legal-block.repository';
import { MessageTemplateRepository } from './templates/message-template.repository';
import { TemplateService } from './templates/template.service';

/**
 * What reaches people: templates and legal blocks, channel settings and their adapters,
 * the outbox that queues and delivers each send, and the PDFs kept with debts — what the
 * worker sends with and the API shows. Exports its services only: other features never
 * reach its repositories. Timeline entries go through the timeline feature, below it;
 * what the features above must hear of (an undelivered message) goes through its ports
 * (UndeliveredMessageListener, DebtTasksMirror).
 */
@Module({
  imports: [TimelineModule],
  providers: [
    MessageTemplateRepository,
    LegalBlockRepository,
    TemplateService,
    ChannelSettingRepository,
    ChannelSettingsService,
    DocumentRepository,
    DocumentLinkRepository,
    DocumentService,
    OutboundMessageRepository,
    OutboxService,
    OutboundMessageService,
  ],
  exports: [TemplateService, ChannelSettingsService, DocumentService, OutboxService, OutboundMessageService],
})
export class MessagingModule {}
