import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { RELANCE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
import { temporalExecutable } from './temporal-executables';

/**
 * Temporal's time-skipping test server with Relance's search attributes registered: like a
 * real cluster, it refuses upserts of unregistered attributes.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: temporalExecutable('test-server') } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(RELANCE_SEARCH_ATTRIBUTES.map((a) => [a.name, encodeSearchAttributeIndexedValueType('KEYWORD')!])),
  });
  // Under the date sweep (scripts/date-sweep.mjs) the server's clock must start on the swept
  // date like this process's, or the sweep would prove nothing about server time.
  const swept = process.env.RELANCE_DATE_SWEEP;
  if (swept) {
    const serverNow = await env.currentTimeMs();
    if (Math.abs(serverNow - Date.now()) > 60_000 || Math.abs(Date.now() - Date.parse(swept)) > 86_400_000) {
      await env.teardown();
      throw new Error(
        `date sweep to ${swept}: the time-skipping server started at ${new Date(serverNow).toISOString()}, this process is at ${new Date().toISOString()}`,
      );
    }
  }
  return env;
}

/** Advances server time day by day (one long jump could fire timers out of turn) to `target`. */
export async function sleepUntil(env: TestWorkflowEnvironment, target: Date): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target.getTime(); now = await env.currentTimeMs()) {
    await env.sleep(Math.min(86_400_000, target.getTime() - now));
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * Relance's workflows (workflows/index.ts), bundled once per spec file: a worker given
 * `workflowsPath` bundles them anew at each start, a second or so every time.
 */
export function relanceWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('ERROR') });
  return bundle;
}
