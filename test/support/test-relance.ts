import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig } from '../../src/config/configuration';
import { RelanceMode } from '../../src/runtime/relance-runtime';
import { RunningRelance, startRelance, StartOptions } from '../../src/runtime/start-relance';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { DocumentArguments, graphqlRequest, GraphqlResponse, queryText } from './graphql-client';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestRelance {
  running: RunningRelance;
  database: TestDatabase;
  workspaceId: string;
  /** ADMIN key of the workspace created for this file. */
  adminKey: string;
  /**
   * A GraphQL request with the admin key, or with `apiKey` (null: none). A generated document
   * (test/e2e/graphql/generated.ts) types its variables and data; query text is for the
   * queries a test builds at run time or breaks on purpose.
   */
  graphql<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...rest: DocumentArguments<NoInfer<TVariables>, string | null>
  ): Promise<GraphqlResponse<TResult>>;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    apiKey?: string | null,
  ): Promise<GraphqlResponse<T>>;
  /** A request that must succeed: its data; throws with the query and the errors otherwise. */
  ok<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...rest: DocumentArguments<NoInfer<TVariables>, string>
  ): Promise<TResult>;
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
  /** `logger`: a spec that reads the logs gives its own; errors only otherwise. */
  options: Pick<StartOptions, 'logger'> = {},
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
      LANDLORD_STATEMENTS_SCHEDULE: 'off',
      DATA_RETENTION_SCHEDULE: 'off',
      ...env,
    });
    const running = await startRelance(mode, config, { port: 0, logLevels: ['error'], ...options });
    const workspace = await running.app.get(WorkspaceService).createWorkspace('Agence de test');
    // One body for both forms of each method: text and documents go out the same way.
    const graphql = (query: string | TypedDocumentNode, variables: Record<string, unknown> = {}, apiKey?: string | null) =>
      graphqlRequest(`${running.graphqlUrl}`, queryText(query), variables, apiKey === null ? undefined : (apiKey ?? workspace.apiKey));
    const ok = async (query: string | TypedDocumentNode, variables: Record<string, unknown> = {}, apiKey?: string) => {
      const response = await graphql(query, variables, apiKey);
      if (response.errors) throw new Error(`${queryText(query)}\n${JSON.stringify(response.errors)}`);
      return response.data;
    };
    return {
      running,
      database,
      workspaceId: workspace.workspaceId,
      adminKey: workspace.apiKey,
      graphql: graphql as TestRelance['graphql'],
      ok: ok as TestRelance['ok'],
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
