import 'reflect-metadata';
import { ConfigurationError, loadConfig } from './config/configuration';
import { checkModeRequirements, RELANCE_MODES, RelanceMode } from './runtime/relance-runtime';
import { RunningRelance, startRelance } from './runtime/start-relance';

const USAGE = `Usage: node dist/src/main.js [all-in-one | api | worker]

  all-in-one  API + worker in one process; starts a local Temporal dev server when
              TEMPORAL_ADDRESS is unset and an embedded Postgres when DATABASE_URL is unset
  api         HTTP + GraphQL API only (needs DATABASE_URL)
  worker      Temporal worker only (needs DATABASE_URL)`;

function banner(running: RunningRelance): string {
  const lines = [`Relance is running (${running.mode}).`];
  if (running.graphqlUrl) {
    lines.push(`  GraphQL:       ${running.graphqlUrl}`);
    lines.push(`  Health:        ${running.httpUrl}/health`);
  }
  lines.push(`  Temporal:      ${running.temporalAddress}${running.temporalUiUrl ? ' (local dev server)' : ''}`);
  if (running.temporalUiUrl) lines.push(`  Temporal UI:   ${running.temporalUiUrl}`);
  lines.push(`  Database:      ${running.databaseDescription}`);
  if (running.graphqlUrl) {
    lines.push('  Auth:          none yet: every request is accepted (API keys arrive with the ledger module),');
    lines.push('                 so the API listens on HOST=127.0.0.1 unless you set HOST.');
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const arg = argv[0] ?? 'all-in-one';
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!RELANCE_MODES.includes(arg as RelanceMode) || argv.length > 1) {
    console.error(`Unknown arguments: ${argv.join(' ')}\n\n${USAGE}`);
    return 64;
  }
  let running: RunningRelance;
  try {
    const config = loadConfig(process.env);
    checkModeRequirements(arg as RelanceMode, config);
    running = await startRelance(arg as RelanceMode, config);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return 78;
    }
    console.error(`Relance could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(banner(running));
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`${signal} again: exiting without waiting.`);
        process.exit(130);
      }
      stopping = true;
      console.log(`${signal}: stopping Relance…`);
      running
        .stop()
        .catch((error) => console.error(`Error while stopping: ${String(error)}`))
        .finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log('Relance stopped.');
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
