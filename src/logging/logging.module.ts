import { DynamicModule, Global, LoggerService, Module } from '@nestjs/common';
import { Logger as NestPinoLogger, LoggerModule, Params, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { LogContext } from './log-context';
import { httpLogOptions } from './request-log';

/** nestjs-pino's parameters over the process's logger. */
function loggerParams(logger: Logger): Params {
  // assignResponse: the guard's workspace reaches the `request completed` line too.
  return { pinoHttp: httpLogOptions(logger), assignResponse: true };
}

/**
 * The logger Nest itself writes through, given to `NestFactory` up front rather than
 * buffered until `app.useLogger()`: a start-up that fails (a database that does not
 * answer) still logs its retries and its error in the configured format, where a buffer
 * would flush them to Nest's console logger as plain text.
 */
export function nestLoggerFor(logger: Logger): LoggerService {
  const params = loggerParams(logger);
  return new NestPinoLogger(new PinoLogger(params), params);
}

/**
 * Structured logs for the whole process (nestjs-pino over one pino logger): `new Logger(ctx)`
 * from `@nestjs/common` writes through it, each HTTP request gets its `requestId`, and
 * {@link LogContext} adds fields to a unit of work.
 *
 * nestjs-pino builds its pino-http middleware once per process, from the first
 * parameters it is given: a second app in the same process (tests) logs through the
 * first one's logger.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(loggerParams(logger))],
      providers: [LogContext],
      exports: [LogContext],
    };
  }
}
