import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { RelanceConfig } from '../config/configuration';
import { findProjectRoot } from '../config/project-root';
import { buildDataSourceOptions, embeddedDatabaseDir } from '../database/database-options';
import { RelanceValidationPipe } from '../common/validation.pipe';
import { RelanceModule } from '../relance.module';
import { LocalTemporalServer } from '../temporal/local-temporal-server';
import { requireTemporalBinary } from '../temporal/temporal-binaries';
import { ensureDemoApiKey } from '../workspace/demo-workspace';
import { WorkspaceService } from '../workspace/workspace.service';
import { lockDataDir } from './data-dir-lock';
import { describeDatabase, RelanceMode, RelanceRuntime, servesApi } from './relance-runtime';

/** Used by api and worker modes when TEMPORAL_ADDRESS is unset. */
const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';

export interface StartOptions {
  /** Overrides `config.port`; 0 picks a free port (tests). */
  port?: number;
  /** Nest log levels; defaults to log, warn and error. */
  logLevels?: LogLevel[];
  /** Told when the worker stops for good; `main` exits non-zero so a supervisor restarts it. */
  onFatalError?: (error: Error) => void;
}

/** A started Relance process and what its banner prints. */
export interface RunningRelance {
  mode: RelanceMode;
  app: INestApplicationContext;
  /** Base HTTP URL of the API; absent in worker mode. */
  httpUrl?: string;
  graphqlUrl?: string;
  temporalAddress: string;
  /** Web UI of the local dev server, when this process started one. */
  temporalUiUrl?: string;
  /** Where the data lives, for the banner (credentials redacted). */
  databaseDescription: string;
  /** Admin key of the demo workspace, when the embedded default runs all-in-one. */
  demoApiKey?: string;
  /** Stops the app, then the local Temporal server if this process started one. */
  stop(): Promise<void>;
}

let temporalRuntimeInstalled = false;

/** The worker SDK logs every bundle and poll at INFO; keep its warnings and errors only. */
function installTemporalRuntimeOnce(): void {
  if (temporalRuntimeInstalled) return;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    // A host process (a test's Temporal environment) installed the runtime first: use it.
    if ((error as Error).name !== 'IllegalStateError') throw error;
  }
  temporalRuntimeInstalled = true;
}

/**
 * Starts Relance in one of its three modes. All-in-one fills in what is not configured:
 * a local Temporal dev server when TEMPORAL_ADDRESS is unset, the embedded PGlite database
 * when DATABASE_URL is unset; with both set it starts nothing but itself. If any step
 * fails, what was already started is stopped before the error is rethrown.
 *
 * The embedded database can only serve one process: the CLI refuses api and worker modes
 * without DATABASE_URL (see {@link checkModeRequirements}); in-process callers (tests, the
 * schema printer) may run `api` on it.
 */
export async function startRelance(
  mode: RelanceMode,
  config: RelanceConfig,
  options: StartOptions = {},
): Promise<RunningRelance> {
  const projectRoot = findProjectRoot();
  const usesDataDir = !config.databaseUrl || (!config.temporalAddress && mode === 'all-in-one');
  const lock = usesDataDir ? lockDataDir(config.dataDir) : undefined;
  let localTemporal: LocalTemporalServer | undefined;
  let app: INestApplicationContext | undefined;
  try {
    let temporalAddress = config.temporalAddress ?? DEFAULT_TEMPORAL_ADDRESS;
    if (!config.temporalAddress && mode === 'all-in-one') {
      localTemporal = await LocalTemporalServer.start({
        binary: requireTemporalBinary('cli', projectRoot),
        dataDir: `${config.dataDir}/temporal`,
        port: config.temporalDevPort,
        uiPort: config.temporalDevUiPort,
        namespace: config.temporalNamespace,
        detached: true,
      });
      temporalAddress = localTemporal.address;
    }
    let database: { url: string } | { embeddedDir: string };
    if (config.databaseUrl) {
      database = { url: config.databaseUrl };
    } else {
      database = { embeddedDir: embeddedDatabaseDir(config.dataDir) };
      mkdirSync(database.embeddedDir, { recursive: true });
    }
    const runtime: RelanceRuntime = {
      mode,
      config,
      projectRoot,
      temporalAddress,
      dataSource: buildDataSourceOptions(database, { poolSize: config.databasePoolSize }),
      onFatalError: options.onFatalError,
    };
    installTemporalRuntimeOnce();
    const logger = options.logLevels ?? (['log', 'warn', 'error'] as LogLevel[]);
    let httpUrl: string | undefined;
    if (servesApi(mode)) {
      // abortOnError: false, or Nest calls process.exit() on a failed start and nothing is cleaned up.
      const api = await NestFactory.create<NestExpressApplication>(RelanceModule.forRuntime(runtime), {
        logger,
        abortOnError: false,
        // The Twenty webhook's signature covers the body's exact bytes.
        rawBody: true,
      });
      app = api;
      api.useGlobalPipes(new RelanceValidationPipe());
      // Bulk imports carry up to 5,000 entries per call (about 1 MB of JSON).
      api.useBodyParser('json', { limit: '16mb' });
      await api.listen(options.port ?? config.port, config.host);
      const address = api.getHttpServer().address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    } else {
      app = await NestFactory.createApplicationContext(RelanceModule.forRuntime(runtime), {
        logger,
        abortOnError: false,
      });
      await app.init();
    }
    const demoApiKey =
      mode === 'all-in-one' && !config.databaseUrl
        ? await ensureDemoApiKey(app.get(WorkspaceService), app.get(DataSource), config.dataDir)
        : undefined;
    const started = app;
    const server = localTemporal;
    return {
      mode,
      app: started,
      httpUrl,
      graphqlUrl: httpUrl && `${httpUrl}/graphql`,
      temporalAddress,
      temporalUiUrl: server?.uiUrl,
      databaseDescription: describeDatabase(config),
      demoApiKey,
      stop: async () => {
        try {
          await started.close();
        } finally {
          await server?.stop();
          lock?.release();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await localTemporal?.stop();
    lock?.release();
    throw error;
  }
}
