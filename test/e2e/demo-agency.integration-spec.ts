import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/database-options';
import { runMigrationsLocked } from '../../src/database/database.module';
import { generateDemoAgency } from '../../src/demo/demo-agency.generator';
import { insertDemoAgency } from '../../src/demo/demo-agency.repository';
import { seedDemoAgency } from '../../src/demo/seed-demo-agency';
import { OLDEST_UNPAID_FROM_ALLOCATION } from '../../migrations/1795458700000-lease-oldest-unpaid';
import type { DemoAgency } from '../../src/demo/demo-agency.types';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The seeds' 220-lease agency goes into a migrated database in one transaction on the real
 * Postgres: every row lands in its workspace, text arrays and balances survive the trip,
 * and a failing batch leaves nothing behind. (On PGlite, the all-in-one CLI spec seeds the
 * same agency on its first run.)
 */
const OPTIONS = { leases: 220, asOf: '2026-03-15' };
const agency = generateDemoAgency(OPTIONS);

const TABLES: [table: string, rows: keyof DemoAgency][] = [
  ['landlord', 'landlords'],
  ['property', 'properties'],
  ['unit', 'units'],
  ['tenant', 'tenants'],
  ['guarantor', 'guarantors'],
  ['lease', 'leases'],
  ['lease_tenant', 'leaseTenants'],
  ['lease_guarantor', 'leaseGuarantors'],
  ['charge', 'charges'],
  ['payment', 'payments'],
];

/** What the checks read back from a workspace: the same queries on both databases, each with $1 = workspace id. */
const READ_BACK = {
  counts: TABLES.map(([table]) => `SELECT '${table}' AS "table", count(*)::int AS count FROM ${table} WHERE workspace_id = $1`).join(
    ' UNION ALL ',
  ),
  landlords: `SELECT id, mandate_approval_steps AS steps, mandate_information_channels AS channels FROM landlord WHERE workspace_id = $1`,
  totals: `SELECT (SELECT sum(balance_cents)::text FROM lease WHERE workspace_id = $1) AS balances,
                  (SELECT sum(rent_cents + charges_cents)::text FROM charge WHERE workspace_id = $1) AS charged,
                  (SELECT sum(amount_cents)::text FROM payment WHERE workspace_id = $1) AS paid`,
};
type ReadBack = Record<keyof typeof READ_BACK, Record<string, unknown>[]>;

async function readBack(db: DataSource, workspaceId: string): Promise<ReadBack> {
  const entries = await Promise.all(Object.entries(READ_BACK).map(async ([name, sql]) => [name, await db.query(sql, [workspaceId])]));
  return Object.fromEntries(entries);
}

const countsOf = (stored: ReadBack) => Object.fromEntries(stored.counts.map((r) => [r.table, r.count]));

function expectAgencyStored(stored: ReadBack): void {
  expect(countsOf(stored)).toEqual(Object.fromEntries(TABLES.map(([table, rows]) => [table, agency[rows].length])));
  // text[] columns travel as joined strings: each landlord's lists come back whole, empty ones included.
  const landlords = new Map(stored.landlords.map((l) => [l.id, l]));
  for (const landlord of agency.landlords) {
    expect(landlords.get(landlord.id)).toEqual({
      id: landlord.id,
      steps: landlord.mandateApprovalSteps,
      channels: landlord.mandateInformationChannels,
    });
  }
  const [{ balances, charged, paid }] = stored.totals;
  expect(Number(balances)).toBe(Number(charged) - Number(paid));
  expect(Number(charged)).toBe(agency.charges.reduce((sum, c) => sum + c.rentCents + c.chargesCents, 0));
  expect(Number(paid)).toBe(agency.payments.reduce((sum, p) => sum + p.amountCents, 0));
}

async function createWorkspace(db: DataSource): Promise<string> {
  const [{ id }] = await db.query(`INSERT INTO workspace (name) VALUES ('Demo') RETURNING id`);
  return id;
}

describe('demo agency on real Postgres', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions({ url: database.url }));
    await db.initialize();
    await runMigrationsLocked(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('inserts the 220-lease agency in one transaction, every row in its workspace', async () => {
    const workspaceId = await createWorkspace(db);
    await db.transaction((manager) => insertDemoAgency(manager, workspaceId, agency));
    expectAgencyStored(await readBack(db, workspaceId));
  });

  it('fills lease.oldest_unpaid_due_date in the migration exactly as the ledger writes it', async () => {
    const workspaceId = await createWorkspace(db);
    await seedDemoAgency(db, workspaceId, { ...OPTIONS, seed: 3 });
    const rows: Array<{ stored: string | null; backfilled: string | null }> = await db.query(
      `SELECT l.oldest_unpaid_due_date::text AS stored, o.due_date::text AS backfilled
       FROM lease l LEFT JOIN (${OLDEST_UNPAID_FROM_ALLOCATION}) o ON o.workspace_id = l.workspace_id AND o.lease_id = l.id
       WHERE l.workspace_id = $1`,
      [workspaceId],
    );
    expect(rows).toHaveLength(OPTIONS.leases);
    expect(rows.filter((r) => r.stored !== r.backfilled)).toEqual([]);
    // Both kinds of lease are there: owing something, and owing nothing.
    expect(rows.filter((r) => r.stored !== null).length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.stored === null).length).toBeGreaterThan(0);
  });

  it('leaves nothing behind when a batch fails', async () => {
    const workspaceId = await createWorkspace(db);
    // Another seed, so its ids are new: one whole copy goes in, then the second copy's first batch breaks the primary key.
    const other = generateDemoAgency({ ...OPTIONS, seed: 2 });
    await expect(
      db.transaction(async (manager) => {
        await insertDemoAgency(manager, workspaceId, other);
        await insertDemoAgency(manager, workspaceId, other);
      }),
    ).rejects.toThrow(/duplicate key value violates unique constraint "landlord_pkey"/);
    expect(Object.values(countsOf(await readBack(db, workspaceId)))).toEqual(TABLES.map(() => 0));
  });
});
