import type { EntityManager } from 'typeorm';
import type { Cents } from '../domain/money';
import type {
  DemoAgency,
  DemoChargeRow,
  DemoGuarantorRow,
  DemoLandlordRow,
  DemoLeaseGuarantorRow,
  DemoLeaseRow,
  DemoLeaseTenantRow,
  DemoPaymentRow,
  DemoPropertyRow,
  DemoTenantRow,
  DemoUnitRow,
} from './demo-agency.types';

/** Rows per INSERT statement: big enough to amortise round trips, small enough for PGlite's memory. */
export const DEMO_INSERT_BATCH_ROWS = 5_000;

/**
 * How a field travels: as a Postgres array of this type, unnested back into rows.
 * `TEXT_LIST` (a text[] column) travels as one comma-joined string per row, because
 * unnest() of a two-dimensional array would flatten it into single values.
 */
type ColumnType = 'uuid' | 'text' | 'date' | 'int' | 'bigint' | 'boolean' | 'TEXT_LIST';

/** Every field of the row type, with its column type: a field added to a row type and forgotten here fails to compile. */
type Columns<Row> = { [Field in keyof Row]-?: ColumnType };

interface TableSpec<Row> {
  table: string;
  columns: Columns<Row>;
}

const address = { addressLine1: 'text', addressLine2: 'text', postalCode: 'text', city: 'text', country: 'text' } as const;

const LANDLORD: TableSpec<DemoLandlordRow> = {
  table: 'landlord',
  columns: {
    id: 'uuid',
    kind: 'text',
    firstName: 'text',
    lastName: 'text',
    companyName: 'text',
    siren: 'text',
    email: 'text',
    phone: 'text',
    ...address,
    mandateLitigationThresholdCents: 'int',
    mandateApprovalSteps: 'TEXT_LIST',
    mandateInformationChannels: 'TEXT_LIST',
  },
};
const PROPERTY: TableSpec<DemoPropertyRow> = { table: 'property', columns: { id: 'uuid', name: 'text', ...address } };
const UNIT: TableSpec<DemoUnitRow> = { table: 'unit', columns: { id: 'uuid', propertyId: 'uuid', label: 'text', floor: 'text' } };
const TENANT: TableSpec<DemoTenantRow> = {
  table: 'tenant',
  columns: {
    id: 'uuid',
    firstName: 'text',
    lastName: 'text',
    email: 'text',
    phone: 'text',
    preferredChannel: 'text',
    consentEmail: 'boolean',
    consentSms: 'boolean',
    profile: 'text',
    profileOverride: 'text',
    vulnerable: 'boolean',
    ...address,
  },
};
const GUARANTOR: TableSpec<DemoGuarantorRow> = {
  table: 'guarantor',
  columns: { id: 'uuid', kind: 'text', firstName: 'text', lastName: 'text', companyName: 'text', email: 'text', phone: 'text', ...address },
};
/** The stored balance is not a field of the row: the inserter derives it from the ledger. */
type LeaseWithBalance = DemoLeaseRow & { balanceCents: Cents };
const LEASE: TableSpec<LeaseWithBalance> = {
  table: 'lease',
  columns: {
    id: 'uuid',
    reference: 'text',
    unitId: 'uuid',
    landlordId: 'uuid',
    kind: 'text',
    signedOn: 'date',
    startsOn: 'date',
    endsOn: 'date',
    monthlyRentCents: 'int',
    monthlyChargesCents: 'int',
    dueDay: 'int',
    housingBenefitToLandlord: 'boolean',
    housingBenefitCents: 'int',
    gliInsurer: 'text',
    gliClaimDeadlineDays: 'int',
    scenarioOverride: 'text',
    balanceCents: 'bigint',
  },
};
const LEASE_TENANT: TableSpec<DemoLeaseTenantRow> = { table: 'lease_tenant', columns: { leaseId: 'uuid', tenantId: 'uuid' } };
const LEASE_GUARANTOR: TableSpec<DemoLeaseGuarantorRow> = { table: 'lease_guarantor', columns: { leaseId: 'uuid', guarantorId: 'uuid' } };
const CHARGE: TableSpec<DemoChargeRow> = {
  table: 'charge',
  columns: {
    id: 'uuid',
    leaseId: 'uuid',
    kind: 'text',
    period: 'text',
    dueDate: 'date',
    rentCents: 'int',
    chargesCents: 'int',
    label: 'text',
  },
};
const PAYMENT: TableSpec<DemoPaymentRow> = {
  table: 'payment',
  columns: { id: 'uuid', leaseId: 'uuid', amountCents: 'int', paidOn: 'date', method: 'text', bankReference: 'text', payerName: 'text' },
};

/**
 * The demo's bulk SQL, hand-tuned (a 200,000-lease seed goes through it): inserts a
 * generated agency into `workspaceId`, table by table in foreign-key order, a few
 * thousand rows per statement. Runs on the caller's manager, so inside the caller's
 * transaction; works on Postgres and PGlite alike (typed arrays and unnest only). Each
 * lease's stored balance is set from its charges and payments.
 *
 * @example
 * await dataSource.transaction((manager) => insertDemoAgency(manager, workspaceId, generateDemoAgency({ leases: 220, asOf })));
 */
export async function insertDemoAgency(manager: EntityManager, workspaceId: string, agency: DemoAgency): Promise<void> {
  await insertRows(manager, workspaceId, LANDLORD, agency.landlords);
  await insertRows(manager, workspaceId, PROPERTY, agency.properties);
  await insertRows(manager, workspaceId, UNIT, agency.units);
  await insertRows(manager, workspaceId, TENANT, agency.tenants);
  await insertRows(manager, workspaceId, GUARANTOR, agency.guarantors);
  const balances = ledgerBalances(agency);
  await insertRows(manager, workspaceId, LEASE, agency.leases, (lease) => ({ ...lease, balanceCents: balances.get(lease.id) ?? 0 }));
  await insertRows(manager, workspaceId, LEASE_TENANT, agency.leaseTenants);
  await insertRows(manager, workspaceId, LEASE_GUARANTOR, agency.leaseGuarantors);
  await insertRows(manager, workspaceId, CHARGE, agency.charges);
  await insertRows(manager, workspaceId, PAYMENT, agency.payments);
}

/** Charges minus payments per lease: what `lease.balance_cents` holds. */
function ledgerBalances(agency: DemoAgency): Map<string, Cents> {
  const balances = new Map<string, Cents>();
  for (const c of agency.charges) balances.set(c.leaseId, (balances.get(c.leaseId) ?? 0) + c.rentCents + c.chargesCents);
  for (const p of agency.payments) balances.set(p.leaseId, (balances.get(p.leaseId) ?? 0) - p.amountCents);
  return balances;
}

async function insertRows<Source, Row>(
  manager: EntityManager,
  workspaceId: string,
  spec: TableSpec<Row>,
  rows: readonly Source[],
  toRow: (source: Source) => Row = (source) => source as unknown as Row,
): Promise<void> {
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  const sql = insertStatement(spec);
  for (let start = 0; start < rows.length; start += DEMO_INSERT_BATCH_ROWS) {
    const batch = rows.slice(start, start + DEMO_INSERT_BATCH_ROWS).map(toRow);
    const arrays = fields.map((field) => batch.map((row) => parameterValue(row[field], spec.columns[field])));
    await manager.query(sql, [workspaceId, ...arrays]);
  }
}

function parameterValue(value: unknown, type: ColumnType): unknown {
  return type === 'TEXT_LIST' ? (value as string[]).join(',') : value;
}

const ARRAY_TYPE: Record<ColumnType, string> = {
  uuid: 'uuid[]',
  text: 'text[]',
  date: 'date[]',
  int: 'int[]',
  bigint: 'bigint[]',
  boolean: 'boolean[]',
  TEXT_LIST: 'text[]',
};

/**
 * `INSERT INTO t (workspace_id, a, b) SELECT $1, u.a, u.b FROM unnest($2::uuid[], $3::text[]) AS u(a, b)`:
 * one parameter per column whatever the batch size, so no parameter limit and one plan.
 * Only the spec's own names go into the text; every value is a parameter.
 */
function insertStatement<Row>(spec: TableSpec<Row>): string {
  const entries = Object.entries(spec.columns) as [string, ColumnType][];
  const names = entries.map(([field]) => `"${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`);
  const selected = entries.map(([, type], i) => (type === 'TEXT_LIST' ? `string_to_array(u.${names[i]}, ',')` : `u.${names[i]}`));
  const unnested = entries.map(([, type], i) => `$${i + 2}::${ARRAY_TYPE[type]}`);
  return (
    `INSERT INTO ${spec.table} (workspace_id, ${names.join(', ')}) ` +
    `SELECT $1::uuid, ${selected.join(', ')} FROM unnest(${unnested.join(', ')}) AS u(${names.join(', ')})`
  );
}

/** The demo landlord the banner signs in as: the one with the most open debts (ties: the oldest landlord). */
export async function demoLandlordToShow(db: Pick<EntityManager, 'query'>, workspaceId: string): Promise<string | undefined> {
  const [row]: Array<{ id: string }> = await db.query(
    `SELECT ll.id FROM landlord ll
     LEFT JOIN lease l ON l.workspace_id = ll.workspace_id AND l.landlord_id = ll.id
     LEFT JOIN debt d ON d.workspace_id = l.workspace_id AND d.lease_id = l.id AND d.closed_at IS NULL
     WHERE ll.workspace_id = $1
     GROUP BY ll.id, ll.created_at ORDER BY count(d.id) DESC, ll.created_at, ll.id LIMIT 1`,
    [workspaceId],
  );
  return row?.id;
}
