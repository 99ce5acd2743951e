import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { ChannelAdapter, OutboundEnvelope, PermanentDeliveryError, SendResult } from './channel-port';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username?: string;
  password?: string;
  /** The From: address, e.g. "Agence Rhône Gestion <relances@agence.fr>". */
  from: string;
}

/**
 * E-mail over SMTP with the letter attached as PDF. The Message-ID derives from the
 * outbox key, so a message re-sent after a crash carries the same id. SMTP has no way to
 * ask a server whether it accepted a message, so the outbox does not retry a send cut
 * off mid-transaction (see outbox.service.ts). A 5xx reply (unknown mailbox, refused
 * domain) is a bounce: permanent; a 4xx is tried again later.
 */
export class SmtpChannel implements ChannelAdapter {
  readonly provider = 'SMTP' as const;
  private readonly transport: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(envelope: OutboundEnvelope): Promise<SendResult> {
    const messageId = `<${createHash('sha256').update(envelope.idempotencyKey).digest('hex').slice(0, 40)}@relance>`;
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: { name: envelope.recipientName, address: envelope.recipientAddress },
        subject: envelope.subject ?? '',
        text: envelope.body,
        messageId,
        headers: { 'X-Relance-Key': envelope.idempotencyKey },
        attachments: envelope.attachment
          ? [{ filename: envelope.attachment.fileName, content: envelope.attachment.content, contentType: envelope.attachment.contentType }]
          : [],
      });
      if (info.rejected.length > 0) throw new PermanentDeliveryError(`refused by the server: ${info.response}`);
      return { providerMessageId: info.messageId || messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (error instanceof PermanentDeliveryError) throw error;
      if (code !== undefined && code >= 500)
        throw new PermanentDeliveryError(`bounced (${code}): ${(error as { response?: string }).response ?? (error as Error).message}`);
      throw error;
    } finally {
      this.transport.close();
    }
  }
}
