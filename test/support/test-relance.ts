import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/configuration';
import { RelanceMode } from '../../src/runtime/relance-runtime';
import { RunningRelance, startRelance } from '../../src/runtime/start-relance';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { graphqlRequest, GraphqlResponse } from './graphql-client';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestRelance {
  running: RunningRelance;
  database: TestDatabase;
  workspaceId: string;
  /** ADMIN key of the workspace created for this file. */
  adminKey: string;
  /** A GraphQL request with the admin key, or with `apiKey` (null: none). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    apiKey?: string | null,
  ): Promise<GraphqlResponse<T>>;
  /** A request that must succeed: its data; throws with the query and the errors otherwise. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, apiKey?: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Boots Relance for one spec file: a fresh Postgres database, the shared e2e Temporal
 * dev server, a task queue of its own, and an HTTP port the OS picks.
 */
export async function startTestRelance(
  mode: RelanceMode = 'all-in-one',
  env: Record<string, string> = {},
): Promise<TestRelance> {
  const temporalAddress = process.env.RELANCE_TEST_TEMPORAL_ADDRESS;
  if (!temporalAddress) throw new Error('RELANCE_TEST_TEMPORAL_ADDRESS is unset: run e2e specs through jest');
  const database = await createTestDatabase();
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `relance-test-${randomBytes(4).toString('hex')}`,
      // A daily run firing mid-test would open debts a test expects to open itself.
      ARREARS_DETECTION_SCHEDULE: 'off',
      ...env,
    });
    const running = await startRelance(mode, config, { port: 0, logLevels: ['error'] });
    const workspace = await running.app.get(WorkspaceService).createWorkspace('Agence de test');
    const graphql: TestRelance['graphql'] = (query, variables, apiKey) =>
      graphqlRequest(`${running.graphqlUrl}`, query, variables, apiKey === null ? undefined : (apiKey ?? workspace.apiKey));
    return {
      running,
      database,
      workspaceId: workspace.workspaceId,
      adminKey: workspace.apiKey,
      graphql,
      ok: async <T,>(query: string, variables: Record<string, unknown> = {}, apiKey?: string) => {
        const response = await graphql<T>(query, variables, apiKey);
        if (response.errors) throw new Error(`${query}\n${JSON.stringify(response.errors)}`);
        return response.data as T;
      },
      stop: async () => {
        try {
          await running.stop();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
