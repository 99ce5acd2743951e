import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { wiringCheck } from '../../workflows/wiring-check.workflow';
import type { WiringCheckActivities } from '../../activities/wiring-check.activities';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { temporalExecutable } from '../support/temporal-executables';

describe('wiringCheck workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: temporalExecutable('test-server') } });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('records the check through its activity, retrying a failed attempt', async () => {
    const calls: Array<{ workflowId: string; message: string }> = [];
    const activities: WiringCheckActivities = {
      async recordWiringCheck(input) {
        calls.push(input);
        if (calls.length === 1) throw new Error('database blip');
        return { runId: 'run-1', ...input, recordedAt: '2026-11-23T18:00:00.000Z' };
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'wiring-check-test',
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(wiringCheck, {
        workflowId: 'wiring-check:test',
        taskQueue: 'wiring-check-test',
        args: ['hello'],
      }),
    );
    expect(result).toEqual({
      runId: 'run-1',
      workflowId: 'wiring-check:test',
      message: 'hello',
      recordedAt: '2026-11-23T18:00:00.000Z',
    });
    expect(calls).toEqual([
      { workflowId: 'wiring-check:test', message: 'hello' },
      { workflowId: 'wiring-check:test', message: 'hello' },
    ]);
  });
});
