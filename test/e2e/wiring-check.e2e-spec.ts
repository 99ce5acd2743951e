import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';

const RUN = `mutation Run($input: WiringCheckInput!) {
  runWiringCheck(input: $input) { runId workflowId message recordedAt }
}`;

interface RunResult {
  runWiringCheck: { runId: string; workflowId: string; message: string; recordedAt: string };
}

describe('runWiringCheck: GraphQL → Temporal workflow → activity → Postgres', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('runs the workflow on the real dev server and returns the row its activity wrote', async () => {
    const response = await relance.graphql<RunResult>(RUN, { input: { message: 'bonjour' } });
    expect(response.errors).toBeUndefined();
    const result = response.data!.runWiringCheck;
    expect(result.workflowId).toMatch(/^wiring-check:[0-9a-f-]{36}$/);
    expect(result.message).toBe('bonjour');
    const rows = await relance.database.query<{ id: string; workflow_id: string; message: string }>(
      'SELECT id, workflow_id, message FROM wiring_check_run WHERE workflow_id = $1',
      [result.workflowId],
    );
    expect(rows).toEqual([{ id: result.runId, workflow_id: result.workflowId, message: 'bonjour' }]);
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const description = await client.workflow.getHandle(result.workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
  });

  it.each([
    [{ message: '' }, 'input.message'],
    [{ message: 'x'.repeat(201) }, 'input.message'],
  ])('refuses %j with BAD_USER_INPUT on the field and writes nothing', async (input, field) => {
    const before = await relance.database.query('SELECT count(*)::int AS n FROM wiring_check_run');
    const response = await relance.graphql(RUN, { input });
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|\.ts:\d+|\.js:\d+/);
    expect(await relance.database.query('SELECT count(*)::int AS n FROM wiring_check_run')).toEqual(before);
  });

  it('needs a key that may write', async () => {
    const readonly = await relance.running.app.get(WorkspaceService).createApiKey(relance.workspaceId, 'audit', 'READONLY');
    const forbidden = await relance.graphql(RUN, { input: { message: 'x' } }, readonly.key);
    expect(forbidden.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });
    const anonymous = await relance.graphql(RUN, { input: { message: 'x' } }, null);
    expect(anonymous.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an unknown input field (graphql-js, before any resolver runs)', async () => {
    const response = await relance.graphql(RUN, { input: { message: 'x', extra: true } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
