import { createHash } from 'node:crypto';
import { ChannelAdapter, OutboundEnvelope, PermanentDeliveryError, SendResult, TrackingReport } from './channel-port';

export interface MailevaSettings {
  /** Registered-mail API base, e.g. https://api.maileva.com/registered_mail/v2 (sandbox: https://api.sandbox.maileva.net/registered_mail/v2). */
  apiUrl: string;
  /** OAuth2 token endpoint, e.g. https://connexion.maileva.com/auth/realms/services/protocol/openid-connect/token. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** Where Maileva e-mails the proof of deposit and its notifications. */
  notificationEmail: string;
  /** Sender block printed on the envelope: name, street, "postcode city". */
  senderName: string;
  senderStreet: string;
  senderPostalCity: string;
}

/** Maileva (La Poste group) delivery status codes: delivered, or back to the sender. */
const DELIVERED = new Set(['D01', 'N01']);
const UNDELIVERED = new Set([
  'A14',
  'A15',
  'A16',
  'A17',
  'A18',
  'A19',
  'A21',
  'A22',
  'A23',
  'A24',
  'A25',
  'A26',
  'P03',
  'P04',
  'P05',
  'P06',
  'N02',
  'N03',
  'N04',
  'N05',
  'N06',
  'N07',
  'N08',
  'N10',
]);
/** La Poste prints at most 38 characters a line. */
const LINE_MAX = 38;

/**
 * Registered letters with acknowledgement of receipt through Maileva's "Lettre
 * Recommandée En Ligne" API (registered_mail v2, OAuth2 password grant): create a sending
 * (DRAFT), add the PDF and the recipient, submit; La Poste prints, posts and tracks it.
 * The sending's id is kept as soon as it exists, so a send cut off half-way resumes the
 * same sending instead of creating a second letter. `track` reads the recipient's
 * registered number (proof of deposit) and last delivery status.
 */
export class MailevaRegisteredMailChannel implements ChannelAdapter {
  readonly provider = 'MAILEVA' as const;
  private token: { value: string; until: number } | undefined;

  constructor(private readonly settings: MailevaSettings) {}

  async send(envelope: OutboundEnvelope, progress?: (providerRef: string) => Promise<void>): Promise<SendResult> {
    const recipient = recipientLines(envelope);
    if (!envelope.attachment) throw new PermanentDeliveryError('a registered letter needs its PDF');
    const sending = await this.request<{ id: string }>('POST', '/sendings', {
      name: (envelope.subject ?? 'Lettre recommandée').slice(0, 256),
      custom_id: customId(envelope.idempotencyKey),
      acknowledgement_of_receipt: true,
      color_printing: false,
      duplex_printing: false,
      notification_email: this.settings.notificationEmail,
      sender_address_line_1: this.settings.senderName.slice(0, LINE_MAX),
      sender_address_line_4: this.settings.senderStreet.slice(0, LINE_MAX),
      sender_address_line_6: this.settings.senderPostalCity.slice(0, LINE_MAX),
      sender_country_code: 'FR',
    });
    await progress?.(sending.id);
    return this.complete(sending.id, envelope, recipient);
  }

  /** Finishes a sending an interrupted attempt created: adds what is missing, submits unless done. */
  async resume(envelope: OutboundEnvelope, providerRef: string): Promise<SendResult> {
    const sendingId = providerRef.split('/')[0];
    const sending = await this.request<{ status: string }>('GET', `/sendings/${encodeURIComponent(sendingId)}`);
    if (sending.status !== 'DRAFT') return { providerMessageId: `${sendingId}/${await this.firstRecipient(sendingId)}` };
    return this.complete(sendingId, envelope, recipientLines(envelope));
  }

  async track(providerRef: string): Promise<TrackingReport> {
    const [sendingId, recipientId] = providerRef.split('/');
    if (!recipientId) return {};
    const recipient = await this.request<{
      status: string;
      status_detail?: string;
      registered_number?: string;
      last_delivery_status?: string;
      last_delivery_status_date?: string;
    }>('GET', `/sendings/${encodeURIComponent(sendingId)}/recipients/${encodeURIComponent(recipientId)}`);
    const at = recipient.last_delivery_status_date ?? new Date().toISOString();
    if (recipient.status === 'REJECTED') {
      return {
        outcome: {
          delivered: false,
          detail: `Maileva rejected the letter: ${recipient.status_detail ?? 'no detail'}`,
          at: new Date().toISOString(),
        },
      };
    }
    const code = recipient.last_delivery_status;
    const report: TrackingReport = recipient.registered_number ? { trackingNumber: recipient.registered_number } : {};
    if (code && DELIVERED.has(code)) report.outcome = { delivered: true, detail: `La Poste ${code}`, at };
    if (code && UNDELIVERED.has(code)) report.outcome = { delivered: false, detail: `La Poste ${code}: returned to the sender`, at };
    return report;
  }

  private async complete(sendingId: string, envelope: OutboundEnvelope, recipient: Record<string, string>): Promise<SendResult> {
    const base = `/sendings/${encodeURIComponent(sendingId)}`;
    const documents = await this.request<{ documents: unknown[] }>('GET', `${base}/documents`);
    if (documents.documents.length === 0) {
      const form = new FormData();
      const { content, fileName, contentType } = envelope.attachment!;
      form.append('document', new Blob([content], { type: contentType }), fileName);
      form.append('metadata', JSON.stringify({ priority: 1, name: fileName }));
      await this.request('POST', `${base}/documents`, form);
    }
    let recipientId = await this.firstRecipient(sendingId);
    if (!recipientId) recipientId = (await this.request<{ id: string }>('POST', `${base}/recipients`, recipient)).id;
    await this.request('POST', `${base}/submit`);
    return { providerMessageId: `${sendingId}/${recipientId}` };
  }

  private async firstRecipient(sendingId: string): Promise<string | undefined> {
    const list = await this.request<{ recipients: Array<{ id: string }> }>('GET', `/sendings/${encodeURIComponent(sendingId)}/recipients`);
    return list.recipients[0]?.id;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const response = await fetch(this.settings.authUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${this.settings.clientId}:${this.settings.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'password', username: this.settings.username, password: this.settings.password }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`Maileva refused the credentials (${response.status}): ${(await response.text()).slice(0, 200)}`);
    const token = (await response.json()) as { access_token: string; expires_in?: number };
    // Renewed a minute early, so a request never leaves with a token about to expire.
    this.token = { value: token.access_token, until: Date.now() + Math.max(0, (token.expires_in ?? 300) - 60) * 1000 };
    return token.access_token;
  }

  private async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.accessToken()}`, Accept: 'application/json' };
    if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.settings.apiUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status === 400)
      throw new PermanentDeliveryError(`Maileva refused ${method} ${path.replace(/[0-9a-f-]{36}/g, '…')}: ${text.slice(0, 300)}`);
    if (!response.ok) throw new Error(`Maileva answered ${response.status} to ${method} ${path}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** Maileva's custom_id holds 38 characters: a digest of the outbox key. */
function customId(idempotencyKey: string): string {
  return `rl-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** The postal lines La Poste expects: the name on line 2, the street on 4 (3 for a building), "postcode city" on 6. */
function recipientLines(envelope: OutboundEnvelope): Record<string, string> {
  const lines = envelope.recipientAddress
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.pop();
  if (!last || !/^\d{5} \S/.test(last))
    throw new PermanentDeliveryError(`the address must end with "postcode city" for La Poste, got ${JSON.stringify(last ?? '')}`);
  const street = lines.pop();
  const building = lines.join(', ');
  const fields: Record<string, string> = { address_line_2: envelope.recipientName, address_line_6: last, country_code: 'FR' };
  if (street) fields.address_line_4 = street;
  if (building) fields.address_line_3 = building;
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('address_line') && value.length > LINE_MAX)
      throw new PermanentDeliveryError(`${name} is longer than La Poste's ${LINE_MAX} characters: ${value}`);
  }
  return fields;
}
