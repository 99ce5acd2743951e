import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayIn } from '../../src/common/clock';
import { findProjectRoot } from '../../src/config/project-root';
import { addDays } from '../../src/domain/calendar-date';
import { eventually } from '../support/eventually';
import { freePort } from '../support/free-port';
import { graphqlRequest, queryText } from '../support/graphql-client';
import {
  CreateChargesDocument,
  CreateLandlordDocument,
  CreateLeaseDocument,
  CreatePropertyDocument,
  CreateTenantDocument,
  CreateUnitDocument,
  DebtWithTimelineDocument,
  DemoAgencyCountsDocument,
  HealthOfDependenciesDocument,
  HealthStatusDocument,
  OpenDebtsWithoutWorkflowDocument,
  RunArrearsDetectionByLeaseDocument,
  SetLeasePartiesDocument,
  ViewerNameAndRoleDocument,
  ViewerWorkspaceIdDocument,
} from './graphql/generated';

/**
 * The README's front door, as a newcomer meets it: the compiled CLI in all-in-one mode with
 * nothing configured but ports and a data folder, so it starts its own Temporal dev server
 * and embedded Postgres. `npm test` builds dist/ before Jest runs.
 */
const root = findProjectRoot();
const main = join(root, 'dist', 'src', 'main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

/** Every CLI this file started, so that afterAll can kill what a failed test left. */
const children: ChildProcess[] = [];

async function startCli(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [main, 'all-in-one'], { cwd: root, env: cleanEnv(env) });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null) throw new Error(`CLI exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stopCli({ child, output: () => output });
      throw new Error(`CLI did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output };
}

async function stopCli(started: Started): Promise<number | null> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Whether a Temporal dev server on this data folder still runs (pgrep exits 1 when none). */
function temporalServerRunning(dataDir: string): boolean {
  const result = spawnSync('pgrep', ['-f', `db-filename ${join(dataDir, 'temporal')}`], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`pgrep failed: ${result.stderr}`);
  return result.status === 0;
}

/** A GraphQL call with the demo key that must succeed. */
async function ok<TResult, TVariables>(
  url: string,
  key: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
): Promise<TResult> {
  const response = await graphqlRequest<TResult>(url, queryText(document), variables ?? {}, key);
  if (response.errors) throw new Error(`${queryText(document)}\n→ ${JSON.stringify(response.errors)}`);
  return response.data!;
}

/**
 * A lease of the demo agency falling in arrears, entered as an integrator would: landlord,
 * building, unit, a lease due on the 31st (the month's last day in short months), its
 * tenant, and a rent call unpaid for 8 days.
 */
async function createLeaseInArrears(url: string, key: string): Promise<string> {
  const dueDate = addDays(todayIn(), -8);
  const { createLandlord } = await ok(url, key, CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: 'SCI Mistral' } });
  const { createProperty } = await ok(url, key, CreatePropertyDocument, { d: { name: 'Résidence Mistral' } });
  const { createUnit } = await ok(url, key, CreateUnitDocument, { d: { propertyId: createProperty.id, label: 'A1' } });
  const { createLease } = await ok(url, key, CreateLeaseDocument, {
    d: {
      reference: 'CLI-1',
      unitId: createUnit.id,
      landlordId: createLandlord.id,
      kind: 'RESIDENTIAL_UNFURNISHED',
      signedOn: '2025-01-01',
      startsOn: '2025-01-01',
      monthlyRentCents: 75000,
      dueDay: 31,
    },
  });
  const { createTenant } = await ok(url, key, CreateTenantDocument, {
    d: { firstName: 'Lina', lastName: 'Mistral', email: 'lina.mistral@example.test', consentEmail: true, preferredChannel: 'EMAIL' },
  });
  await ok(url, key, SetLeasePartiesDocument, { leaseId: createLease.id, d: { tenantIds: [createTenant.id] } });
  await ok(url, key, CreateChargesDocument, {
    d: [{ leaseId: createLease.id, kind: 'RENT_CALL', period: dueDate.slice(0, 7), dueDate, rentCents: 75000, chargesCents: 0 }],
  });
  return createLease.id;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('all-in-one from the CLI with nothing configured', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let ports: { http: number; temporal: number; ui: number };

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm test does it)`);
    dataDir = mkdtempSync(join(tmpdir(), 'relance-all-in-one-'));
    ports = { http: await freePort(), temporal: await freePort(), ui: await freePort() };
    env = {
      DATA_DIR: dataDir,
      PORT: String(ports.http),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_DEV_UI_PORT: String(ports.ui),
    };
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const pidFile = join(dataDir, 'temporal', 'temporal-server.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops at start-up on an invalid value, naming the variable and the expected form', () => {
    const result = spawnSync(process.execPath, [main], { cwd: root, env: cleanEnv({ ...env, PORT: 'eighty' }), encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT="eighty" is invalid: expected a TCP port number from 1 to 65535');
    expect(existsSync(join(dataDir, 'temporal'))).toBe(false);
  });

  it('refuses api mode without DATABASE_URL', () => {
    const result = spawnSync(process.execPath, [main, 'api'], { cwd: root, env: cleanEnv(env), encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL is required in api mode');
  });

  it('exits 1 with the reason, leaving nothing running, when the database is unreachable', async () => {
    const closed = await freePort();
    const result = spawnSync(process.execPath, [main], {
      cwd: root,
      env: cleanEnv({ ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/relance` }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Relance could not start');
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(temporalServerRunning(dataDir)).toBe(false);
    expect(await isListening(ports.temporal)).toBe(false);
  });

  let debtId: string;
  let workflowId: string;

  it('comes up with its own Temporal server and embedded Postgres, runs a debt’s workflow, and stops both', async () => {
    const started = await startCli(env);
    try {
      expect(started.output()).toContain(`GraphQL:       http://127.0.0.1:${ports.http}/graphql`);
      expect(started.output()).toContain(`Temporal UI:   http://127.0.0.1:${ports.ui}`);
      expect(started.output()).toContain(`embedded PGlite in ${join(dataDir, 'pglite')}`);
      const url = `http://127.0.0.1:${ports.http}/graphql`;
      const health = await graphqlRequest(url, HealthOfDependenciesDocument);
      expect(health.data?.health).toEqual({ status: 'UP', database: { status: 'UP' }, temporal: { status: 'UP' } });
      const demoKey = /Authorization: Bearer (rlk_\S+)/.exec(started.output())?.[1];
      expect(demoKey).toBeDefined();
      expect(readFileSync(join(dataDir, 'demo-api-key'), 'utf8').trim()).toBe(demoKey);
      const viewer = await graphqlRequest(url, ViewerNameAndRoleDocument, {}, demoKey);
      expect(viewer.data?.viewer).toEqual({ workspaceName: 'Agence de démonstration', role: 'ADMIN' });
      const demo = await graphqlRequest(url, DemoAgencyCountsDocument, {}, demoKey);
      expect(demo.data?.leases.totalCount).toBe(220);
      expect(demo.data?.debts.totalCount).toBeGreaterThan(10);

      // The wiring end to end, through a real debt: GraphQL → ledger → arrears detection →
      // a Temporal workflow on the local dev server → its activities → the embedded Postgres.
      const key = demoKey!;
      const leaseId = await createLeaseInArrears(url, key);
      const { viewer: me } = await ok(url, key, ViewerWorkspaceIdDocument);
      const { runArrearsDetection } = await ok(url, key, RunArrearsDetectionByLeaseDocument);
      expect(runArrearsDetection.map((d) => d.leaseId)).toEqual([leaseId]);
      debtId = runArrearsDetection[0].id;
      const debt = await eventually(
        async () => (await ok(url, key, DebtWithTimelineDocument, { id: debtId })).debt,
        (d) => d.timeline.some((e) => e.actorKind === 'WORKFLOW'),
        'a timeline entry written by the debt’s workflow',
        300,
      );
      expect(debt).toMatchObject({ leaseId, status: 'OPEN', workflowId: `debt:${me.workspaceId}:${debtId}` });
      expect(debt.timeline[0]).toMatchObject({ kind: 'DEBT_OPENED', actorKind: 'SYSTEM' });
      workflowId = debt.workflowId!;
      // The demo agency's debts got their workflows in the same run.
      const unstarted = await ok(url, key, OpenDebtsWithoutWorkflowDocument);
      expect(unstarted.debts.totalCount).toBe(0);
      expect(await isListening(ports.temporal)).toBe(true);
      expect(temporalServerRunning(dataDir)).toBe(true);

      // A second Relance on the same DATA_DIR is refused and leaves the first one alone.
      const second = spawnSync(process.execPath, [main], {
        cwd: root,
        env: cleanEnv({ ...env, PORT: String(await freePort()) }),
        encoding: 'utf8',
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`Relance already runs on DATA_DIR=${dataDir} (pid ${started.child.pid})`);
      const busy = spawnSync(process.execPath, [main, 'create-workspace', 'Agence Martin'], {
        cwd: root,
        env: cleanEnv(env),
        encoding: 'utf8',
      });
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain('Relance already runs on DATA_DIR');
      // spawnSync held the event loop past the server's keep-alive timeout: let the pooled
      // connections' close events in before fetch picks one of them.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await graphqlRequest(url, HealthStatusDocument);
      expect(again.data?.health.status).toBe('UP');
    } finally {
      expect(await stopCli(started)).toBe(0);
    }
    expect(started.output()).toContain('Relance stopped.');
    expect(await isListening(ports.temporal)).toBe(false);
    expect(await isListening(ports.http)).toBe(false);
    expect(temporalServerRunning(dataDir)).toBe(false);
  });

  it('creates a workspace from the command line while stopped', () => {
    const result = spawnSync(process.execPath, [main, 'create-workspace', 'Agence Martin'], {
      cwd: root,
      env: cleanEnv(env),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Workspace "Agence Martin" created \(id [0-9a-f-]{36}\)\.\nAdmin API key \(shown once, store it now\):\nrlk_[0-9a-f]{32}_\S{43}\n/,
    );
  });

  it('reuses the same Temporal history, database and demo key when started again', async () => {
    expect(workflowId).toBeDefined();
    const started = await startCli(env);
    try {
      expect(started.output()).toContain(`Authorization: Bearer ${readFileSync(join(dataDir, 'demo-api-key'), 'utf8').trim()}`);
      // The debt's workflow lives on in the dev server's history, waiting for its next step.
      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      try {
        const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
        expect(description.status.name).toBe('RUNNING');
      } finally {
        await connection.close();
      }
    } finally {
      expect(await stopCli(started)).toBe(0);
    }
    // PGlite loads its WASM through dynamic import(), which Jest's sandbox refuses: read
    // the data folder from a plain Node process instead.
    const read = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { PGlite } from '@electric-sql/pglite';
         const db = await PGlite.create({ dataDir: process.argv[1] });
         const { rows } = await db.query(
           \`SELECT d.workflow_id AS "workflowId", count(e.id) FILTER (WHERE e.actor_kind = 'WORKFLOW')::int AS "workflowEntries"
            FROM debt d LEFT JOIN debt_event e ON e.workspace_id = d.workspace_id AND e.debt_id = d.id
            WHERE d.id = $1 GROUP BY d.workflow_id\`,
           [process.argv[2]],
         );
         await db.close();
         process.stdout.write(JSON.stringify(rows));`,
        join(dataDir, 'pglite'),
        debtId,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(read.stderr).toBe('');
    expect(JSON.parse(read.stdout)).toEqual([{ workflowId, workflowEntries: expect.any(Number) }]);
    expect(JSON.parse(read.stdout)[0].workflowEntries).toBeGreaterThan(0);
  });

  it('recovers the Temporal server a killed Relance left behind', async () => {
    const killed = await startCli(env);
    const gone = new Promise((resolve) => killed.child.once('exit', resolve));
    killed.child.kill('SIGKILL');
    await gone;
    // The dev server runs in its own process group, so SIGKILL of Relance leaves it up.
    expect(await isListening(ports.temporal)).toBe(true);
    const started = await startCli(env);
    try {
      const health = await graphqlRequest(`http://127.0.0.1:${ports.http}/graphql`, HealthStatusDocument);
      expect(health.data?.health.status).toBe('UP');
    } finally {
      expect(await stopCli(started)).toBe(0);
    }
    expect(await isListening(ports.temporal)).toBe(false);
  });
});
