// Replays Temporal histories (JSON files, as `temporal workflow show -o json` writes them)
// against the workflow code, in a plain Node process: protobufjs's type checks fail inside
// Jest's module sandbox. Prints one JSON line: [{ file, ok, error? }].
// Usage: node test/support/replay-histories.js <histories dir> <workflows entry>
const { readdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { historyFromJSON } = require('@temporalio/common/lib/proto-utils');
const { DefaultLogger, Runtime, Worker } = require('@temporalio/worker');

async function main() {
  const [dir, workflows] = process.argv.slice(2);
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  const results = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    try {
      const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      await Worker.runReplayHistory({ workflowsPath: resolve(workflows) }, history);
      results.push({ file, ok: true });
    } catch (error) {
      results.push({ file, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
