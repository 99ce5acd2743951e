import 'reflect-metadata';
import { ConfigurationError, loadConfig, RelanceConfig } from './config/configuration';
import { checkModeRequirements, RELANCE_MODES, RelanceMode } from './runtime/relance-runtime';
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
  } else if (running.graphqlUrl) {
    lines.push('  Auth:          Authorization: Bearer <api key>; create a workspace and its admin key with');
    lines.push('                 node dist/src/main.js create-workspace "<agency name>"');
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
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
function listenForStop(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        console.error(`${signal} again: exiting without waiting.`);
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
  const stopRequested = listenForStop();
  let fatal: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (fatal = resolve));
  let running: RunningRelance;
  try {
    running = await startRelance(mode, config, { onFatalError: (error) => fatal(error) });
  } catch (error) {
    console.error(`Relance could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(banner(running));
  const outcome = await Promise.race([
    stopRequested.then((signal) => ({ signal, error: undefined })),
    failed.then((error) => ({ signal: undefined, error })),
  ]);
  console.log(outcome.error ? `Stopping Relance: ${outcome.error.message}` : `${outcome.signal}: stopping Relance…`);
  try {
    await running.stop();
  } catch (error) {
    console.error(`Error while stopping: ${String(error)}`);
    return 1;
  }
  console.log('Relance stopped.');
  return outcome.error ? 70 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
