import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Recipient {
  id: string;
  status: 'DRAFT' | 'PENDING' | 'PROCESSED' | 'REJECTED';
  address_line_2?: string;
  address_line_3?: string;
  address_line_4?: string;
  address_line_6: string;
  country_code: string;
  registered_number?: string;
  last_delivery_status?: string;
  last_delivery_status_date?: string;
}
export interface FakeSending {
  id: string;
  status: 'DRAFT' | 'PENDING' | 'PROCESSED';
  name: string;
  custom_id?: string;
  notification_email: string;
  acknowledgement_of_receipt: boolean;
  documents: Array<{ id: string; name: string; size: number; bytes: Buffer }>;
  recipients: Recipient[];
}

/**
 * A loopback server implementing the part of Maileva's registered-mail API (registered_mail
 * v2, "Lettre Recommandée En Ligne") and its OAuth2 password grant that the adapter uses:
 * create a sending, add a PDF (multipart `document` + `metadata`) and a recipient (lines of
 * at most 38 characters, line 6 "postcode city"), submit, read a recipient's registered
 * number and delivery status. Errors answer 400 with Maileva's codes. `deliver()` plays La
 * Poste: it gives the letter its number and a delivery status.
 */
export interface FakeMailevaServer {
  apiUrl: string;
  authUrl: string;
  credentials: { clientId: string; clientSecret: string; username: string; password: string };
  sendings: FakeSending[];
  deliver(sendingId: string, status: string, registeredNumber: string): void;
  close(): Promise<void>;
}

export async function startFakeMailevaServer(): Promise<FakeMailevaServer> {
  const credentials = { clientId: 'relance-client', clientSecret: 'client-secret-1', username: 'agence', password: 'mot-de-passe' };
  const tokens = new Set<string>();
  const sendings: FakeSending[] = [];
  const json = (response: ServerResponse, status: number, body?: unknown): void => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
  };
  const fail = (response: ServerResponse, code: string, message: string) => json(response, 400, { errors: [{ code, message }] });
  const view = (s: FakeSending) => ({
    id: s.id,
    name: s.name,
    custom_id: s.custom_id,
    status: s.status,
    notification_email: s.notification_email,
    documents_count: s.documents.length,
  });

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void handle(request, response, Buffer.concat(chunks)).catch((error) =>
        json(response, 500, { code: 'INTERNAL', message: String(error) }),
      );
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/auth/token' && request.method === 'POST') {
      const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
      const form = new URLSearchParams(raw.toString());
      if (
        request.headers.authorization !== `Basic ${basic}` ||
        form.get('grant_type') !== 'password' ||
        form.get('username') !== credentials.username ||
        form.get('password') !== credentials.password
      ) {
        return json(response, 401, { error: 'invalid_grant' });
      }
      const token = randomUUID();
      tokens.add(token);
      return json(response, 200, { access_token: token, expires_in: 300, token_type: 'Bearer' });
    }
    const prefix = '/registered_mail/v2';
    if (!url.pathname.startsWith(prefix)) return json(response, 404, { code: 'NOT_FOUND', message: 'Not found' });
    if (!tokens.has((request.headers.authorization ?? '').replace(/^Bearer /, '')))
      return json(response, 401, { code: 'UNAUTHORIZED', message: 'Unauthorized' });
    const parts = url.pathname.slice(prefix.length).split('/').filter(Boolean);
    if (parts[0] !== 'sendings') return json(response, 404, { code: 'NOT_FOUND', message: 'Not found' });
    if (parts.length === 1 && request.method === 'POST') {
      const body = JSON.parse(raw.toString()) as Partial<FakeSending>;
      if (!body.name) return fail(response, 'EMPTY_NAME', "Aucun nom d'envoi n'a été transmis");
      if (!body.notification_email) return fail(response, 'INVALID_NOTIFICATION_EMAIL', "L'email est invalide.");
      const sending: FakeSending = {
        id: randomUUID(),
        status: 'DRAFT',
        name: body.name,
        custom_id: body.custom_id,
        notification_email: body.notification_email,
        acknowledgement_of_receipt: body.acknowledgement_of_receipt ?? true,
        documents: [],
        recipients: [],
      };
      sendings.push(sending);
      return json(response, 201, view(sending));
    }
    const sending = sendings.find((s) => s.id === parts[1]);
    if (!sending) return json(response, 404, { code: 'SENDING_NOT_FOUND', message: 'Envoi introuvable' });
    const sub = parts[2];
    if (!sub && request.method === 'GET') return json(response, 200, view(sending));
    if (sub === 'documents' && request.method === 'GET') {
      return json(response, 200, {
        documents: sending.documents.map(({ id, name, size }) => ({ id, name, size, priority: 1, type: 'application/pdf' })),
        paging: { total: sending.documents.length },
      });
    }
    if (sub === 'documents' && request.method === 'POST') {
      if (sending.status !== 'DRAFT') return fail(response, 'SENDING_NOT_DRAFT', "L'envoi n'est plus modifiable");
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const document = form.get('document');
      const metadata = JSON.parse(String(form.get('metadata') ?? '{}')) as { name?: string };
      if (!(document instanceof Blob) || document.size === 0) return fail(response, 'EMPTY_DOCUMENT', 'Le document est vide');
      const bytes = Buffer.from(await document.arrayBuffer());
      if (bytes.subarray(0, 5).toString() !== '%PDF-')
        return fail(response, 'DOCUMENT_TYPE_NOT_ACCEPTED', "Le type de document n'est pas accepté");
      const stored = { id: randomUUID(), name: metadata.name ?? 'document.pdf', size: bytes.length, bytes };
      sending.documents.push(stored);
      return json(response, 201, { id: stored.id, name: stored.name, size: stored.size, priority: 1, type: 'application/pdf' });
    }
    if (sub === 'recipients' && parts.length === 3 && request.method === 'GET')
      return json(response, 200, { recipients: sending.recipients, paging: { total: sending.recipients.length } });
    if (sub === 'recipients' && parts.length === 3 && request.method === 'POST') {
      const body = JSON.parse(raw.toString()) as Record<string, string>;
      for (let i = 1; i <= 6; i++)
        if ((body[`address_line_${i}`] ?? '').length > 38)
          return fail(response, `ADDRESS_LINE_${i}_TOO_LONG`, `La ligne d'adresse n°${i} est limitée à 38 caractères`);
      if (!body.address_line_1 && !body.address_line_2)
        return fail(response, 'EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2', "La ligne d'adresse n°1 ou n°2 doit être renseignée");
      if (body.country_code === 'FR' && !/^\d{5} \S/.test(body.address_line_6 ?? ''))
        return fail(response, 'ADDRESS_LINE_6_WRONG_FORMAT', 'Format [CODE_POSTAL] [VILLE] attendu');
      const recipient: Recipient = {
        id: randomUUID(),
        status: 'DRAFT',
        ...body,
        address_line_6: body.address_line_6,
        country_code: body.country_code,
      };
      sending.recipients.push(recipient);
      return json(response, 201, recipient);
    }
    if (sub === 'recipients' && parts[3] && request.method === 'GET') {
      const recipient = sending.recipients.find((r) => r.id === parts[3]);
      return recipient
        ? json(response, 200, recipient)
        : json(response, 404, { code: 'RECIPIENT_NOT_FOUND', message: 'Destinataire introuvable' });
    }
    if (sub === 'submit' && request.method === 'POST') {
      if (sending.status !== 'DRAFT') return fail(response, 'SENDING_NOT_DRAFT', "L'envoi est déjà soumis");
      if (sending.documents.length === 0 || sending.recipients.length === 0)
        return fail(response, 'SENDING_INCOMPLETE', 'Document ou destinataire manquant');
      sending.status = 'PENDING';
      for (const r of sending.recipients) r.status = 'PENDING';
      return json(response, 200);
    }
    return json(response, 405, { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/registered_mail/v2`,
    authUrl: `http://127.0.0.1:${port}/auth/token`,
    credentials,
    sendings,
    deliver(sendingId, status, registeredNumber) {
      const sending = sendings.find((s) => s.id === sendingId)!;
      sending.status = 'PROCESSED';
      for (const r of sending.recipients)
        Object.assign(r, {
          status: 'PROCESSED',
          registered_number: registeredNumber,
          last_delivery_status: status,
          last_delivery_status_date: new Date().toISOString(),
        });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
