// Ledger benchmark (`npm run bench:ledger`): imports 100,000 charges and 100,000 payments
// through GraphQL over HTTP (the ledger seam: entries, allocation, balances, debt updates)
// and reports rows/s beside a raw COPY of the same rows into the same Postgres; then
// queries the 50 most-late of 100,000 open debts through GraphQL and reports p50/p95 beside
// the raw SQL. Everything runs against a fresh database on BENCH_DATABASE_ADMIN_URL
// (default: the local server), dropped at the end. Sizes: BENCH_LEASES (default 100000).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/config/configuration';
import { todayIn } from '../src/common/clock';
import { addDays } from '../src/domain/calendar-date';
import { startRelance } from '../src/runtime/start-relance';
import { WorkspaceService } from '../src/workspace/workspace.service';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LEASES = Number(process.env.BENCH_LEASES ?? 100_000);
const BATCH = 5_000;
const QUERY_RUNS = 50;

async function withClient<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function copyRows(url: string, table: string, columns: string[], rows: unknown[][]): Promise<number> {
  return withClient(url, async (client) => {
    const csv = rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
    const started = performance.now();
    await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
    return performance.now() - started;
  });
}

async function main(): Promise<void> {
  const name = `relance_bench_${randomBytes(4).toString('hex')}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const running = await startRelance('api', loadConfig({ DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1' }), {
    port: 0,
    logLevels: ['error'],
  });
  try {
    const { workspaceId, apiKey } = await running.app.get(WorkspaceService).createWorkspace('Bench agency');
    const today = todayIn();
    // Leases straight in SQL: the benchmark is about the ledger, not lease creation.
    const leaseIds: string[] = await withClient(databaseUrl, async (c) => {
      const [{ id: landlord }] = (
        await c.query(`INSERT INTO landlord (workspace_id, kind, company_name) VALUES ($1, 'LEGAL_ENTITY', 'SCI Bench') RETURNING id`, [
          workspaceId,
        ])
      ).rows;
      const [{ id: property }] = (
        await c.query(`INSERT INTO property (workspace_id, name) VALUES ($1, 'Bench') RETURNING id`, [workspaceId])
      ).rows;
      await c.query(`INSERT INTO unit (workspace_id, property_id, label) SELECT $1, $2, 'U' || g FROM generate_series(1, $3) g`, [
        workspaceId,
        property,
        LEASES,
      ]);
      const { rows } = await c.query(
        `INSERT INTO lease (workspace_id, reference, unit_id, landlord_id, kind, signed_on, starts_on, monthly_rent_cents, monthly_charges_cents)
         SELECT $1, 'B-' || u.label, u.id, $2, 'RESIDENTIAL_UNFURNISHED', '2025-01-01', '2025-01-01', 70000, 8000 FROM unit u WHERE u.workspace_id = $1
         RETURNING id`,
        [workspaceId, landlord],
      );
      return rows.map((r: { id: string }) => r.id);
    });
    const graphqlUrl = running.graphqlUrl!;
    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
    };

    // Each lease: one rent call due from 1 to 120 days ago, and a partial payment.
    const charges = leaseIds.map((leaseId, i) => ({
      leaseId,
      period: '2026-01',
      dueDate: addDays(today, -1 - (i % 120)),
      rentCents: 70_000,
      chargesCents: 8_000,
    }));
    const payments = leaseIds.map((leaseId, i) => ({
      leaseId,
      amountCents: 10_000 + (i % 50_000),
      paidOn: today,
      method: 'TRANSFER',
      bankReference: `BENCH-${i}`,
    }));

    const timeImport = async (mutation: string, type: string, rows: object[]) => {
      const started = performance.now();
      for (let i = 0; i < rows.length; i += BATCH) {
        await post(`mutation($d: [${type}!]!) { ${mutation}(data: $d) { id } }`, { d: rows.slice(i, i + BATCH) });
      }
      return performance.now() - started;
    };
    const chargeMs = await timeImport('createCharges', 'CreateChargeInput', charges);
    const paymentMs = await timeImport('createPayments', 'CreatePaymentInput', payments);

    // Baseline: COPY of the same rows into empty copies of the tables, same server.
    await withClient(databaseUrl, (c) =>
      c.query('CREATE TABLE charge_copy (LIKE charge INCLUDING DEFAULTS); CREATE TABLE payment_copy (LIKE payment INCLUDING DEFAULTS)'),
    );
    const chargeCopyMs = await copyRows(
      databaseUrl,
      'charge_copy',
      ['workspace_id', 'lease_id', 'period', 'due_date', 'rent_cents', 'charges_cents'],
      charges.map((c) => [workspaceId, c.leaseId, c.period, c.dueDate, c.rentCents, c.chargesCents]),
    );
    const paymentCopyMs = await copyRows(
      databaseUrl,
      'payment_copy',
      ['workspace_id', 'lease_id', 'amount_cents', 'paid_on', 'method', 'bank_reference'],
      payments.map((p) => [workspaceId, p.leaseId, p.amountCents, p.paidOn, p.method, p.bankReference]),
    );

    // Debts: every lease is in arrears; detection opens one debt each.
    await post('mutation { runArrearsDetection { id } }', {});
    const debtCount = await withClient(databaseUrl, async (c) => (await c.query('SELECT count(*)::int AS n FROM debt')).rows[0].n);
    const graphqlTimes: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const started = performance.now();
      await post(
        '{ debts(orderBy: [{ daysLate: DescNullsLast }], first: 50) { totalCount edges { node { id amountCents daysLate } } } }',
        {},
      );
      graphqlTimes.push(performance.now() - started);
    }
    const sqlTimes = await withClient(databaseUrl, async (c) => {
      const times: number[] = [];
      for (let i = 0; i < QUERY_RUNS; i++) {
        const started = performance.now();
        await c.query(
          `SELECT id, amount_cents, (now()::date - oldest_unpaid_due_date) AS days_late FROM debt
           WHERE workspace_id = $1 ORDER BY oldest_unpaid_due_date ASC NULLS LAST, id LIMIT 50`,
          [workspaceId],
        );
        times.push(performance.now() - started);
      }
      return times;
    });
    graphqlTimes.sort((a, b) => a - b);
    sqlTimes.sort((a, b) => a - b);

    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
    const pgVersion = await withClient(databaseUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; PostgreSQL ${pgVersion}`,
    );
    console.log(`Import (${LEASES} rows each, batches of ${BATCH}, GraphQL over HTTP)`);
    console.log(
      `  charges:  ${rate(LEASES, chargeMs)} rows/s  vs COPY ${rate(LEASES, chargeCopyMs)} rows/s  → ratio ${(chargeMs / chargeCopyMs).toFixed(1)}× slower`,
    );
    console.log(
      `  payments: ${rate(LEASES, paymentMs)} rows/s  vs COPY ${rate(LEASES, paymentCopyMs)} rows/s  → ratio ${(paymentMs / paymentCopyMs).toFixed(1)}× slower`,
    );
    console.log(`50 most-late of ${debtCount} debts, ${QUERY_RUNS} runs each`);
    console.log(`  GraphQL: p50 ${percentile(graphqlTimes, 50).toFixed(1)} ms, p95 ${percentile(graphqlTimes, 95).toFixed(1)} ms`);
    console.log(
      `  raw SQL: p50 ${percentile(sqlTimes, 50).toFixed(1)} ms, p95 ${percentile(sqlTimes, 95).toFixed(1)} ms  → ratio p50 ${(percentile(graphqlTimes, 50) / percentile(sqlTimes, 50)).toFixed(1)}×`,
    );
  } finally {
    await running.stop();
    if (!process.env.BENCH_KEEP) await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    else console.log(`kept database ${name}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
