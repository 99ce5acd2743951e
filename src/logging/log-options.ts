import type { LogLevel as NestLogLevel } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { LOG_LEVELS, LogFormat, LogLevelName, RelanceConfig } from '../config/configuration';

/** What the process's logger writes, and how. */
export interface LogSettings {
  level: LogLevelName;
  format: LogFormat;
}

/** Nest's level names, by pino's. */
const PINO_LEVEL_OF_NEST: Record<NestLogLevel, LogLevelName> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * The settings from LOG_LEVEL (`info` by default) and LOG_FORMAT, else `defaultFormat`: the
 * runtime picks pretty for all-in-one (a person at a terminal, `npm start`) and JSON for
 * api and worker (a log collector). `nestLevels` (in-process callers: tests, scripts)
 * overrides LOG_LEVEL with the most verbose of them; an empty list writes nothing.
 *
 * @example
 * logSettings(loadConfig(process.env), 'json'); // { level: 'info', format: 'json' }
 */
export function logSettings(
  config: Pick<RelanceConfig, 'logLevel' | 'logFormat'>,
  defaultFormat: LogFormat,
  nestLevels?: NestLogLevel[],
): LogSettings {
  const format = config.logFormat ?? defaultFormat;
  if (!nestLevels) return { level: config.logLevel, format };
  const levels = nestLevels.map((level) => PINO_LEVEL_OF_NEST[level]);
  // LOG_LEVELS runs from the most verbose.
  return { level: LOG_LEVELS.find((level) => levels.includes(level)) ?? 'silent', format };
}

/** pino's options for JSON lines: the level by name and an ISO time, so a line reads without a lookup table. */
export function jsonLogOptions(level: LogLevelName): pino.LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/**
 * pino-pretty's options: one line a record, the Nest context before the message and the
 * other fields after it as JSON; errors keep their stack below.
 */
export function prettyLogOptions(colorize: boolean): Parameters<typeof prettyFactory>[0] {
  return {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  };
}

/** A destination that writes each JSON line prettified into `to`. */
function prettified(to: DestinationStream, colorize: boolean): DestinationStream {
  const prettify = prettyFactory(prettyLogOptions(colorize));
  return { write: (line: string) => to.write(prettify(line)) };
}

/**
 * The process's one logger. JSON lines go to stdout; pretty lines to stdout, errors and
 * fatal ones to stderr, as Nest's console logger did. Writes are synchronous, so a line
 * logged just before `process.exit` is not lost. `destination` (tests) takes every line
 * instead, prettified without colours in the pretty format.
 *
 * @example
 * const logger = createRelanceLogger(logSettings(config, 'json'));
 * logger.info({ debtId, workflowId }, 'Step sent');
 */
export function createRelanceLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  if (settings.format === 'json') {
    return pino(jsonLogOptions(settings.level), destination ?? pino.destination({ dest: 1, sync: true }));
  }
  if (destination) return pino({ level: settings.level }, prettified(destination, false));
  const stdout = prettified(pino.destination({ dest: 1, sync: true }), Boolean(process.stdout.isTTY));
  const stderr = prettified(pino.destination({ dest: 2, sync: true }), Boolean(process.stderr.isTTY));
  return pino(
    { level: settings.level },
    // dedupe: each line goes to the most severe stream that takes it, never to both.
    pino.multistream(
      [
        { level: 'trace', stream: stdout },
        { level: 'error', stream: stderr },
      ],
      { dedupe: true },
    ),
  );
}
