import type { DataSourceOptions } from 'typeorm';
import { ConfigurationError, LogFormat, RelanceConfig } from '../config/configuration';
import { embeddedDatabaseDir } from '../database/database-options';

/** The three ways to run Relance (DESIGN §3). */
export type RelanceMode = 'all-in-one' | 'api' | 'worker';

export const RELANCE_MODES: readonly RelanceMode[] = ['all-in-one', 'api', 'worker'];

/**
 * Everything the Nest modules need once start-up has decided where Postgres and Temporal
 * are: the raw config plus the effective addresses (a local dev server's, say).
 */
export interface RelanceRuntime {
  mode: RelanceMode;
  config: RelanceConfig;
  projectRoot: string;
  temporalAddress: string;
  dataSource: DataSourceOptions;
  /** Called when a part of the process dies for good (the worker), so the process can exit. */
  onFatalError?: (error: Error) => void;
  /** The API's own address once it listens (`http://127.0.0.1:3000`): links in e-mails use PUBLIC_URL, else this. */
  httpUrl?: string;
}

export const RELANCE_RUNTIME = Symbol('RELANCE_RUNTIME');

export function servesApi(mode: RelanceMode): boolean {
  return mode !== 'worker';
}

export function runsWorker(mode: RelanceMode): boolean {
  return mode !== 'api';
}

/**
 * How a mode logs when LOG_FORMAT is unset: all-in-one is what `npm start` runs for a person
 * at a terminal, api and worker run under a supervisor that collects JSON lines.
 */
export function defaultLogFormat(mode: RelanceMode): LogFormat {
  return mode === 'all-in-one' ? 'pretty' : 'json';
}

/** Drops the password from a connection URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'unparseable URL';
  }
}

/** Where the data lives, for the banner and `health`, without credentials. */
export function describeDatabase(config: RelanceConfig): string {
  return config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${embeddedDatabaseDir(config.dataDir)}`;
}

/**
 * Refuses a mode the configuration cannot serve: PGlite lives inside one process, so
 * separate api and worker processes must share a real Postgres.
 */
export function checkModeRequirements(mode: RelanceMode, config: RelanceConfig): void {
  if (mode !== 'all-in-one' && !config.databaseUrl) {
    throw new ConfigurationError([
      `DATABASE_URL is required in ${mode} mode: the embedded database lives inside a single all-in-one process`,
    ]);
  }
}

/** The base of links to Relance (in e-mails, in the CRM): PUBLIC_URL, else the API's own address, without a trailing slash. */
export function publicBaseUrl(runtime: Pick<RelanceRuntime, 'config' | 'httpUrl'>): string {
  return (runtime.config.publicUrl ?? runtime.httpUrl ?? `http://127.0.0.1:${runtime.config.port}`).replace(/\/$/, '');
}
