#!/usr/bin/env node
// The date sweep: runs the date-sensitive suites as if "today" were each of a set of
// chosen dates, to prove that no test outcome depends on the day or the hour it runs.
//
// How: libfaketime (Debian package `faketime`), preloaded into the Jest process with a
// fixed offset (FAKETIME="+<seconds>") so that every clock of it is shifted the same: Node's
// Date in the tests and in the Relance they boot in-process, and worker child processes.
// Monotonic clocks get the same offset (FAKETIME_DONT_FAKE_MONOTONIC=0). Temporal's
// time-skipping test server is started without the preload (test/support/time-skipping.ts:
// faked timed waits in its native image could miss their wake-up) and skips its own clock
// forward to the swept instant before any workflow starts. Product code knows nothing of
// it; test code only checks, under RELANCE_DATE_SWEEP, that the server stands on the swept
// date. Not reached, and not needed: Postgres (no swept assertion reads SQL now()) and the
// Go dev server (the swept e2e spec runs Relance against its own time-skipping server).
//
// The dates are computed from the current year (the next occurrence of each), so the sweep
// keeps its meaning in later years. Every date runs the pure calendar and planner specs and
// the workflow specs (test/workflows, the replay of committed histories excepted: it
// replays recorded times, whatever the clock): about 25 s a date. The end-to-end spec on
// the time-skipping server boots Relance, Postgres databases and the e2e global setup,
// some 15 s more a date: it runs on the four dates marked e2e (a Sunday, 31 December
// 23:30, a Wednesday 20:00, the Saturday 20:00 before Whit Monday: the hours and days
// when SMS wait longest), so that the whole sweep stays near 3 minutes, within CI's
// budget; --e2e=all runs it on every date.
//
// A date whose run goes past its deadline (--deadline=seconds, 300 by default: a date takes
// 30 to 50 s) is stopped, its whole process group killed, and it fails, naming the test
// files that had started and not finished and the processes still alive then: a hang is
// a failure with a place, never a CI run that waits until it is killed. A date that hung is
// run once more (its line says so, with the first run's log): one hang is reported, two fail.
//
// Usage: node scripts/date-sweep.mjs [--list] [--only=1,4,7] [--e2e=all|none] [--jobs=N] [--deadline=S]
// Output: one line per date, then "Dates: N passed, N failed"; exit code 1 on any failure.
// Each date's Jest output is kept in .date-sweep/<n>.log.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** The value of --name=value ('' for a bare --name), undefined when absent. */
function flag(name) {
  const arg = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

/** Suites run on every date (Jest path patterns). */
const ALWAYS = [
  'src/domain/(french-calendar|calendar-date|payment-plan|scenario|dunning-plan|legal-rules|legal-risks|receipts|retention)\\.spec\\.ts$',
  'test/workflows/.*\\.workflow\\.spec\\.ts$',
];
/** The end-to-end specs on the time-skipping server (a morning and an evening debt, the seed scenario), for the dates marked e2e. */
const E2E = ['test/e2e/(scenario-on-dates|evening-debt)\\.e2e-spec\\.ts$'];

// ---- Dates -------------------------------------------------------------------------

const DAY = 86_400_000;
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (date, n) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY));
const weekday = (date) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Easter Sunday (anonymous Gregorian algorithm), computed here independently of src/. */
function easter(year) {
  const a = year % 19,
    b = Math.floor(year / 100),
    c = year % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const holidays = (year) => [
  ...['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`),
  addDays(easter(year), 1),
  addDays(easter(year), 39),
  addDays(easter(year), 50),
];
const isHoliday = (date) => holidays(Number(date.slice(0, 4))).includes(date);

/** The UTC instant of a Paris wall-clock time. */
function paris(date, time) {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = Object.fromEntries(fmt.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
    const seen = Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`);
    if (seen === wanted) break;
    guess -= seen - wanted;
  }
  return new Date(guess);
}

const today = iso(new Date());
/** The first date after today that `fits`. */
function next(fits) {
  for (let date = addDays(today, 1), i = 0; i < 366 * 8; date = addDays(date, 1), i++) if (fits(date)) return date;
  throw new Error('no such date in eight years');
}
const lastSundayOf = (month) => (date) => date.slice(5, 7) === month && weekday(date) === 0 && addDays(date, 7).slice(5, 7) !== month;
const isLeapDay = (date) => date.slice(5) === '02-29';

/** [what, date, Paris time, run the e2e spec too] */
const DATES = [
  ['a Sunday', next((d) => weekday(d) === 0 && !isHoliday(d)), '11:00', true],
  ['Easter Monday (a holiday after a Sunday)', next((d) => d === addDays(easter(Number(d.slice(0, 4))), 1)), '10:00', false],
  ['14 July', next((d) => d.slice(5) === '07-14'), '10:00', false],
  ['last Sunday of March, before summer time starts', next(lastSundayOf('03')), '01:30', false],
  ['last Sunday of October, winter time', next(lastSundayOf('10')), '20:00', false],
  ['31 December, half an hour before the new year', next((d) => d.slice(5) === '12-31'), '23:30', true],
  ['a Wednesday at 20:00', next((d) => weekday(d) === 3 && !isHoliday(d)), '20:00', true],
  [
    'the Saturday before Whit Monday, 20:00 (two days without contact follow)',
    next((d) => d === addDays(easter(Number(d.slice(0, 4))), 48)),
    '20:00',
    true,
  ],
  ['Christmas Eve at 20:00', next((d) => d.slice(5) === '12-24'), '20:00', false],
  ['Ascension Thursday, before contact hours', next((d) => d === addDays(easter(Number(d.slice(0, 4))), 39)), '08:00', false],
  ['29 February', next(isLeapDay), '12:00', false],
  ['an ordinary Tuesday at 10:00', next((d) => weekday(d) === 2 && !isHoliday(d)), '10:00', false],
].map(([what, date, time, e2e], i) => ({ n: i + 1, what, date, time, e2e, at: paris(date, time) }));

// ---- Running -----------------------------------------------------------------------

const label = (d) => `${d.date} ${d.time} Paris (${WEEKDAYS[weekday(d.date)]})`;
if (flag('list') !== undefined) {
  for (const d of DATES) console.log(`${String(d.n).padStart(2)}  ${label(d)}  ${d.e2e ? 'e2e ' : '    '} ${d.what}`);
  process.exit(0);
}
const only = flag('only')?.split(',').map(Number);
const e2eMode = flag('e2e') ?? 'default';
const chosen = DATES.filter((d) => !only || only.includes(d.n));
if (chosen.length === 0) {
  console.error(`date sweep: no date numbered ${flag('only')} (see --list)`);
  process.exit(2);
}

function findLibfaketime() {
  const candidates = [
    process.env.LIBFAKETIME,
    '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/faketime/libfaketime.so.1',
    '/usr/local/lib/faketime/libfaketime.so.1',
  ];
  return candidates.find((p) => p && existsSync(p));
}
const lib = findLibfaketime();
if (!lib) {
  console.error('date sweep: libfaketime not found; install it (Debian: apt-get install -y faketime) or set LIBFAKETIME to its path');
  process.exit(2);
}

/** The environment that shifts every clock of a child process to `at`. */
function shifted(at) {
  return {
    ...process.env,
    LD_PRELOAD: [lib, process.env.LD_PRELOAD].filter(Boolean).join(':'),
    FAKETIME: `${at.getTime() - Date.now() >= 0 ? '+' : ''}${Math.round((at.getTime() - Date.now()) / 1000)}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '0',
    RELANCE_DATE_SWEEP: at.toISOString(),
  };
}

// The preload must work here, or every "date" below would silently be today.
const probeAt = DATES[0].at;
const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env: shifted(probeAt), encoding: 'utf8' });
if (Math.abs(Number(probe.stdout) - probeAt.getTime()) > 60_000) {
  console.error(
    `date sweep: libfaketime (${lib}) does not shift Node's clock here (asked ${probeAt.toISOString()}, got ${probe.stdout || probe.stderr})`,
  );
  process.exit(2);
}

const logs = join(root, '.date-sweep');
mkdirSync(logs, { recursive: true });
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const deadlineSeconds = Number(flag('deadline') ?? 300);
if (!(deadlineSeconds > 0)) {
  console.error(`date sweep: --deadline must be a number of seconds, got ${flag('deadline')}`);
  process.exit(2);
}
// Jest's own reporters, and one that logs each test file as it starts and ends (after the
// path patterns on the command line: --reporters takes every argument that follows).
const reporters = ['test/support/progress-reporter.js', 'test/support/summary-reporter.js', 'test/support/started-files-reporter.js'].map(
  (r) => `--reporters=${join(root, r)}`,
);

/** Jest runs under way: stopped with the sweep (Ctrl+C, a closed pipe, a CI timeout). */
const running = new Set();
function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => (stopAll(), process.exit(130)));
process.stdout.on('error', () => (stopAll(), process.exit(1)));
process.on('exit', stopAll);

function runDate(d, withE2e, attempt = 1) {
  const patterns = [...ALWAYS, ...(withE2e ? E2E : [])];
  const log = join(logs, attempt === 1 ? `${d.n}.log` : `${d.n}-try${attempt}.log`);
  const out = createWriteStream(log);
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so that stopping the sweep stops its time-skipping server too.
    const child = spawn(process.execPath, [jest, '--ci', '--runInBand', ...patterns, ...reporters], {
      cwd: root,
      env: shifted(d.at),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    let hung;
    const deadline = setTimeout(() => {
      // What was still alive, then the whole group stopped: the close below reports it.
      const ps = spawnSync('ps', ['-o', 'pid,etime,time,stat,args', '-g', String(child.pid)], { encoding: 'utf8' });
      hung = ps.stdout || ps.stderr || '';
      out.write(`\n== date sweep: past its ${deadlineSeconds} s deadline; processes still alive:\n${hung}`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, deadlineSeconds * 1000);
    child.on('close', (code) => {
      clearTimeout(deadline);
      running.delete(child);
      out.end(() => {
        const text = readFileSync(log, 'utf8');
        const summary = /Tests: (\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(text.trimEnd() + '\n');
        const failures = [...text.matchAll(/^\s*● (.+)$/gm)].map((m) => m[1]).filter((t) => !t.startsWith('Console'));
        if (hung !== undefined) {
          const unfinished = [...text.matchAll(/^▶ (.+)$/gm)].map((m) => m[1]).filter((f) => !text.includes(`■ ${f}\n`));
          const where = unfinished.length ? `in ${unfinished.map((f) => f.slice(root.length + 1)).join(', ')}` : 'after its last test file';
          failures.unshift(`stopped after ${deadlineSeconds} s, ${where}`);
        }
        resolve({
          ok: code === 0 && Boolean(summary) && hung === undefined,
          hung: hung !== undefined,
          seconds: Math.round((Date.now() - started) / 1000),
          summary,
          failures: [...new Set(failures)],
          log,
        });
      });
    });
  });
}

// Two dates at a time by default (one per core of the CI machine): each Jest run is mostly
// waiting on its own time-skipping server. --jobs=1 runs them one after the other.
const jobs = Math.max(1, Number(flag('jobs') ?? Math.min(2, availableParallelism())));
console.log(`Date sweep: ${chosen.length} dates, ${jobs} at a time, libfaketime ${lib}`);
console.log(`  every date: ${ALWAYS.join('  ')}`);
console.log(`  dates marked +e2e: ${E2E.join('  ')} too`);
const results = new Array(chosen.length);
let printed = 0;
let passed = 0;
let failed = 0;
let retried = 0;
/** Prints the results that are in, in date order. */
function flush() {
  while (printed < chosen.length && results[printed]) {
    const { d, withE2e, r } = results[printed++];
    const counts = r.summary ? `${r.summary[1]} passed, ${r.summary[2]} failed` : 'no summary';
    console.log(
      `${r.ok ? 'PASS' : 'FAIL'}  ${String(d.n).padStart(2)}  ${label(d)}  ${withE2e ? '+e2e' : '    '}  ${String(r.seconds).padStart(3)} s  ${counts}  — ${d.what}`,
    );
    if (r.firstTry) {
      console.log(`        ↻ run again once: its first run was ${r.firstTry.failures[0]} (log: ${r.firstTry.log})`);
      retried++;
    }
    if (!r.ok) {
      for (const f of r.failures.slice(0, 8)) console.log(`        ✕ ${f}`);
      console.log(`        log: ${r.log}`);
    }
    if (r.ok) passed++;
    else failed++;
  }
}
let nextIndex = 0;
async function worker() {
  while (nextIndex < chosen.length) {
    const i = nextIndex++;
    const d = chosen[i];
    const withE2e = e2eMode === 'all' || (e2eMode !== 'none' && d.e2e);
    let r = await runDate(d, withE2e);
    // A run stopped at its deadline (a hang, not a failed test) is run once more; the line says so.
    if (r.hung) r = { ...(await runDate(d, withE2e, 2)), firstTry: r };
    results[i] = { d, withE2e, r };
    flush();
  }
}
const sweepStarted = Date.now();
await Promise.all(Array.from({ length: jobs }, worker));
console.log(
  `Dates: ${passed} passed, ${failed} failed${retried ? `, ${retried} run again after a hang` : ''} (${Math.round((Date.now() - sweepStarted) / 1000)} s)`,
);
process.exit(failed === 0 ? 0 : 1);
