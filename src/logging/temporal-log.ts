import type { Info as ActivityInfo } from '@temporalio/activity';
import type { LogLevel as TemporalLogLevel, Logger as TemporalLogger, LogMetadata } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Bindings, Level, Logger } from 'pino';
import type { LogContext } from './log-context';

const PINO_LEVEL: Record<TemporalLogLevel, Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** What the SDK logs of its own work (the worker, Core, the client), as opposed to workflow and activity code. */
function isSdkOwn(meta: LogMetadata): boolean {
  return meta.sdkComponent !== 'workflow' && meta.sdkComponent !== 'activity';
}

/**
 * The Temporal runtime's logger (`Runtime.install({ logger })`) over the process's pino
 * logger: what workflow code logs through its sink, what activities log with
 * `Context.current().log`, and the SDK's own lines, each with the attributes the SDK adds
 * (workflowId, activityType, attempt…) as fields. The SDK logs every bundle, poll and
 * activity at INFO or DEBUG; its own lines are kept from WARN up unless LOG_LEVEL is debug
 * or trace. Workflow and activity code logs at the configured level.
 */
export class TemporalPinoLogger implements TemporalLogger {
  private readonly code: Logger;
  private readonly sdk: Logger;

  constructor(logger: Logger) {
    this.code = logger.child({ context: 'Temporal' });
    const verbose = logger.isLevelEnabled('debug');
    const level = verbose || !logger.isLevelEnabled('warn') ? logger.level : 'warn';
    this.sdk = logger.child({ context: 'Temporal' }, { level });
  }

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    // taskToken is long and opaque; an Error under `error` would serialize as {}: pino expands `err`.
    const { taskToken: _taskToken, error, ...fields } = meta;
    const record: Bindings = error instanceof Error ? { ...fields, err: error } : error === undefined ? fields : { ...fields, error };
    (isSdkOwn(meta) ? this.sdk : this.code)[PINO_LEVEL[level]](record, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The debt and workspace an activity works on, when its input names them (`DebtRef` and its kin). */
export function debtFieldsOf(args: readonly unknown[]): { debtId?: string; workspaceId?: string } {
  const input = args[0];
  if (typeof input !== 'object' || input === null) return {};
  const { debtId, workspaceId } = input as Record<string, unknown>;
  return { ...(typeof debtId === 'string' ? { debtId } : {}), ...(typeof workspaceId === 'string' ? { workspaceId } : {}) };
}

/** The fields every line of one activity attempt carries. */
export function activityFieldsOf(info: ActivityInfo): Bindings {
  return {
    workflowId: info.workflowExecution?.workflowId,
    workflowRunId: info.workflowExecution?.runId,
    activityType: info.activityType,
    activityId: info.activityId,
    attempt: info.attempt,
  };
}

/**
 * Puts an activity's identity on every line it causes: the lines of `Context.current().log`
 * (through the SDK's log attributes) and those of the Nest services it calls (through a
 * {@link LogContext} opened for the attempt) carry workflowId, activityType, attempt, and
 * debtId / workspaceId when the input has them.
 *
 * @example
 * Worker.create({ ..., interceptors: { activity: [activityLogInterceptors(logContext)] } });
 */
export function activityLogInterceptors(logContext: LogContext): ActivityInterceptorsFactory {
  return (context) => {
    // Known once the attempt starts; the SDK's "Activity started" line comes before it.
    let debt: Bindings = {};
    return {
      inbound: {
        execute: (input, next) => {
          debt = debtFieldsOf(input.args);
          return logContext.run({ ...activityFieldsOf(context.info), ...debt }, () => next(input));
        },
      },
      outbound: {
        getLogAttributes: (attributes, next) => next({ ...attributes, ...debt }),
      },
    };
  };
}
