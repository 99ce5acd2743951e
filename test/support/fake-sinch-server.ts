import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinchBatch {
  id: string;
  from: string;
  to: string[];
  body: string;
  client_reference?: string;
  delivery_report?: string;
  callback_url?: string;
  type: 'mt_text';
  created_at: string;
  canceled: false;
}

/**
 * A loopback HTTP server implementing the part of Sinch's SMS REST API (xms v1) that the
 * SMS channel uses: `POST /xms/v1/{service_plan_id}/batches` (201 with the batch, 400
 * `syntax_invalid_parameter_format` for a malformed number, 401 without the bearer
 * token) and `GET …/batches?client_reference=` (the paged list). It can hold its answer
 * to the next send, after storing the batch, as a provider that accepted a message does
 * while the sender dies.
 */
export interface FakeSinchServer {
  baseUrl: string;
  servicePlanId: string;
  apiToken: string;
  batches: SinchBatch[];
  holdNext(): Promise<{ release: () => void }>;
  close(): Promise<void>;
}

export async function startFakeSinchServer(): Promise<FakeSinchServer> {
  const servicePlanId = 'plan0123456789';
  const apiToken = 'token-abcdef';
  const batches: SinchBatch[] = [];
  let hold: ((release: () => void) => void) | undefined;
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== `/xms/v1/${servicePlanId}/batches`) return json(response, 404, { code: 'not_found', text: 'Not found' });
    if (request.headers.authorization !== `Bearer ${apiToken}`) return json(response, 401, { code: 'unauthorized', text: 'Unauthorized' });
    if (request.method === 'GET') {
      const reference = url.searchParams.get('client_reference');
      const found = batches.filter((b) => !reference || b.client_reference === reference);
      return json(response, 200, { count: found.length, page: 0, page_size: found.length, batches: found });
    }
    if (request.method !== 'POST') return json(response, 405, { code: 'method_not_allowed', text: 'Method not allowed' });
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as Partial<SinchBatch>;
      // +999 is no country's code: the provider refuses such a number as Sinch does an invalid one.
      if (!Array.isArray(body.to) || body.to.length === 0 || !body.to.every((n) => /^\+?[1-9]\d{7,14}$/.test(n) && !n.startsWith('+999'))) {
        return json(response, 400, { code: 'syntax_invalid_parameter_format', text: 'Invalid recipient' });
      }
      if (!body.body || !body.from) return json(response, 400, { code: 'syntax_constraint_violation', text: 'from and body are required' });
      const batch: SinchBatch = {
        id: `01FC6662${String(batches.length + 1).padStart(18, '0')}`,
        from: body.from,
        to: body.to,
        body: body.body,
        client_reference: body.client_reference,
        delivery_report: body.delivery_report ?? 'none',
        callback_url: body.callback_url,
        type: 'mt_text',
        created_at: new Date().toISOString(),
        canceled: false,
      };
      batches.push(batch);
      const held = hold;
      hold = undefined;
      if (held) held(() => json(response, 201, batch));
      else json(response, 201, batch);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    servicePlanId,
    apiToken,
    batches,
    holdNext: () => new Promise((resolve) => (hold = (release) => resolve({ release }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
