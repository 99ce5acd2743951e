/**
 * One port per way of reaching someone (DESIGN §5). The outbox calls `send` with the
 * message's idempotency key; an adapter that can ask its provider whether a key was
 * already accepted implements `find`, which makes a send interrupted between "accepted"
 * and "recorded" safe to retry.
 */
export const CHANNELS = ['EMAIL', 'SMS', 'LETTER', 'REGISTERED_LETTER'] as const;
export type Channel = (typeof CHANNELS)[number];
/** How the timeline names a channel. */
export const CHANNEL_WORDS: Record<Channel, string> = {
  EMAIL: 'E-mail',
  SMS: 'SMS',
  LETTER: 'Letter',
  REGISTERED_LETTER: 'Registered letter',
};
export const PROVIDERS = ['CAPTURE', 'SMTP', 'SINCH', 'PRINT_QUEUE', 'MAILEVA'] as const;
export type Provider = (typeof PROVIDERS)[number];
/** An outbound message's life: queued, being sent, sent (accepted by the provider), delivered, or failed. */
export const MESSAGE_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Which providers can carry which channel. */
export const PROVIDERS_OF: Record<Channel, readonly Provider[]> = {
  EMAIL: ['CAPTURE', 'SMTP'],
  SMS: ['CAPTURE', 'SINCH'],
  LETTER: ['CAPTURE', 'PRINT_QUEUE'],
  REGISTERED_LETTER: ['CAPTURE', 'PRINT_QUEUE', 'MAILEVA'],
};

export interface OutboundEnvelope {
  idempotencyKey: string;
  channel: Channel;
  recipientName: string;
  /** E-mail address, phone number, or postal address lines joined by newlines. */
  recipientAddress: string;
  subject: string | null;
  body: string;
  attachment?: { fileName: string; contentType: string; content: Buffer };
}

export interface SendResult {
  providerMessageId: string;
}

/** What a provider says of a sent letter: its registered number, and whether it reached its addressee. */
export interface TrackingReport {
  trackingNumber?: string;
  outcome?: { delivered: boolean; detail: string; at: string };
}

export interface ChannelAdapter {
  readonly provider: Provider;
  /**
   * Sends. A provider that takes several calls reports its own reference through
   * `progress` before anything irreversible, so an interrupted send can be resumed.
   */
  send(envelope: OutboundEnvelope, progress?: (providerRef: string) => Promise<void>): Promise<SendResult>;
  /** The provider's record of a message sent with this key, if the provider can tell. */
  find?(envelope: OutboundEnvelope): Promise<SendResult | undefined>;
  /** Finishes a send interrupted after `progress` reported `providerRef`, without sending twice. */
  resume?(envelope: OutboundEnvelope, providerRef: string): Promise<SendResult>;
  /** Proof of deposit and of delivery, for providers that track what they carry. */
  track?(providerMessageId: string): Promise<TrackingReport>;
}

/**
 * The provider refused the message for good (a mailbox that does not exist, an invalid
 * number): retrying cannot help; the case needs a person.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
