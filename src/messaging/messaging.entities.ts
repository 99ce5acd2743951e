import { ChannelSetting } from './channels/channel-setting.entity';
import { DocumentLink } from './documents/document-link.entity';
import { DebtDocument } from './documents/document.entity';
import { OutboundMessage } from './outbox/outbound-message.entity';
import { LegalBlock } from './templates/legal-block.entity';
import { MessageTemplate } from './templates/message-template.entity';

/** The tables of the messaging feature: templates and legal blocks, the documents sent and their shared links, the outbox, channel settings. */
export const MESSAGING_ENTITIES = [MessageTemplate, LegalBlock, DebtDocument, DocumentLink, OutboundMessage, ChannelSetting];
