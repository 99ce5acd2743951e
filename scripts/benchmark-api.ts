// API list benchmark (`npm run bench:api`): how close the GraphQL lists come to raw SQL,
// measured on PostgreSQL and on the embedded PGlite, each figure beside its raw-SQL
// baseline in the same run (same database, same data, same process).
//
// (a) A page of 200 leases with balance, days late, aging and tenants, through GraphQL over
//     HTTP, against one SQL query returning the same values (checked equal); the SQL
//     statements each GraphQL page sends are counted where TypeORM sends them.
// (b) The 50 most-late debts among many, without and with `totalCount`, against the raw
//     SQL page (and the page plus its count(*)).
// Each figure has a second baseline, the HTTP floor: the same raw SQL served as JSON by a
// bare node:http server in the same process, fetched the way GraphQL is. It is what any
// HTTP API pays before it does anything of its own; on a sub-millisecond query it, not
// the SQL, is most of an API request.
//
// Data: a generated demo agency (src/demo, the same generator and ledger recomputation as
// the seeds) of BENCH_LEASES leases, then closed debts bulk-inserted in SQL up to
// BENCH_DEBTS debts in all. PostgreSQL runs on a fresh database on BENCH_DATABASE_ADMIN_URL
// (default: the local server), dropped at the end; PGlite in a temporary DATA_DIR.
// Sizes: BENCH_LEASES (default 20000; PGlite: BENCH_PGLITE_LEASES, default 220),
// BENCH_DEBTS (default 100000; PGlite: BENCH_PGLITE_DEBTS, default 10000), BENCH_RUNS
// (default 100), BENCH_TARGETS (default "postgres,pglite"). Not part of `npm test`.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { todayIn } from '../src/common/clock';
import { loadConfig } from '../src/config/configuration';
import { seedDemoAgency } from '../src/demo/seed-demo-agency';
import { RunningRelance, startRelance } from '../src/runtime/start-relance';
import { WorkspaceService } from '../src/workspace/workspace.service';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARM_UP = 5;
const PAGE = 200;
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',').map((t) => t.trim()) as Array<'postgres' | 'pglite'>;
const SIZES = {
  postgres: { leases: Number(process.env.BENCH_LEASES ?? 20_000), debts: Number(process.env.BENCH_DEBTS ?? 100_000) },
  pglite: { leases: Number(process.env.BENCH_PGLITE_LEASES ?? 220), debts: Number(process.env.BENCH_PGLITE_DEBTS ?? 10_000) },
};

const LEASE_PAGE = `{ leases(first: ${PAGE}) { edges { node {
  id reference balanceCents daysLate aging { days0To30 days31To60 days61To90 days90Plus } tenantIds
} } } }`;
const DEBT_FIELDS = 'id status amountCents oldestUnpaidDueDate daysLate currentStep nextAction { kind stepKey at }';
const DEBT_PAGE = `{ debts(first: 50) { edges { node { ${DEBT_FIELDS} } } } }`;
const DEBT_PAGE_COUNTED = `{ debts(first: 50) { totalCount edges { node { ${DEBT_FIELDS} } } } }`;

/** The lease page's values in one statement: the ledger's stored allocation, aged as the domain ages it. */
const LEASE_PAGE_SQL = `
  WITH page AS (
    SELECT l.id, l.reference, l.balance_cents FROM lease l WHERE l.workspace_id = $1 ORDER BY l.reference, l.id LIMIT ${PAGE}
  ), paid AS (
    SELECT a.charge_id, sum(a.rent_cents + a.charges_cents + a.fee_cents) AS cents
    FROM allocation a JOIN page p ON p.id = a.lease_id WHERE a.workspace_id = $1 GROUP BY a.charge_id
  ), owed AS (
    SELECT c.lease_id, $2::date - c.due_date AS days, c.rent_cents + c.charges_cents + c.fee_cents - COALESCE(paid.cents, 0) AS cents
    FROM charge c JOIN page p ON p.id = c.lease_id LEFT JOIN paid ON paid.charge_id = c.id
    WHERE c.workspace_id = $1 AND c.due_date < $2::date
  )
  SELECT p.id, p.reference, p.balance_cents,
         COALESCE(max(o.days) FILTER (WHERE o.cents > 0), 0) AS days_late,
         COALESCE(sum(o.cents) FILTER (WHERE o.cents > 0 AND o.days <= 30), 0) AS d0,
         COALESCE(sum(o.cents) FILTER (WHERE o.cents > 0 AND o.days BETWEEN 31 AND 60), 0) AS d31,
         COALESCE(sum(o.cents) FILTER (WHERE o.cents > 0 AND o.days BETWEEN 61 AND 90), 0) AS d61,
         COALESCE(sum(o.cents) FILTER (WHERE o.cents > 0 AND o.days > 90), 0) AS d90,
         ARRAY(SELECT lt.tenant_id::text FROM lease_tenant lt WHERE lt.workspace_id = $1 AND lt.lease_id = p.id ORDER BY lt.tenant_id) AS tenant_ids
  FROM page p LEFT JOIN owed o ON o.lease_id = p.id
  GROUP BY p.id, p.reference, p.balance_cents
  ORDER BY p.reference, p.id`;

const DEBT_PAGE_SQL = `
  SELECT id, status, amount_cents, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS oldest,
         COALESCE(GREATEST((now() AT TIME ZONE 'Europe/Paris')::date - oldest_unpaid_due_date, 0), 0) AS days_late,
         current_step, next_action_kind, next_action_step_key, next_action_at
  FROM debt WHERE workspace_id = $1 ORDER BY oldest_unpaid_due_date ASC NULLS LAST, id LIMIT 50`;
const DEBT_COUNT_SQL = 'SELECT count(*)::int AS n FROM debt WHERE workspace_id = $1';

/** Closed debts (paid: no unpaid due date) spread over the workspace's leases, up to `total` debts in all. */
const FILL_DEBTS_SQL = `
  WITH l AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM lease WHERE workspace_id = $1),
       n AS (SELECT count(*) AS c FROM l)
  INSERT INTO debt (workspace_id, lease_id, status, amount_cents, oldest_unpaid_due_date, opened_on, closed_at)
  SELECT $1, l.id, CASE WHEN g % 10 = 0 THEN 'WRITTEN_OFF' ELSE 'RESOLVED' END, 0, NULL, $3::date - (g % 700) - 30, now()
  FROM generate_series(0, $2::int - 1) g JOIN l ON l.i = g % (SELECT c FROM n)`;

type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

interface Timing {
  p50: number;
  p95: number;
}

interface Figure {
  name: string;
  graphql: Timing;
  sql: Timing;
  /** The same SQL as JSON from a bare HTTP server (the HTTP floor). */
  http: Timing;
  /** SQL statements one GraphQL request sent (the fewest over the runs: nothing else runs meanwhile, in mode 'api'). */
  statements: number;
  sqlStatements: number;
}

interface TargetReport {
  target: string;
  server: string;
  leases: number;
  debts: number;
  figures: Figure[];
  pageValuesMatch: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** A bare HTTP server that runs the raw SQL of the figure named by the path and answers its rows as JSON. */
async function httpFloor(run: (name: string) => Promise<unknown>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      run(decodeURIComponent((request.url ?? '/').slice(1))).then(
        (rows) => {
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ data: rows }));
        },
        (error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function withClient<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Counts the statements TypeORM sends for the app, while `counting` is on. */
function statementCounter(dataSource: DataSource): { during: (run: () => Promise<unknown>) => Promise<number> } {
  let count: number | undefined;
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    if (count !== undefined) count += 1;
    return logQuery(query, parameters, queryRunner);
  };
  return {
    async during(run) {
      let fewest = Infinity;
      for (let i = 0; i < 3; i++) {
        count = 0;
        await run();
        fewest = Math.min(fewest, count);
        count = undefined;
      }
      return fewest;
    },
  };
}

async function benchTarget(target: 'postgres' | 'pglite'): Promise<TargetReport> {
  const sizes = SIZES[target];
  const dbName = `relance_bench_api_${randomBytes(4).toString('hex')}`;
  const dataDir = target === 'pglite' ? mkdtempSync(join(tmpdir(), 'relance-bench-api-')) : undefined;
  let databaseUrl: string | undefined;
  if (target === 'postgres') {
    await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${dbName}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  let running: RunningRelance | undefined;
  let client: Client | undefined;
  let floor: Server | undefined;
  try {
    // Mode 'api' with no Temporal: nothing else queries the database while requests are measured.
    running = await startRelance(
      'api',
      loadConfig(
        databaseUrl
          ? { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1' }
          : { DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:1' },
      ),
      { port: 0, logLevels: ['error'] },
    );
    const dataSource = running.app.get(DataSource);
    const { workspaceId, apiKey } = await running.app.get(WorkspaceService).createWorkspace('Bench agency');
    const today = todayIn();
    const seedStarted = performance.now();
    const seeded = await seedDemoAgency(dataSource, workspaceId, { leases: sizes.leases, asOf: today });
    const missing = Math.max(sizes.debts - seeded.openedDebts, 0);
    if (missing > 0) await dataSource.query(FILL_DEBTS_SQL, [workspaceId, missing, today]);
    await dataSource.query('ANALYZE');
    console.log(
      `  ${target}: seeded ${seeded.leases} leases, ${seeded.openedDebts} open debts, +${missing} closed debts in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
    );

    // Raw SQL: a driver connection of its own on PostgreSQL; PGlite serves one connection, the app's.
    if (databaseUrl) {
      client = new Client({ connectionString: databaseUrl });
      await client.connect();
    }
    const raw: Query = client
      ? async (sql, params) => (await client!.query(sql, params)).rows
      : (sql, params) => dataSource.query(sql, params);
    const post = async (query: string): Promise<Record<string, unknown>> => {
      const response = await fetch(running!.graphqlUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text).data;
    };
    const counter = statementCounter(dataSource);
    const debtCount = ((await raw(DEBT_COUNT_SQL, [workspaceId])) as Array<{ n: number }>)[0].n;

    // The page's values must be the same both ways, or the comparison means nothing.
    const pageValuesMatch = comparePages(await post(LEASE_PAGE), await raw(LEASE_PAGE_SQL, [workspaceId, today]));

    const figureSql = new Map<string, Array<[string, unknown[]]>>();
    const runFigureSql = async (name: string) => {
      const results: unknown[] = [];
      for (const [text, params] of figureSql.get(name) ?? []) results.push(await raw(text, params));
      return results;
    };
    const bare = await httpFloor(runFigureSql);
    floor = bare.server;
    const figure = async (name: string, query: string, sql: Array<[string, unknown[]]>): Promise<Figure> => {
      figureSql.set(name, sql);
      return {
        name,
        graphql: await time(() => post(query)),
        sql: await time(() => runFigureSql(name)),
        http: await time(async () => {
          const response = await fetch(`${bare.url}/${encodeURIComponent(name)}`, { method: 'POST', body: '{}' });
          if (!response.ok) throw new Error(`HTTP floor ${response.status}: ${await response.text()}`);
          JSON.parse(await response.text());
        }),
        statements: await counter.during(() => post(query)),
        sqlStatements: sql.length,
      };
    };
    const figures = [
      await figure(`Lease page (${PAGE}: balance, days late, aging, tenant ids)`, LEASE_PAGE, [[LEASE_PAGE_SQL, [workspaceId, today]]]),
      await figure(`50 most-late of ${debtCount} debts, no totalCount`, DEBT_PAGE, [[DEBT_PAGE_SQL, [workspaceId]]]),
      await figure(`50 most-late of ${debtCount} debts, with totalCount`, DEBT_PAGE_COUNTED, [
        [DEBT_PAGE_SQL, [workspaceId]],
        [DEBT_COUNT_SQL, [workspaceId]],
      ]),
    ];
    const server = ((await raw('SELECT version() AS v', [])) as Array<{ v: string }>)[0].v.split(',')[0];
    return { target, server, leases: seeded.leases, debts: debtCount, figures, pageValuesMatch };
  } finally {
    await new Promise((resolve) => (floor ? floor.close(resolve) : resolve(undefined)));
    await client?.end();
    await running?.stop();
    if (databaseUrl) {
      if (!process.env.BENCH_KEEP) await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      else console.log(`kept database ${dbName}`);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface PageRow {
  id: string;
  reference: string;
  balanceCents: number;
  daysLate: number;
  aging: { days0To30: number; days31To60: number; days61To90: number; days90Plus: number };
  tenantIds: string[];
}

/** "yes (200/200)" when the GraphQL page and the SQL rows hold the same values, in the same order. */
function comparePages(data: Record<string, unknown>, rows: unknown[]): string {
  const nodes = (data.leases as { edges: Array<{ node: PageRow }> }).edges.map((e) => e.node);
  const sqlRows = rows as Array<Record<string, unknown>>;
  let same = 0;
  nodes.forEach((n, i) => {
    const r = sqlRows[i];
    const tenants = (
      Array.isArray(r?.tenant_ids)
        ? r.tenant_ids
        : String(r?.tenant_ids ?? '')
            .replace(/^\{|\}$/g, '')
            .split(',')
            .filter(Boolean)
    ) as string[];
    const equal =
      r &&
      r.id === n.id &&
      Number(r.balance_cents) === n.balanceCents &&
      Number(r.days_late) === n.daysLate &&
      Number(r.d0) === n.aging.days0To30 &&
      Number(r.d31) === n.aging.days31To60 &&
      Number(r.d61) === n.aging.days61To90 &&
      Number(r.d90) === n.aging.days90Plus &&
      [...n.tenantIds].sort().join() === [...tenants].sort().join();
    if (equal) same += 1;
  });
  return `${same === nodes.length && nodes.length === sqlRows.length ? 'yes' : 'NO'} (${same}/${nodes.length} rows equal, ${sqlRows.length} SQL rows)`;
}

async function main(): Promise<void> {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`;
  console.log(`Machine: ${machine}`);
  console.log(`${RUNS} runs of each figure after ${WARM_UP} warm-up runs; GraphQL over HTTP on the same machine`);
  const reports: TargetReport[] = [];
  for (const target of TARGETS) reports.push(await benchTarget(target));

  const ms = (n: number) => n.toFixed(1);
  const lines = [
    '| Database | Figure | GraphQL p50 / p95 (ms) | Raw SQL p50 / p95 (ms) | Ratio p50 | Raw SQL over bare HTTP p50 / p95 (ms) | Ratio p50 to it | SQL statements (GraphQL / raw) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    console.log(
      `\n${r.target}: ${r.server}; ${r.leases} leases, ${r.debts} debts; lease page values equal both ways: ${r.pageValuesMatch}`,
    );
    for (const f of r.figures) {
      const ratio = f.graphql.p50 / f.sql.p50;
      const httpRatio = f.graphql.p50 / f.http.p50;
      console.log(`  ${f.name}`);
      console.log(`    GraphQL: p50 ${ms(f.graphql.p50)} ms, p95 ${ms(f.graphql.p95)} ms, ${f.statements} SQL statements per request`);
      console.log(
        `    raw SQL: p50 ${ms(f.sql.p50)} ms, p95 ${ms(f.sql.p95)} ms, ${f.sqlStatements} statement(s)  → ratio p50 ${ratio.toFixed(1)}×`,
      );
      console.log(`    raw SQL over bare HTTP: p50 ${ms(f.http.p50)} ms, p95 ${ms(f.http.p95)} ms  → ratio p50 ${httpRatio.toFixed(1)}×`);
      lines.push(
        `| ${r.target === 'pglite' ? 'PGlite' : r.server} | ${f.name} | ${ms(f.graphql.p50)} / ${ms(f.graphql.p95)} | ${ms(f.sql.p50)} / ${ms(f.sql.p95)} | ${ratio.toFixed(1)}× | ${ms(f.http.p50)} / ${ms(f.http.p95)} | ${httpRatio.toFixed(1)}× | ${f.statements} / ${f.sqlStatements} |`,
      );
    }
  }
  console.log(`\nMarkdown (README):\n\nMeasured on ${machine}.\n\n${lines.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
