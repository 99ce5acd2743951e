import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
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
  return env;
}

/** Advances server time day by day (one long jump could fire timers out of turn) to `target`. */
export async function sleepUntil(env: TestWorkflowEnvironment, target: Date): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target.getTime(); now = await env.currentTimeMs()) {
    await env.sleep(Math.min(86_400_000, target.getTime() - now));
  }
}
