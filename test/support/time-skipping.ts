import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { ConnectionPlugin } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { RELANCE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
import { temporalExecutable } from './temporal-executables';

/**
 * The test server (grpc-java) lets a client ping at most every 5 minutes (its default
 * permitKeepAliveTime) and answers more frequent pings — the TypeScript client's default is
 * every 30 s, even without calls — with GOAWAY "too_many_pings" after a few strikes: a spec
 * running past a minute or two (a loaded machine, the date sweep's two runs at once) then
 * lost its connection mid-call ("rejected by server because of excess pings") and hung until
 * killed. On loopback no keepalive is needed: ping no more often than the server allows.
 */
const LOOPBACK_KEEPALIVE: ConnectionPlugin = {
  name: 'relance-test-server-keepalive',
  configureConnection: (options) => ({
    ...options,
    channelArgs: { ...options.channelArgs, 'grpc.keepalive_time_ms': 10 * 60_000, 'grpc.keepalive_permit_without_calls': 0 },
  }),
};

/**
 * Temporal's time-skipping test server with Relance's search attributes registered: like a
 * real cluster, it refuses upserts of unregistered attributes.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  // Under the date sweep (scripts/date-sweep.mjs) this process runs with libfaketime preloaded.
  // The test server is started without it: faked timed waits in its native image could miss
  // their wake-up, and a spec then hung until killed. Its clock is moved to the swept date
  // below instead, through its own time skipping.
  const preload = process.env.LD_PRELOAD;
  if (preload !== undefined) delete process.env.LD_PRELOAD;
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: temporalExecutable('test-server') },
      plugins: [LOOPBACK_KEEPALIVE],
    });
  } finally {
    if (preload !== undefined) process.env.LD_PRELOAD = preload;
  }
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(RELANCE_SEARCH_ATTRIBUTES.map((a) => [a.name, encodeSearchAttributeIndexedValueType('KEYWORD')!])),
  });
  // Under the sweep the server's clock must stand on the swept date like this process's, or
  // the sweep would prove nothing about server time: the swept dates are all ahead of the
  // real clock, so the server skips there before any workflow starts.
  const swept = process.env.RELANCE_DATE_SWEEP;
  if (swept) {
    const ahead = Date.now() - (await env.currentTimeMs());
    if (ahead > 0) await env.sleep(ahead);
    const serverNow = await env.currentTimeMs();
    if (Math.abs(serverNow - Date.now()) > 60_000 || Math.abs(Date.now() - Date.parse(swept)) > 86_400_000) {
      await env.teardown();
      throw new Error(
        `date sweep to ${swept}: the time-skipping server stands at ${new Date(serverNow).toISOString()}, this process is at ${new Date().toISOString()}`,
      );
    }
  }
  return env;
}

/** Advances server time day by day (one long jump could fire timers out of turn) to `target`. */
export async function sleepUntil(env: TestWorkflowEnvironment, target: Date): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target.getTime(); now = await env.currentTimeMs()) {
    await skipTime(env, Math.min(86_400_000, target.getTime() - now));
  }
}

/** Real time after which a skip whose server time has not moved is deemed stuck. */
const STUCK_AFTER_MS = 15_000;

/**
 * `env.sleep` — server time skipped by `duration` — that cannot hang. Now and then, on a
 * loaded machine, the test server keeps time skipping locked once a new workflow's first
 * task is done (seen at the start of a spec's test, 3 runs in 40 with three Jest processes
 * at once; the date sweep's CI runs hung on it until killed): the sleep then waits in real
 * time, a day for a day. When server time has not moved for 15 s of real time, this
 * releases that stray lock once (`unlockTimeSkipping`), and time skips on. (Locked, server
 * time keeps real time's pace: stuck is a server no faster than real time after 15 s.) Every
 * spec on the time-skipping server skips time through here.
 */
export async function skipTime(env: TestWorkflowEnvironment, duration: Duration): Promise<void> {
  const from = await env.currentTimeMs();
  let released = false;
  const watchdog = setInterval(() => {
    void env.currentTimeMs().then(async (now) => {
      // Skipping, server time runs far ahead of real time; locked, it keeps real time's pace.
      if (released || now - from > 2 * STUCK_AFTER_MS) return;
      released = true;
      process.stderr.write(
        `time-skipping: server time stuck at ${new Date(from).toISOString()} for ${STUCK_AFTER_MS / 1000} s; releasing a stray time lock\n`,
      );
      await env.connection.testService?.unlockTimeSkipping({}).catch(() => undefined);
    });
  }, STUCK_AFTER_MS);
  try {
    await env.sleep(duration);
  } finally {
    clearInterval(watchdog);
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * Relance's workflows (workflows/index.ts), bundled once per spec file: a worker given
 * `workflowsPath` bundles them anew at each start, a second or so every time.
 */
export function relanceWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('ERROR') });
  return bundle;
}
