import { isAbsolute, resolve } from 'node:path';

/**
 * Relance's whole configuration, read once from the environment at start-up.
 *
 * Every variable is optional: with nothing set, `all-in-one` runs on an embedded
 * Postgres and a local Temporal dev server kept under `dataDir`.
 */
export interface RelanceConfig {
  /** `postgres://…` URL; `undefined` means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** `host:port` of a Temporal frontend; `undefined` means all-in-one starts a local dev server. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalTaskQueue: string;
  /** Ports of the local dev server that all-in-one starts when `temporalAddress` is unset. */
  temporalDevPort: number;
  temporalDevUiPort: number;
  /** HTTP port of the API (GraphQL at `/graphql`, health at `/health`). */
  port: number;
  /** Interface the API listens on; loopback by default so a first run exposes nothing. */
  host: string;
  /** Cost budget of one GraphQL request, checked before any resolver runs (graphql/cost). */
  graphqlMaxDepth: number;
  graphqlMaxAliases: number;
  graphqlMaxComplexity: number;
  graphqlMaxFilterDepth: number;
  /** Absolute folder for the embedded database and the dev server's SQLite file. */
  dataDir: string;
  /** Cron expression (Europe/Paris) of the daily arrears detection; `undefined` turns the Schedule off. */
  arrearsDetectionSchedule: string | undefined;
  /** Cron expression (Europe/Paris) of the landlords' monthly statements; `undefined` turns the Schedule off. */
  landlordStatementsSchedule: string | undefined;
  /** Cron expression (Europe/Paris) of the nightly data retention (CNIL: closed debts anonymised); `undefined` turns the Schedule off. */
  dataRetentionSchedule: string | undefined;
  /** The URL providers reach Relance at (delivery reports); `undefined`: none are asked for. */
  publicUrl: string | undefined;
  /**
   * The 32-byte key (base64) that seals secrets stored in the database (a workspace's Twenty
   * API key and webhook secret); `undefined`: a key generated once in `dataDir/secrets.key`.
   */
  secretsKey: Buffer | undefined;
  /** Seconds between two passes of the Twenty sync (each connected workspace's changes pushed to its CRM). */
  twentySyncIntervalSeconds: number;
  /** Most connections this process opens to Postgres (the pg pool's `max`); the embedded PGlite is always one. */
  databasePoolSize: number;
  /**
   * Most activities the worker runs at once: `databasePoolSize` unless set, never more. Each
   * running activity holds at most one pooled connection at a time, so with no more
   * activities than connections none of them waits on the pool.
   */
  workerActivityConcurrency: number;
  /** Least severe log level written; `info` by default. */
  logLevel: LogLevelName;
  /** How log lines are written; `undefined`: pretty in all-in-one, JSON in api and worker. */
  logFormat: LogFormat | undefined;
}

/** Pino's levels, most verbose first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** One JSON object a line (log collectors), or coloured lines for a person at a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** What the variables read before the ones derived from others are filled in. */
type ParsedConfig = Omit<RelanceConfig, 'workerActivityConcurrency'> & { workerActivityConcurrency: number | undefined };

/** One environment variable: how to read it, and the form it expects for error messages. */
interface VariableSpec<K extends keyof RelanceConfig> {
  name: string;
  key: K;
  /** Human form of what is expected, used in error messages. */
  expected: string;
  parse: (raw: string | undefined, cwd: string) => ParsedConfig[K];
}

/** Raised at start-up when one or more variables are malformed; lists every problem at once. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

class InvalidValue extends Error {}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const HOST_PORT_PATTERN = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

function optional<T>(parse: (raw: string) => T): (raw: string | undefined) => T | undefined {
  return (raw) => (raw === undefined || raw.trim() === '' ? undefined : parse(raw.trim()));
}

function withDefault<T>(fallback: T, parse: (raw: string) => T): (raw: string | undefined) => T {
  return (raw) => (raw === undefined || raw.trim() === '' ? fallback : parse(raw.trim()));
}

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new InvalidValue();
  const port = Number(raw);
  if (port < 1 || port > 65535) throw new InvalidValue();
  return port;
}

/** A whole number from `min` to `max`. */
function parseCount(min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw)) throw new InvalidValue();
    const value = Number(raw);
    if (value < min || value > max) throw new InvalidValue();
    return value;
  };
}

function parsePostgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValue();
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new InvalidValue();
  if (!url.hostname) throw new InvalidValue();
  return raw;
}

function parseHostPort(raw: string): string {
  const match = HOST_PORT_PATTERN.exec(raw);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) throw new InvalidValue();
  return raw;
}

function parseHost(raw: string): string {
  if (!/^(\[?[0-9a-fA-F:]+\]?|[A-Za-z0-9.-]{1,253})$/.test(raw)) throw new InvalidValue();
  return raw.replace(/^\[(.*)\]$/, '$1');
}

/** Five cron fields (minute hour day-of-month month day-of-week) of digits, `*`, `/`, `,` and `-`; or `off`. */
function parseCronOrOff(raw: string): string | undefined {
  if (raw.toLowerCase() === 'off') return undefined;
  const fields = raw.split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => /^[0-9*][0-9*/,-]*$/.test(f))) throw new InvalidValue();
  return fields.join(' ');
}

function parseHttpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValue();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidValue();
  return raw.replace(/\/+$/, '');
}

function parseSecretsKey(raw: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(raw)) throw new InvalidValue();
  return Buffer.from(raw, 'base64');
}

/** One of `allowed`, case-insensitively. */
function parseOneOf<T extends string>(allowed: readonly T[]): (raw: string) => T {
  return (raw) => {
    const value = raw.toLowerCase() as T;
    if (!allowed.includes(value)) throw new InvalidValue();
    return value;
  };
}

function parseName(raw: string): string {
  if (!NAME_PATTERN.test(raw)) throw new InvalidValue();
  return raw;
}

/** The variables, in the order the README's configuration table lists them. */
export const CONFIG_VARIABLES = [
  {
    name: 'DATABASE_URL',
    key: 'databaseUrl',
    expected: 'a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/relance',
    parse: optional(parsePostgresUrl),
  } satisfies VariableSpec<'databaseUrl'>,
  {
    name: 'DATABASE_POOL_SIZE',
    key: 'databasePoolSize',
    // Two at least: migrations hold their lock on one connection while they run on another.
    expected: 'a number of connections from 2 to 1000',
    parse: withDefault(10, parseCount(2, 1000)),
  } satisfies VariableSpec<'databasePoolSize'>,
  {
    name: 'WORKER_ACTIVITY_CONCURRENCY',
    key: 'workerActivityConcurrency',
    expected: 'a number of activities from 1 to 1000, at most DATABASE_POOL_SIZE',
    parse: optional(parseCount(1, 1000)),
  } satisfies VariableSpec<'workerActivityConcurrency'>,
  {
    name: 'TEMPORAL_ADDRESS',
    key: 'temporalAddress',
    expected: 'host:port of a Temporal frontend, e.g. temporal.internal:7233',
    parse: optional(parseHostPort),
  } satisfies VariableSpec<'temporalAddress'>,
  {
    name: 'TEMPORAL_NAMESPACE',
    key: 'temporalNamespace',
    expected: 'a namespace name: letters, digits, ".", "_" or "-"',
    parse: withDefault('default', parseName),
  } satisfies VariableSpec<'temporalNamespace'>,
  {
    name: 'TEMPORAL_TASK_QUEUE',
    key: 'temporalTaskQueue',
    expected: 'a task queue name: letters, digits, ".", "_" or "-"',
    parse: withDefault('relance', parseName),
  } satisfies VariableSpec<'temporalTaskQueue'>,
  {
    name: 'TEMPORAL_DEV_PORT',
    key: 'temporalDevPort',
    expected: 'a TCP port number from 1 to 65535',
    parse: withDefault(7233, parsePort),
  } satisfies VariableSpec<'temporalDevPort'>,
  {
    name: 'TEMPORAL_DEV_UI_PORT',
    key: 'temporalDevUiPort',
    expected: 'a TCP port number from 1 to 65535',
    parse: withDefault(8233, parsePort),
  } satisfies VariableSpec<'temporalDevUiPort'>,
  {
    name: 'PORT',
    key: 'port',
    expected: 'a TCP port number from 1 to 65535',
    parse: withDefault(3000, parsePort),
  } satisfies VariableSpec<'port'>,
  {
    name: 'HOST',
    key: 'host',
    expected: 'an IP address or host name to listen on, e.g. 0.0.0.0 for every interface',
    parse: withDefault('127.0.0.1', parseHost),
  } satisfies VariableSpec<'host'>,
  {
    name: 'GRAPHQL_MAX_DEPTH',
    key: 'graphqlMaxDepth',
    // GraphQL clients' introspection query nests 15 levels.
    expected: 'a number of nested field levels from 1 to 100 (15 lets GraphQL clients introspect the schema)',
    parse: withDefault(15, parseCount(1, 100)),
  } satisfies VariableSpec<'graphqlMaxDepth'>,
  {
    name: 'GRAPHQL_MAX_ALIASES',
    key: 'graphqlMaxAliases',
    expected: 'a number of aliased fields from 0 to 10000',
    parse: withDefault(20, parseCount(0, 10_000)),
  } satisfies VariableSpec<'graphqlMaxAliases'>,
  {
    name: 'GRAPHQL_MAX_COMPLEXITY',
    key: 'graphqlMaxComplexity',
    expected: 'a number of estimated field resolutions from 1 to 100000000',
    parse: withDefault(100_000, parseCount(1, 100_000_000)),
  } satisfies VariableSpec<'graphqlMaxComplexity'>,
  {
    name: 'GRAPHQL_MAX_FILTER_DEPTH',
    key: 'graphqlMaxFilterDepth',
    expected: 'a number of nested and/or/not levels from 0 to 100',
    parse: withDefault(5, parseCount(0, 100)),
  } satisfies VariableSpec<'graphqlMaxFilterDepth'>,
  {
    name: 'DATA_DIR',
    key: 'dataDir',
    expected: 'a folder path (created if missing)',
    parse: (raw, cwd) => {
      const dir = raw === undefined || raw.trim() === '' ? 'data' : raw.trim();
      return isAbsolute(dir) ? dir : resolve(cwd, dir);
    },
  } satisfies VariableSpec<'dataDir'>,
  {
    name: 'ARREARS_DETECTION_SCHEDULE',
    key: 'arrearsDetectionSchedule',
    expected: 'a five-field cron expression in Paris time, e.g. "0 6 * * *" (daily at 6:00), or "off"',
    parse: withDefault<string | undefined>('0 6 * * *', parseCronOrOff),
  } satisfies VariableSpec<'arrearsDetectionSchedule'>,
  {
    name: 'LANDLORD_STATEMENTS_SCHEDULE',
    key: 'landlordStatementsSchedule',
    expected: 'a five-field cron expression in Paris time, e.g. "0 7 1 * *" (the 1st of each month at 7:00), or "off"',
    parse: withDefault<string | undefined>('0 7 1 * *', parseCronOrOff),
  } satisfies VariableSpec<'landlordStatementsSchedule'>,
  {
    name: 'DATA_RETENTION_SCHEDULE',
    key: 'dataRetentionSchedule',
    expected: 'a five-field cron expression in Paris time, e.g. "0 3 * * *" (every night at 3:00), or "off"',
    parse: withDefault<string | undefined>('0 3 * * *', parseCronOrOff),
  } satisfies VariableSpec<'dataRetentionSchedule'>,
  {
    name: 'PUBLIC_URL',
    key: 'publicUrl',
    expected: 'the http(s) URL at which providers reach this API, e.g. https://relance.agence.fr',
    parse: optional(parseHttpUrl),
  } satisfies VariableSpec<'publicUrl'>,
  {
    name: 'SECRETS_KEY',
    key: 'secretsKey',
    expected: '32 random bytes in base64 (openssl rand -base64 32), the same for every process of a deployment',
    parse: optional(parseSecretsKey),
  } satisfies VariableSpec<'secretsKey'>,
  {
    name: 'TWENTY_SYNC_INTERVAL_SECONDS',
    key: 'twentySyncIntervalSeconds',
    expected: 'seconds between two passes of the Twenty sync, 1 to 3600',
    parse: withDefault(10, parseCount(1, 3600)),
  } satisfies VariableSpec<'twentySyncIntervalSeconds'>,
  {
    name: 'LOG_LEVEL',
    key: 'logLevel',
    expected: `a log level: ${LOG_LEVELS.join(', ')}`,
    parse: withDefault<LogLevelName>('info', parseOneOf(LOG_LEVELS)),
  } satisfies VariableSpec<'logLevel'>,
  {
    name: 'LOG_FORMAT',
    key: 'logFormat',
    expected: 'json (one JSON object a line) or pretty (coloured lines for a terminal)',
    parse: optional(parseOneOf(LOG_FORMATS)),
  } satisfies VariableSpec<'logFormat'>,
] as const;

/**
 * Reads and validates the configuration. Throws a {@link ConfigurationError} naming every
 * bad variable and the form it expects; never returns a half-valid config.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): RelanceConfig {
  const problems: string[] = [];
  const config: Partial<ParsedConfig> = {};
  for (const spec of CONFIG_VARIABLES) {
    const raw = env[spec.name];
    try {
      (config as Record<string, unknown>)[spec.key] = (spec.parse as (raw: string | undefined, cwd: string) => unknown)(raw, cwd);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push(`${spec.name}=${JSON.stringify(raw)} is invalid: expected ${spec.expected}`);
    }
  }
  const poolSize = config.databasePoolSize!;
  if (problems.length === 0 && config.workerActivityConcurrency !== undefined && config.workerActivityConcurrency > poolSize) {
    problems.push(
      `WORKER_ACTIVITY_CONCURRENCY=${config.workerActivityConcurrency} is more than DATABASE_POOL_SIZE=${poolSize}: ` +
        'each running activity may hold a connection, so raise DATABASE_POOL_SIZE with it (or leave WORKER_ACTIVITY_CONCURRENCY unset to follow it)',
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { ...config, workerActivityConcurrency: config.workerActivityConcurrency ?? poolSize } as RelanceConfig;
}
