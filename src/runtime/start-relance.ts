import { demoLandlordSignInLink } from '../demo/demo-landlord-link';
import { LandlordAccessService } from '../extranet/landlord-access.service';
import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { RelanceConfig } from '../config/configuration';
import { findProjectRoot } from '../config/project-root';
import { buildDataSourceOptions, embeddedDatabaseDir } from '../database/database-options';
import { RelanceValidationPipe } from '../common/validation.pipe';
import { createRelanceLogger, logSettings } from '../logging/log-options';
import { nestLoggerFor } from '../logging/logging.module';
import { TemporalPinoLogger } from '../logging/temporal-log';
import { RelanceModule } from '../relance.module';
import { LocalTemporalServer } from '../temporal/local-temporal-server';
import { requireTemporalBinary } from '../temporal/temporal-binaries';
import { ensureDemoApiKey } from '../demo/demo-workspace';
import { WorkspaceService } from '../workspace/workspace.service';
import { lockDataDir } from './data-dir-lock';
import { defaultLogFormat, describeDatabase, RelanceMode, RelanceRuntime, runsWorker as runsWorkerToo, servesApi } from './relance-runtime';

/** Used by api and worker modes when TEMPORAL_ADDRESS is unset. */
const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';

export interface StartOptions {
  /** Overrides `config.port`; 0 picks a free port (tests). */
  port?: number;
  /**
   * The process's logger; `main` builds it first, to log a failed start-up too. Built from
   * LOG_LEVEL and LOG_FORMAT when absent.
   */
  logger?: Logger;
  /** Overrides LOG_LEVEL with the most verbose of these Nest levels (tests pass `['error']`); ignored with `logger`. */
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
  /** A single-use sign-in link to the extranet as a demo landlord (all-in-one on the embedded database). */
  demoLandlordUrl?: string;
  /** Where start-up time went, in order (the banner prints it). */
  startup: StartupPhase[];
  /** Stops the app, then the local Temporal server if this process started one. */
  stop(): Promise<void>;
}

/** One step of start-up and how long it took. */
export interface StartupPhase {
  phase: string;
  ms: number;
}

/** The Temporal runtime this process installed; undefined until then, or when a host process installed its own. */
let installedTemporalRuntime: Runtime | undefined;
let temporalRuntimeInstalled = false;

/**
 * The Temporal runtime logs through the process's logger: workflow and activity code at
 * LOG_LEVEL, the SDK's own lines from WARN up (see {@link TemporalPinoLogger}). Core's
 * native lines are forwarded to it too rather than printed apart on the console, so JSON
 * output stays one object a line.
 */
function installTemporalRuntimeOnce(logger: Logger): void {
  if (temporalRuntimeInstalled) return;
  try {
    installedTemporalRuntime = Runtime.install({
      logger: new TemporalPinoLogger(logger),
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    });
  } catch (error) {
    // A host process (a test's Temporal environment) installed the runtime first: use it.
    if ((error as Error).name !== 'IllegalStateError') throw error;
  }
  temporalRuntimeInstalled = true;
}

/**
 * Shuts the runtime this process installed down once nothing uses it any more (no client,
 * no worker: another app of the same process may still run), so that it does not keep Node
 * alive after the last app stopped; the next start installs it again.
 */
async function releaseTemporalRuntimeIfIdle(): Promise<void> {
  const runtime = installedTemporalRuntime as (Runtime & { shutdownIfIdle(): Promise<void>; native?: unknown }) | undefined;
  if (!runtime) return;
  await runtime.shutdownIfIdle();
  if (runtime.native === undefined) {
    installedTemporalRuntime = undefined;
    temporalRuntimeInstalled = false;
  }
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
export async function startRelance(mode: RelanceMode, config: RelanceConfig, options: StartOptions = {}): Promise<RunningRelance> {
  const logger = options.logger ?? createRelanceLogger(logSettings(config, defaultLogFormat(mode), options.logLevels));
  const projectRoot = findProjectRoot();
  const usesDataDir = !config.databaseUrl || (!config.temporalAddress && mode === 'all-in-one');
  const lock = usesDataDir ? lockDataDir(config.dataDir) : undefined;
  let localTemporal: LocalTemporalServer | undefined;
  let app: INestApplicationContext | undefined;
  const startup: StartupPhase[] = [];
  let phaseStart = performance.now();
  const phaseDone = (phase: string) => {
    const now = performance.now();
    startup.push({ phase, ms: Math.round(now - phaseStart) });
    phaseStart = now;
  };
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
      phaseDone('local Temporal dev server');
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
    installTemporalRuntimeOnce(logger);
    phaseDone('Temporal runtime');
    let httpUrl: string | undefined;
    if (servesApi(mode)) {
      // abortOnError: false, or Nest calls process.exit() on a failed start and nothing is cleaned up.
      const api = await NestFactory.create<NestExpressApplication>(RelanceModule.forRuntime(runtime, logger), {
        logger: nestLoggerFor(logger),
        abortOnError: false,
        // The Twenty webhook's signature covers the body's exact bytes.
        rawBody: true,
      });
      app = api;
      api.useGlobalPipes(new RelanceValidationPipe());
      // API answers are not cached by validators: no ETag hashed over every response body.
      api.set('etag', false);
      // Bulk imports carry up to 5,000 entries per call (about 1 MB of JSON).
      api.useBodyParser('json', { limit: '16mb' });
      await api.init();
      phaseDone(`modules: database, migrations${runsWorkerToo(mode) ? ', worker' : ''}, GraphQL schema`);
      await api.listen(options.port ?? config.port, config.host);
      const address = api.getHttpServer().address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      runtime.httpUrl = httpUrl;
    } else {
      app = await NestFactory.createApplicationContext(RelanceModule.forRuntime(runtime, logger), {
        logger: nestLoggerFor(logger),
        abortOnError: false,
      });
      await app.init();
      phaseDone('modules: database, migrations, worker');
    }
    const demoApiKey =
      mode === 'all-in-one' && !config.databaseUrl
        ? await ensureDemoApiKey(app.get(WorkspaceService), app.get(DataSource), config.dataDir)
        : undefined;
    if (demoApiKey) phaseDone('demo workspace');
    const demoLandlordUrl =
      demoApiKey && httpUrl ? await demoLandlordSignInLink(app.get(LandlordAccessService), app.get(DataSource), demoApiKey) : undefined;
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
      demoLandlordUrl,
      startup,
      stop: async () => {
        try {
          await started.close();
        } finally {
          // The runtime holds its lines 100 ms to order them: write them before the process exits.
          installedTemporalRuntime?.flushLogs();
          await releaseTemporalRuntimeIfIdle();
          await server?.stop();
          lock?.release();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await localTemporal?.stop();
    await releaseTemporalRuntimeIfIdle().catch(() => undefined);
    lock?.release();
    throw error;
  }
}
