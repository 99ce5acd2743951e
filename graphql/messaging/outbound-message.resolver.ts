import { OUTBOUND_MESSAGE_TABLE, OutboundMessage } from '../../src/messaging/outbox/outbound-message.entity';
import { OutboundMessageService } from '../../src/messaging/outbox/outbound-message.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `outboundMessages` and `outboundMessage(id)`: read-only, the outbox alone writes messages. */
export const OutboundMessageResolver = recordResolverFor({
  name: 'OutboundMessage',
  plural: 'outboundMessages',
  node: OutboundMessage,
  table: OUTBOUND_MESSAGE_TABLE,
  service: OutboundMessageService,
});
