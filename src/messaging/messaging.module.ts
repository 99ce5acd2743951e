import { Module } from '@nestjs/common';
import { ChannelSettingsService } from '../channels/channel-settings.service';
import { TemplateService } from '../templates/template.service';
import { OutboxService } from './outbox.service';

/** Templates, channel settings and the outbox: what the worker sends with and the API shows. */
@Module({
  providers: [TemplateService, ChannelSettingsService, OutboxService],
  exports: [TemplateService, ChannelSettingsService, OutboxService],
})
export class MessagingModule {}
