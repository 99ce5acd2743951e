import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server implementing the part of Twenty's REST API the connector uses,
 * as a recent Twenty names things: `GET /rest/metadata/objects` (task with `bodyV2`,
 * taskTarget with the `targetPerson` morph relation), `GET /rest/people?filter=
 * emails.primaryEmail[eq]:"…"`, `POST /rest/tasks` and `POST /rest/taskTargets`, each
 * answered `{ data: { createX: record } }`, 401 without the API key.
 */
export interface FakeTwentyServer {
  url: string;
  apiKey: string;
  people: Array<{ id: string; email: string }>;
  tasks: Array<Record<string, unknown> & { id: string }>;
  taskTargets: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeTwentyServer(): Promise<FakeTwentyServer> {
  const apiKey = 'twenty-api-key-0123';
  const state = {
    people: [{ id: 'a1b2c3d4-0000-4000-8000-000000000001', email: 'jean.martin@example.test' }],
    tasks: [] as FakeTwentyServer['tasks'],
    taskTargets: [] as Array<Record<string, unknown>>,
  };
  const json = (response: ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`)
      return json(response, 401, { statusCode: 401, error: 'UNAUTHENTICATED', messages: ['Token invalid'] });
    const url = new URL(request.url ?? '/', 'http://localhost');
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      if (request.method === 'GET' && url.pathname === '/rest/metadata/objects') {
        return json(response, 200, {
          data: {
            objects: [
              {
                nameSingular: 'task',
                fields: [
                  { name: 'title', type: 'TEXT' },
                  { name: 'bodyV2', type: 'RICH_TEXT_V2' },
                  { name: 'dueAt', type: 'DATE_TIME' },
                  { name: 'status', type: 'SELECT' },
                  { name: 'assignee', type: 'RELATION' },
                ],
              },
              {
                nameSingular: 'taskTarget',
                fields: [
                  { name: 'task', type: 'RELATION' },
                  { name: 'targetPerson', type: 'MORPH_RELATION' },
                  { name: 'targetCompany', type: 'MORPH_RELATION' },
                ],
              },
              { nameSingular: 'person', fields: [{ name: 'emails', type: 'EMAILS' }] },
            ],
          },
        });
      }
      if (request.method === 'GET' && url.pathname === '/rest/people') {
        const email = /^emails\.primaryEmail\[eq\]:"(.*)"$/.exec(url.searchParams.get('filter') ?? '')?.[1];
        return json(response, 200, {
          data: { people: state.people.filter((p) => p.email === email).map((p) => ({ id: p.id, emails: { primaryEmail: p.email } })) },
          pageInfo: { hasNextPage: false },
        });
      }
      if (request.method === 'POST' && url.pathname === '/rest/tasks') {
        const body = JSON.parse(raw) as Record<string, unknown>;
        if (typeof body.title !== 'string')
          return json(response, 400, { statusCode: 400, error: 'BadRequestException', messages: ['title is required'] });
        const task = { ...body, id: `b1b2c3d4-0000-4000-8000-${String(state.tasks.length + 1).padStart(12, '0')}` };
        state.tasks.push(task);
        return json(response, 201, { data: { createTask: task } });
      }
      if (request.method === 'POST' && url.pathname === '/rest/taskTargets') {
        const body = JSON.parse(raw) as Record<string, unknown>;
        if (!state.tasks.some((t) => t.id === body.taskId))
          return json(response, 400, { statusCode: 400, error: 'BadRequestException', messages: ['unknown taskId'] });
        state.taskTargets.push(body);
        return json(response, 201, { data: { createTaskTarget: { id: `t-${state.taskTargets.length}`, ...body } } });
      }
      json(response, 404, { statusCode: 404, error: 'NotFound' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    ...state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
