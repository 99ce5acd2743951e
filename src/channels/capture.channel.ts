import type { ChannelAdapter, OutboundEnvelope, SendResult } from './channel-port';

/**
 * The embedded default for every channel: nothing leaves the machine. The outbox row
 * already holds what would have been sent (recipient, subject, text, PDF), readable
 * through GraphQL, so "sending" is recording that it was captured.
 */
export class CaptureChannel implements ChannelAdapter {
  readonly provider = 'CAPTURE' as const;

  async send(envelope: OutboundEnvelope): Promise<SendResult> {
    return { providerMessageId: `capture:${envelope.idempotencyKey}` };
  }

  async find(envelope: OutboundEnvelope): Promise<SendResult> {
    return this.send(envelope);
  }
}

/**
 * Plain and registered letters an agency prints and posts itself: "sent" means in the
 * print queue; an agent marks them printed, and for a registered letter records the
 * post's tracking number (proof of deposit).
 */
export class PrintQueueChannel implements ChannelAdapter {
  readonly provider = 'PRINT_QUEUE' as const;

  async send(envelope: OutboundEnvelope): Promise<SendResult> {
    return { providerMessageId: `print:${envelope.idempotencyKey}` };
  }

  async find(envelope: OutboundEnvelope): Promise<SendResult> {
    return this.send(envelope);
  }
}
