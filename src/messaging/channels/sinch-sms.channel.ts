import { ChannelAdapter, OutboundEnvelope, PermanentDeliveryError, SendResult } from './channel-port';

export interface SinchSettings {
  /** Regional endpoint, e.g. https://eu.sms.api.sinch.com */
  baseUrl: string;
  servicePlanId: string;
  apiToken: string;
  /** Sender: a virtual number or an alphanumeric sender id. */
  sender: string;
}

/** French numbers written the French way ("06 12 34 56 78") or in E.164; anything else is refused before sending. */
export function toE164(phone: string): string | undefined {
  const compact = phone.replace(/[\s.()-]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  if (/^00[1-9]\d{7,14}$/.test(compact)) return `+${compact.slice(2)}`;
  return undefined;
}

/**
 * SMS through Sinch's SMS REST API (xms v1): `POST /xms/v1/{service_plan_id}/batches`
 * with a bearer token, our outbox key as `client_reference`; `GET …/batches?client_reference=`
 * finds a batch a crashed worker already sent. A 400 (invalid number, empty body) is
 * permanent; 401/403, 429 and 5xx are retried.
 */
export class SinchSmsChannel implements ChannelAdapter {
  readonly provider = 'SINCH' as const;

  /** With `callbackUrl`, Sinch posts a delivery report per recipient there. */
  constructor(
    private readonly settings: SinchSettings,
    private readonly callbackUrl?: string,
  ) {}

  async send(envelope: OutboundEnvelope): Promise<SendResult> {
    const to = toE164(envelope.recipientAddress);
    if (!to) throw new PermanentDeliveryError(`invalid phone number ${JSON.stringify(envelope.recipientAddress)}`);
    const response = await this.request('POST', '/batches', {
      from: this.settings.sender,
      to: [to],
      body: envelope.body,
      client_reference: envelope.idempotencyKey,
      ...(this.callbackUrl ? { delivery_report: 'per_recipient', callback_url: this.callbackUrl } : { delivery_report: 'none' }),
    });
    const batch = (await response.json()) as { id?: string };
    if (!batch.id) throw new Error('Sinch answered without a batch id');
    return { providerMessageId: batch.id };
  }

  async find(envelope: OutboundEnvelope): Promise<SendResult | undefined> {
    // The list defaults to the last 24 hours; a retry comes much sooner than 30 days.
    const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    const query = new URLSearchParams({ client_reference: envelope.idempotencyKey, start_date: since, page_size: '10' });
    const response = await this.request('GET', `/batches?${query}`);
    const list = (await response.json()) as { batches?: Array<{ id: string; client_reference?: string }> };
    const batch = list.batches?.find((b) => b.client_reference === envelope.idempotencyKey);
    return batch ? { providerMessageId: batch.id } : undefined;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const url = `${this.settings.baseUrl.replace(/\/$/, '')}/xms/v1/${encodeURIComponent(this.settings.servicePlanId)}${path}`;
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${this.settings.apiToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    if (response.ok) return response;
    const detail = await response.text().catch(() => '');
    if (response.status === 400) throw new PermanentDeliveryError(`Sinch refused the message: ${detail}`);
    throw new Error(`Sinch answered ${response.status} to ${method} ${path.split('?')[0]}: ${detail.slice(0, 300)}`);
  }
}
