import 'reflect-metadata';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigurationError, loadConfig, RelanceConfig } from './config/configuration';
import { createRelanceLogger, logSettings } from './logging/log-options';
import { checkModeRequirements, defaultLogFormat, RELANCE_MODES, RelanceMode } from './runtime/relance-runtime';
import { createWorkspaceOnDatabase, seedDemoWorkspace } from './runtime/database-command';
import { RunningRelance, startRelance } from './runtime/start-relance';

const USAGE = `Usage: node dist/src/main.js [all-in-one | api | worker]
       node dist/src/main.js create-workspace "<agency name>"
       node dist/src/main.js seed-demo [leases]

  all-in-one  API + worker in one process; starts a local Temporal dev server when
              TEMPORAL_ADDRESS is unset and an embedded Postgres when DATABASE_URL is unset
  api         HTTP + GraphQL API only (needs DATABASE_URL)
  worker      Temporal worker only (needs DATABASE_URL)

  create-workspace  creates a workspace and prints its first ADMIN API key (shown once)
  seed-demo         creates a workspace filled with a generated agency (220 leases by
                    default, up to 200000) and prints its ADMIN API key`;

function banner(running: RunningRelance): string {
  const lines = [`Relance is running (${running.mode}).`];
  if (running.graphqlUrl) {
    lines.push(`  GraphQL:       ${running.graphqlUrl}`);
    lines.push(`  Health:        ${running.httpUrl}/health`);
  }
  lines.push(`  Temporal:      ${running.temporalAddress}${running.temporalUiUrl ? ' (local dev server)' : ''}`);
  if (running.temporalUiUrl) lines.push(`  Temporal UI:   ${running.temporalUiUrl}`);
  lines.push(`  Database:      ${running.databaseDescription}`);
  if (running.demoApiKey) {
    lines.push(`  Auth:          Authorization: Bearer ${running.demoApiKey}`);
    lines.push('                 (admin key of the demo workspace, kept in DATA_DIR/demo-api-key)');
    if (running.demoLandlordUrl) {
      lines.push(`  Extranet:      ${running.demoLandlordUrl}`);
      lines.push('                 (opens the landlord extranet as a demo landlord; single use, a new link at each start)');
    }
  } else if (running.graphqlUrl) {
    lines.push('  Auth:          Authorization: Bearer <api key>; create a workspace and its admin key with');
    lines.push('                 node dist/src/main.js create-workspace "<agency name>"');
  }
  lines.push(`  Started in:    ${startupSummary(running)}`);
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** "4.2 s (local Temporal dev server 1.9 s, modules: … 2.1 s, …)": where start-up time went. */
function startupSummary(running: RunningRelance): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const total = running.startup.reduce((sum, p) => sum + p.ms, 0);
  return `${seconds(total)} (${running.startup.map((p) => `${p.phase} ${seconds(p.ms)}`).join('; ')})`;
}

/** The banner's facts as one log line's fields, for the JSON format (the demo key stays in its file). */
function bannerFields(running: RunningRelance, config: RelanceConfig): Record<string, unknown> {
  return {
    mode: running.mode,
    graphqlUrl: running.graphqlUrl,
    healthUrl: running.httpUrl && `${running.httpUrl}/health`,
    temporalAddress: running.temporalAddress,
    temporalUiUrl: running.temporalUiUrl,
    database: running.databaseDescription,
    demoApiKeyFile: running.demoApiKey ? join(config.dataDir, 'demo-api-key') : undefined,
    startupMs: Object.fromEntries(running.startup.map((p) => [p.phase, p.ms])),
  };
}

/** Runs a database command with the environment's configuration; returns the exit code. */
async function databaseCommand(run: (config: RelanceConfig) => Promise<void>, failure: string): Promise<number> {
  let config: RelanceConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  try {
    await run(config);
    return 0;
  } catch (error) {
    console.error(`${failure}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** `create-workspace "<name>"`: a workspace and its first admin key, on the configured database. */
async function createWorkspaceCommand(args: string[]): Promise<number> {
  if (args.length !== 1) {
    console.error(`create-workspace takes the agency's name as one argument\n\n${USAGE}`);
    return 64;
  }
  return databaseCommand(async (config) => {
    const created = await createWorkspaceOnDatabase(config, args[0]);
    console.log(`Workspace "${created.name}" created (id ${created.workspaceId}).`);
    console.log(`Admin API key (shown once, store it now):\n${created.apiKey}`);
  }, 'Could not create the workspace');
}

/** `seed-demo [leases]`: a workspace filled with a generated agency. */
async function seedDemoCommand(args: string[]): Promise<number> {
  const leases = args.length === 0 ? 220 : Number(args[0]);
  if (args.length > 1 || !Number.isInteger(leases) || leases < 1 || leases > 200_000) {
    console.error(`seed-demo takes the number of leases, 1 to 200000 (220 by default)\n\n${USAGE}`);
    return 64;
  }
  return databaseCommand(async (config) => {
    const seeded = await seedDemoWorkspace(config, leases);
    console.log(`Workspace "${seeded.name}" seeded: ${seeded.leases} leases, ${seeded.openedDebts} debts open (id ${seeded.workspaceId}).`);
    console.log(`Admin API key (shown once, store it now):\n${seeded.apiKey}`);
  }, 'Could not seed the demo agency');
}

/**
 * Listens for SIGINT, SIGTERM and SIGHUP from the very start, so that a stop asked for
 * during start-up still stops what start-up launched. A second signal exits at once; the
 * exit hook of the local Temporal server still takes it down.
 */
function listenForStop(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.warn({ signal }, 'Stop signal received again: exiting without waiting');
        process.exit(130);
      }
      received = signal;
      resolve(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  });
}

async function main(argv: string[]): Promise<number> {
  const arg = argv[0] ?? 'all-in-one';
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (arg === 'create-workspace') return createWorkspaceCommand(argv.slice(1));
  if (arg === 'seed-demo') return seedDemoCommand(argv.slice(1));
  if (!RELANCE_MODES.includes(arg as RelanceMode) || argv.length > 1) {
    console.error(`Unknown arguments: ${argv.join(' ')}\n\n${USAGE}`);
    return 64;
  }
  const mode = arg as RelanceMode;
  let config: RelanceConfig;
  try {
    config = loadConfig(process.env);
    checkModeRequirements(mode, config);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  // From here on the process logs, in LOG_FORMAT; what came before is the command line's own output.
  const settings = logSettings(config, defaultLogFormat(mode));
  const logger = createRelanceLogger(settings);
  processLogger = logger;
  const stopRequested = listenForStop(logger);
  let fatal: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (fatal = resolve));
  let running: RunningRelance;
  try {
    running = await startRelance(mode, config, { logger, onFatalError: (error) => fatal(error) });
  } catch (error) {
    logger.fatal({ err: error }, 'Relance could not start');
    return 1;
  }
  // A person at a terminal reads the banner; a log collector gets its facts as fields.
  if (settings.format === 'pretty') console.log(banner(running));
  else logger.info(bannerFields(running, config), 'Relance is running');
  const outcome = await Promise.race([
    stopRequested.then((signal) => ({ signal, error: undefined })),
    failed.then((error) => ({ signal: undefined, error })),
  ]);
  if (outcome.error) logger.error({ err: outcome.error }, 'Stopping Relance after a fatal error');
  else logger.info({ signal: outcome.signal }, 'Stopping Relance');
  try {
    await running.stop();
  } catch (error) {
    logger.error({ err: error }, 'Error while stopping');
    return 1;
  }
  logger.info('Relance stopped.');
  return outcome.error ? 70 : 0;
}

/** The running process's logger, once `main` has built it, for an error nothing else caught. */
let processLogger: Logger | undefined;

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (processLogger) processLogger.fatal({ err: error }, 'Relance failed');
    else console.error(`Relance failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(70);
  },
);
