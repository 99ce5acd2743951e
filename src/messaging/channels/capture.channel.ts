import type { ChannelAdapter, OutboundEnvelope, SendResult } from './channel-port';

/**
 * A channel that hands nothing to anyone: the outbox row already holds what goes out
 * (recipient, subject, text, PDF), readable through GraphQL, so "sending" is recording it.
 * Its own key answers `find`, so no retry can make it send twice.
 */
class RecordOnlyChannel implements ChannelAdapter {
  constructor(readonly provider: 'CAPTURE' | 'PRINT_QUEUE') {}

  async send(envelope: OutboundEnvelope): Promise<SendResult> {
    return { providerMessageId: `${this.provider.toLowerCase()}:${envelope.idempotencyKey}` };
  }

  async find(envelope: OutboundEnvelope): Promise<SendResult> {
    return this.send(envelope);
  }
}

/** The embedded default for every channel: nothing leaves the machine. */
export const CAPTURE_CHANNEL: ChannelAdapter = new RecordOnlyChannel('CAPTURE');

/**
 * Plain and registered letters an agency prints and posts itself: "sent" means in the
 * print queue; an agent marks them printed, and for a registered letter records the
 * post's tracking number (proof of deposit) and what became of it.
 */
export const PRINT_QUEUE_CHANNEL: ChannelAdapter = new RecordOnlyChannel('PRINT_QUEUE');
