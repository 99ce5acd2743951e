import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findProjectRoot } from './project-root';
import { CONFIG_VARIABLES, ConfigurationError, loadConfig } from './configuration';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/relance');
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig', () => {
  it('needs nothing: every variable has an embedded default', () => {
    expect(loadConfig({}, '/srv/relance')).toEqual({
      databaseUrl: undefined,
      temporalAddress: undefined,
      temporalNamespace: 'default',
      temporalTaskQueue: 'relance',
      temporalDevPort: 7233,
      temporalDevUiPort: 8233,
      port: 3000,
      host: '127.0.0.1',
      graphqlMaxDepth: 15,
      graphqlMaxAliases: 20,
      graphqlMaxComplexity: 100_000,
      graphqlMaxFilterDepth: 5,
      dataDir: resolve('/srv/relance', 'data'),
      arrearsDetectionSchedule: '0 6 * * *',
      landlordStatementsSchedule: '0 7 1 * *',
      dataRetentionSchedule: '0 3 * * *',
      databasePoolSize: 10,
      workerActivityConcurrency: 10,
      twentySyncIntervalSeconds: 10,
      logLevel: 'info',
    });
  });

  it('reads every variable when set', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgresql://relance:secret@db.internal:5433/relance',
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_NAMESPACE: 'relance-prod',
        TEMPORAL_TASK_QUEUE: 'dunning',
        TEMPORAL_DEV_PORT: '17233',
        TEMPORAL_DEV_UI_PORT: '18233',
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/relance',
        ARREARS_DETECTION_SCHEDULE: '30  5 * * 1-5',
        LANDLORD_STATEMENTS_SCHEDULE: '0 8 2 * *',
        DATA_RETENTION_SCHEDULE: '30 2 * * *',
        DATABASE_POOL_SIZE: '40',
        WORKER_ACTIVITY_CONCURRENCY: '30',
      },
      '/srv/relance',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://relance:secret@db.internal:5433/relance',
      temporalAddress: 'temporal.internal:7233',
      temporalNamespace: 'relance-prod',
      temporalTaskQueue: 'dunning',
      temporalDevPort: 17233,
      temporalDevUiPort: 18233,
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/relance/var/relance',
      arrearsDetectionSchedule: '30 5 * * 1-5',
      landlordStatementsSchedule: '0 8 2 * *',
      dataRetentionSchedule: '30 2 * * *',
      databasePoolSize: 40,
      workerActivityConcurrency: 30,
    });
    expect(loadConfig({ ARREARS_DETECTION_SCHEDULE: 'OFF' }, '/x').arrearsDetectionSchedule).toBeUndefined();
    expect(loadConfig({ LANDLORD_STATEMENTS_SCHEDULE: 'off' }, '/x').landlordStatementsSchedule).toBeUndefined();
    expect(loadConfig({ DATA_RETENTION_SCHEDULE: 'off' }, '/x').dataRetentionSchedule).toBeUndefined();
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' }, '/x')).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    ['DATABASE_URL', 'mysql://root@localhost/relance', 'postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'not a url', 'postgres:// or postgresql:// URL'],
    ['TEMPORAL_ADDRESS', 'http://temporal:7233', 'host:port'],
    ['TEMPORAL_ADDRESS', 'temporal', 'host:port'],
    ['TEMPORAL_ADDRESS', 'temporal:99999', 'host:port'],
    ['TEMPORAL_NAMESPACE', 'bad namespace', 'namespace name'],
    ['TEMPORAL_TASK_QUEUE', '-', 'task queue name'],
    ['PORT', 'eighty', 'TCP port number from 1 to 65535'],
    ['PORT', '0', 'TCP port number from 1 to 65535'],
    ['PORT', '65536', 'TCP port number from 1 to 65535'],
    ['TEMPORAL_DEV_PORT', '3.5', 'TCP port number'],
    ['HOST', 'not a host!', 'IP address or host name'],
    ['ARREARS_DETECTION_SCHEDULE', 'daily', 'five-field cron expression'],
    ['ARREARS_DETECTION_SCHEDULE', '0 6 * *', 'five-field cron expression'],
    ['ARREARS_DETECTION_SCHEDULE', '0 6 * * MON; rm', 'five-field cron expression'],
    ['LANDLORD_STATEMENTS_SCHEDULE', 'monthly', 'five-field cron expression'],
    ['DATA_RETENTION_SCHEDULE', 'nightly', 'five-field cron expression'],
    ['SECRETS_KEY', 'c2hvcnQ=', '32 random bytes in base64'],
    ['SECRETS_KEY', 'not base64 at all, and far too long to be a key of 32 bytes', '32 random bytes in base64'],
    ['TWENTY_SYNC_INTERVAL_SECONDS', '0', 'seconds between two passes of the Twenty sync, 1 to 3600'],
    ['DATABASE_POOL_SIZE', '1', 'number of connections from 2 to 1000'],
    ['DATABASE_POOL_SIZE', 'ten', 'number of connections from 2 to 1000'],
    ['WORKER_ACTIVITY_CONCURRENCY', '0', 'number of activities from 1 to 1000'],
    ['WORKER_ACTIVITY_CONCURRENCY', '2.5', 'number of activities from 1 to 1000'],
  ])('rejects %s=%j naming the variable and the expected form', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(JSON.stringify(value));
    expect(problems[0]).toContain(expected);
  });

  it('reads the secrets key as its 32 bytes', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ SECRETS_KEY: key.toString('base64') }, '/x').secretsKey).toEqual(key);
    expect(loadConfig({}, '/x')).toMatchObject({ secretsKey: undefined, twentySyncIntervalSeconds: 10 });
  });

  it("sets the worker's activity concurrency with the pool size: it follows the pool unless set, and never exceeds it", () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '5' }, '/x')).toMatchObject({ databasePoolSize: 5, workerActivityConcurrency: 5 });
    expect(loadConfig({ DATABASE_POOL_SIZE: '20', WORKER_ACTIVITY_CONCURRENCY: '20' }, '/x')).toMatchObject({
      workerActivityConcurrency: 20,
    });
    const [problem, ...others] = problemsOf({ DATABASE_POOL_SIZE: '5', WORKER_ACTIVITY_CONCURRENCY: '100' });
    expect(others).toEqual([]);
    expect(problem).toContain('WORKER_ACTIVITY_CONCURRENCY=100 is more than DATABASE_POOL_SIZE=5');
    expect(problemsOf({ WORKER_ACTIVITY_CONCURRENCY: '11' })[0]).toContain('DATABASE_POOL_SIZE=10');
  });

  it('reads the GraphQL cost limits, and refuses a limit that is not a whole number in its range', () => {
    expect(
      loadConfig(
        { GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_ALIASES: '0', GRAPHQL_MAX_COMPLEXITY: '5000', GRAPHQL_MAX_FILTER_DEPTH: '3' },
        '/x',
      ),
    ).toMatchObject({ graphqlMaxDepth: 12, graphqlMaxAliases: 0, graphqlMaxComplexity: 5000, graphqlMaxFilterDepth: 3 });
    const problems = problemsOf({
      GRAPHQL_MAX_DEPTH: '0',
      GRAPHQL_MAX_ALIASES: 'many',
      GRAPHQL_MAX_COMPLEXITY: '1e6',
      GRAPHQL_MAX_FILTER_DEPTH: '101',
    });
    expect(problems).toEqual([
      expect.stringContaining('GRAPHQL_MAX_DEPTH="0" is invalid: expected a number of nested field levels from 1 to 100'),
      expect.stringContaining('GRAPHQL_MAX_ALIASES="many" is invalid: expected a number of aliased fields from 0 to 10000'),
      expect.stringContaining(
        'GRAPHQL_MAX_COMPLEXITY="1e6" is invalid: expected a number of estimated field resolutions from 1 to 100000000',
      ),
      expect.stringContaining('GRAPHQL_MAX_FILTER_DEPTH="101" is invalid: expected a number of nested and/or/not levels from 0 to 100'),
    ]);
  });

  it('reads the log level and format, in any case, and leaves the format to the mode when unset', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'Json' }, '/x')).toMatchObject({ logLevel: 'debug', logFormat: 'json' });
    expect(loadConfig({ LOG_LEVEL: 'silent', LOG_FORMAT: 'pretty' }, '/x')).toMatchObject({ logLevel: 'silent', logFormat: 'pretty' });
    expect(loadConfig({}, '/x')).toMatchObject({ logLevel: 'info', logFormat: undefined });
    expect(problemsOf({ LOG_LEVEL: 'verbose', LOG_FORMAT: 'text' })).toEqual([
      'LOG_LEVEL="verbose" is invalid: expected a log level: trace, debug, info, warn, error, fatal, silent',
      'LOG_FORMAT="text" is invalid: expected json (one JSON object a line) or pretty (coloured lines for a terminal)',
    ]);
  });

  it('reports every bad variable at once, not just the first', () => {
    const problems = problemsOf({ PORT: 'x', TEMPORAL_ADDRESS: 'y', DATABASE_URL: 'z' });
    expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'TEMPORAL_ADDRESS']);
  });

  it("lists every variable in the README's configuration table", () => {
    const readme = readFileSync(join(findProjectRoot(), 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    for (const spec of CONFIG_VARIABLES) {
      // Prettier pads the table's cells: the name, then spaces up to the column's edge.
      expect(rows.some((row) => new RegExp(`^\\| \`${spec.name}\` +\\|`).test(row))).toBe(true);
    }
  });
});
