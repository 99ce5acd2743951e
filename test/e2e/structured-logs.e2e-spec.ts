import { randomBytes } from 'node:crypto';
import { createRelanceLogger } from '../../src/logging/log-options';
import { eventually } from '../support/eventually';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';

type LogRecord = Record<string, unknown>;

/**
 * The logs as a collector reads them: Relance in all-in-one with LOG_FORMAT=json, its lines
 * captured. A request is found by the id its caller gave it and by its workspace; a debt's
 * activity by its workflow and its debt.
 */
describe('structured logs', () => {
  const lines: string[] = [];
  let relance: TestRelance;
  beforeAll(async () => {
    // debug: the SDK's own record of each activity attempt is written at debug.
    const logger = createRelanceLogger({ level: 'debug', format: 'json' }, { write: (line: string) => void lines.push(line) });
    relance = await startTestRelance('all-in-one', {}, { logger });
  });
  afterAll(async () => {
    await relance?.stop();
  });

  const records = (): LogRecord[] => lines.map((line) => JSON.parse(line) as LogRecord);

  async function postGraphql(headers: Record<string, string>, query: string): Promise<Response> {
    return fetch(relance.running.graphqlUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${relance.adminKey}`, ...headers },
      body: JSON.stringify({ query }),
    });
  }

  it("tags a GraphQL request's records with the caller's x-request-id and the workspace, and echoes the id", async () => {
    const requestId = `e2e-logs-${randomBytes(6).toString('hex')}`;
    const response = await postGraphql({ 'x-request-id': requestId }, '{ viewer { workspaceId } }');
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(((await response.json()) as { data: { viewer: { workspaceId: string } } }).data.viewer.workspaceId).toBe(relance.workspaceId);

    const ofRequest = await eventually(
      async () => records().filter((record) => record.requestId === requestId),
      (found) => found.some((record) => record.msg === 'request completed'),
      `the request completed record of ${requestId}`,
    );
    expect(ofRequest.find((record) => record.msg === 'request completed')).toMatchObject({
      level: 'info',
      requestId,
      workspaceId: relance.workspaceId,
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      time: expect.any(String),
    });
    // Requests are logged without their headers: the API key is nowhere.
    expect(lines.some((line) => line.includes(relance.adminKey))).toBe(false);
  });

  it('names a request whose x-request-id is not a plain token by a new UUID, and says which', async () => {
    const response = await postGraphql({ 'x-request-id': 'two words' }, '{ viewer { role } }');
    const given = response.headers.get('x-request-id');
    expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await eventually(
      async () => records().filter((record) => record.requestId === given && record.msg === 'request completed'),
      (found) => found.length === 1,
      `the request completed record of ${given}`,
    );
    expect(lines.some((line) => line.includes('two words'))).toBe(false);
  });

  it("tags a debt's activity records with its workflow and its debt", async () => {
    await createLeaseInArrears(relance, { reference: 'LOGS-1', dueDaysAgo: 12 });
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string }> }>(
      'mutation { runArrearsDetection { id } }',
    );
    const debtId = runArrearsDetection[0].id;
    const workflowId = `debt:${relance.workspaceId}:${debtId}`;
    const ofActivities = await eventually(
      async () => records().filter((record) => record.workflowId === workflowId && record.activityType !== undefined),
      (found) => found.some((record) => record.debtId === debtId && record.context === 'Temporal'),
      `an activity record of ${workflowId} naming debt ${debtId}`,
    );
    // Temporal's own record of the activity (services that log inside it carry the same tags, under their context).
    expect(ofActivities.find((record) => record.debtId === debtId && record.context === 'Temporal')).toMatchObject({
      context: 'Temporal',
      workflowId,
      debtId,
      workspaceId: relance.workspaceId,
      activityType: expect.any(String),
      attempt: 1,
    });
  });

  it('writes nothing but JSON objects, one a line, each with its level, time and message', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    }
  });
});
