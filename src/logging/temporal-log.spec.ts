import type { Context as ActivityContext, Info as ActivityInfo } from '@temporalio/activity';
import type { ActivityExecuteInput } from '@temporalio/worker';
import type { Bindings, DestinationStream } from 'pino';
import type { LogLevelName } from '../config/configuration';
import type { LogContext } from './log-context';
import { createRelanceLogger } from './log-options';
import { activityLogInterceptors, debtFieldsOf, TemporalPinoLogger } from './temporal-log';

function jsonLines(level: LogLevelName): { logger: TemporalPinoLogger; records: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const out: DestinationStream = { write: (line: string) => void lines.push(line) };
  const logger = new TemporalPinoLogger(createRelanceLogger({ level, format: 'json' }, out));
  return { logger, records: () => lines.map((line) => JSON.parse(line)) };
}

describe('TemporalPinoLogger', () => {
  it("writes workflow and activity code's lines at LOG_LEVEL with the SDK's attributes as fields", () => {
    const { logger, records } = jsonLines('info');
    logger.info('Registered letters not tracked', {
      sdkComponent: 'activity',
      workflowId: 'arrears-detection:relance',
      activityType: 'detectArrears',
      attempt: 2,
      taskToken: 'Cg…long…',
    });
    logger.error('Arrears detection failed for a workspace', { sdkComponent: 'workflow', workspaceId: 'w-1', error: 'boom' });
    expect(records()).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'Temporal',
        msg: 'Registered letters not tracked',
        sdkComponent: 'activity',
        workflowId: 'arrears-detection:relance',
        activityType: 'detectArrears',
        attempt: 2,
      }),
      expect.objectContaining({ level: 'error', msg: 'Arrears detection failed for a workspace', workspaceId: 'w-1', error: 'boom' }),
    ]);
    expect(records()[0]).not.toHaveProperty('taskToken');
  });

  it("keeps the SDK's own lines from WARN up, unless LOG_LEVEL is debug or trace", () => {
    const atInfo = jsonLines('info');
    atInfo.logger.info('Workflow bundle created', { sdkComponent: 'worker' });
    atInfo.logger.debug('Activity completed', { sdkComponent: 'worker' });
    atInfo.logger.warn('Worker is not versioned', { sdkComponent: 'core' });
    expect(atInfo.records().map((r) => r.msg)).toEqual(['Worker is not versioned']);

    const atDebug = jsonLines('debug');
    atDebug.logger.debug('Activity completed', { sdkComponent: 'worker', activityType: 'performStep' });
    expect(atDebug.records()).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'Activity completed', activityType: 'performStep' }),
    ]);

    const atError = jsonLines('error');
    atError.logger.warn('Worker is not versioned', { sdkComponent: 'core' });
    expect(atError.records()).toEqual([]);
  });

  it('writes an Error the SDK passes as `error` with its message and stack', () => {
    const { logger, records } = jsonLines('info');
    logger.warn('Activity failed', { sdkComponent: 'worker', error: new Error('provider down') });
    const [record] = records();
    expect(record).toMatchObject({ msg: 'Activity failed', err: { type: 'Error', message: 'provider down' } });
    expect(record).not.toHaveProperty('error');
  });
});

describe('activityLogInterceptors', () => {
  const info = {
    activityType: 'performStep',
    activityId: '3',
    attempt: 2,
    workflowExecution: { workflowId: 'debt:w-1:d-1', runId: 'run-1' },
  } as unknown as ActivityInfo;

  it("opens a log context per attempt with the workflow's and the debt's ids, and adds the debt's to the SDK's attributes", async () => {
    const opened: Bindings[] = [];
    const logContext = { run: (fields: Bindings, work: () => unknown) => (opened.push(fields), work()) } as unknown as LogContext;
    const { inbound, outbound } = activityLogInterceptors(logContext)({ info } as ActivityContext);
    const input: ActivityExecuteInput = { args: [{ workspaceId: 'w-1', debtId: 'd-1', stepKey: 'd3-email' }], headers: {} };
    const result = await inbound!.execute!(input, async () => 'done');
    expect(result).toBe('done');
    expect(opened).toEqual([
      {
        workflowId: 'debt:w-1:d-1',
        workflowRunId: 'run-1',
        activityType: 'performStep',
        activityId: '3',
        attempt: 2,
        workspaceId: 'w-1',
        debtId: 'd-1',
      },
    ]);
    expect(outbound!.getLogAttributes!({ activityType: 'performStep' }, (attributes) => attributes)).toEqual({
      activityType: 'performStep',
      workspaceId: 'w-1',
      debtId: 'd-1',
    });
  });

  it('finds the ids only in an input object that names them as strings', () => {
    expect(debtFieldsOf([])).toEqual({});
    expect(debtFieldsOf(['w-1'])).toEqual({});
    expect(debtFieldsOf([{ workspaceId: 'w-1' }])).toEqual({ workspaceId: 'w-1' });
    expect(debtFieldsOf([{ workspaceId: 'w-1', debtId: 42 }])).toEqual({ workspaceId: 'w-1' });
  });
});
