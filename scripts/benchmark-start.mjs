// How long a newcomer waits: `npm start` on an empty data folder (the embedded defaults:
// PGlite, a local Temporal dev server, the demo agency) until the first GraphQL query is
// answered, and where that time goes. `npm run bench:start`; not part of `npm test`.
//
// Phases: npm start's own steps (dependency check, TypeScript build) are timed from the
// lines they print; Relance's start-up phases come from its banner ("Started in: …").
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), 'relance-first-start-'));
const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  TEMPORAL_DEV_PORT: String(temporalPort),
  TEMPORAL_DEV_UI_PORT: String(uiPort),
  LOG_FORMAT: 'pretty',
};
delete env.DATABASE_URL;
delete env.TEMPORAL_ADDRESS;

const t0 = performance.now();
const since = () => Math.round(performance.now() - t0);
const marks = [];
const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
const onData = (chunk) => {
  const text = chunk.toString();
  output += text;
  for (const line of text.split('\n')) {
    if (/^> relance@.* start$/.test(line.trim())) marks.push({ at: since(), what: 'npm start began' });
    if (line.includes('Relance is running')) marks.push({ at: since(), what: 'banner printed' });
  }
};
child.stdout.on('data', onData);
child.stderr.on('data', onData);

const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};

try {
  const deadline = Date.now() + 5 * 60_000;
  while (!output.includes('Relance is running')) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no banner after 5 minutes:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const apiKey = readFileSync(join(dataDir, 'demo-api-key'), 'utf8').trim();
  let answered;
  while (!answered) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: '{ leases(first: 1) { totalCount } }' }),
      });
      const body = await response.json();
      if (body.data) answered = { at: since(), leases: body.data.leases.totalCount };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const started = /Started in:\s+(.*)/.exec(output)?.[1] ?? '(not printed)';
  const banner = marks.find((m) => m.what === 'banner printed').at;
  console.log(`First start, embedded defaults, on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`  npm start → first answered query: ${(answered.at / 1000).toFixed(1)} s (the demo agency has ${answered.leases} leases)`);
  console.log(`  npm start → banner:               ${(banner / 1000).toFixed(1)} s`);
  console.log(`    of which Relance itself:        ${started}`);
  console.log(
    `    the rest (dependency check, TypeScript build, Node start): about ${((banner - sumStarted(started)) / 1000).toFixed(1)} s`,
  );
  console.log(`  banner → answered:                ${((answered.at - banner) / 1000).toFixed(1)} s`);
} finally {
  stop();
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
}

function sumStarted(text) {
  const total = /^([\d.]+) s/.exec(text);
  return total ? Number(total[1]) * 1000 : 0;
}
