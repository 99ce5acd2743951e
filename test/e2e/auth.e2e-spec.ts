import { WorkspaceService } from '../../src/workspace/workspace.service';
import { queryText } from '../support/graphql-client';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { HealthStatusDocument, ViewerDocument } from './graphql/generated';

const VIEWER = ViewerDocument;

describe('API keys', () => {
  let relance: TestRelance;
  let workspaces: WorkspaceService;
  beforeAll(async () => {
    relance = await startTestRelance('api');
    workspaces = relance.running.app.get(WorkspaceService);
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('tells the caller who it is', async () => {
    const response = await relance.graphql(VIEWER);
    expect(response.data?.viewer).toEqual({
      workspaceId: relance.workspaceId,
      workspaceName: 'Agence de test',
      role: 'ADMIN',
      landlordId: null,
    });
  });

  it.each([
    ['no header', undefined],
    ['a malformed key', 'Bearer not-a-key'],
    ['an unknown key', `Bearer rlk_${'0'.repeat(32)}_${'A'.repeat(43)}`],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with UNAUTHENTICATED and no data', async (_name, authorization) => {
    const response = await fetch(relance.running.graphqlUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: queryText(VIEWER) }),
    });
    const body = (await response.json()) as { data: unknown; errors: Array<{ extensions: unknown }> };
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a key whose secret part was altered', async () => {
    const tampered = relance.adminKey.slice(0, -1) + (relance.adminKey.endsWith('A') ? 'B' : 'A');
    expect((await relance.graphql(VIEWER, {}, tampered)).errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a revoked key', async () => {
    const key = await workspaces.createApiKey(relance.workspaceId, 'temp', 'AGENT');
    expect((await relance.graphql(VIEWER, {}, key.key)).data?.viewer).toMatchObject({ role: 'AGENT' });
    await relance.database.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [key.id]);
    expect((await relance.graphql(VIEWER, {}, key.key)).errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it("keeps workspaces apart: a key names its own workspace, never another's", async () => {
    const other = await workspaces.createWorkspace('Agence Durand');
    const response = await relance.graphql(VIEWER, {}, other.apiKey);
    expect(response.data?.viewer.workspaceId).toBe(other.workspaceId);
    // The other workspace's key with this workspace's id spliced in is not a key of either.
    const spliced = other.apiKey.replace(other.workspaceId.replace(/-/g, ''), relance.workspaceId.replace(/-/g, ''));
    expect((await relance.graphql(VIEWER, {}, spliced)).errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('stores only a hash of each key', async () => {
    const rows = await relance.database.query<{ secret_hash: string }>('SELECT secret_hash FROM api_key');
    for (const row of rows) {
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(relance.adminKey).not.toContain(row.secret_hash);
    }
  });

  it('leaves health public', async () => {
    expect((await relance.graphql(HealthStatusDocument, {}, null)).errors).toBeUndefined();
    expect((await fetch(`${relance.running.httpUrl}/health`)).status).not.toBe(401);
  });
});
