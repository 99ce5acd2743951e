import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { schemaFields, statementCounter } from '../support/page-statements';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  CreateChargesDocument,
  CreateLandlordsDocument,
  CreateLeasesDocument,
  CreatePropertyDocument,
  CreateTenantsDocument,
  CreateUnitsDocument,
  RunArrearsDetectionDocument,
  SetLeasePartiesDocument,
} from './graphql/generated';

/**
 * A page of debts with every field costs the same SQL statements for 3 debts as for 40
 * (issue 11, lists at SQL speed): status, current step and next action are columns of the
 * debt row (no Temporal call), and the per-row fields that read other tables (the
 * timeline, the free-text zones) load through request-scoped DataLoaders, one batch for
 * the page. The page asks for every field Debt has (read from the schema, so a field added
 * later is counted too) but `paymentPlan`, the one live field a debt's detail asks its
 * workflow for. Statements are counted where TypeORM sends them; the API runs alone (mode
 * 'api': no worker querying meanwhile).
 */
describe('a page of debts costs the same statements for 3 debts as for 40', () => {
  let relance: TestRelance;
  let property: string;
  let leaseCount = 0;
  let measure: ReturnType<typeof statementCounter>;
  let everyFieldOf: ReturnType<typeof schemaFields>;

  beforeAll(async () => {
    relance = await startTestRelance('api');
    measure = statementCounter(relance);
    everyFieldOf = schemaFields(relance);
    property = (await relance.ok(CreatePropertyDocument, { d: { name: 'Résidence des Dettes' } })).createProperty.id;
  });

  afterAll(async () => {
    await relance?.stop();
  });

  /** `count` more leases in arrears, each with two tenants and its debt. */
  async function addDebts(count: number): Promise<void> {
    const from = leaseCount;
    leaseCount += count;
    const n = Array.from({ length: count }, (_, i) => from + i + 1);
    const landlords = (
      await relance.ok(CreateLandlordsDocument, { d: n.map((i) => ({ kind: 'NATURAL_PERSON' as const, lastName: `Bailleur ${i}` })) })
    ).createLandlords;
    const units = (await relance.ok(CreateUnitsDocument, { d: n.map((i) => ({ propertyId: property, label: `Lot ${i}` })) })).createUnits;
    const tenants = (
      await relance.ok(CreateTenantsDocument, {
        d: n.flatMap((i) => [
          { firstName: 'Anne', lastName: `Locataire ${i}` },
          { firstName: 'Marc', lastName: `Locataire ${i}` },
        ]),
      })
    ).createTenants;
    const leases = (
      await relance.ok(CreateLeasesDocument, {
        d: n.map((i, k) => ({
          reference: `BAIL-DETTE-${String(i).padStart(3, '0')}`,
          unitId: units[k].id,
          landlordId: landlords[k].id,
          kind: 'RESIDENTIAL_UNFURNISHED' as const,
          signedOn: '2025-01-01',
          startsOn: '2025-01-01',
          monthlyRentCents: 80_000,
        })),
      })
    ).createLeases;
    await relance.ok(CreateChargesDocument, {
      d: leases.map((lease) => ({
        leaseId: lease.id,
        period: '2024-01',
        dueDate: addDays(todayIn(), -20),
        rentCents: 80_000,
        chargesCents: 0,
      })),
    });
    for (const [k, lease] of leases.entries()) {
      await relance.ok(SetLeasePartiesDocument, { leaseId: lease.id, d: { tenantIds: [tenants[2 * k].id, tenants[2 * k + 1].id] } });
    }
    const debts = (await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection;
    expect(debts).toHaveLength(count);
  }

  /** The debts of a page with every field, and the SQL statements that request sent. */
  async function page(): Promise<{ rows: Array<Record<string, unknown>>; statements: string[] }> {
    const query = `{ debts(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${await everyFieldOf('Debt', { skip: ['Debt.paymentPlan'] })} } } } }`;
    const { result, statements } = await measure(() => relance.ok<{ debts: { edges: Array<{ node: Record<string, unknown> }> } }>(query));
    return { rows: result.debts.edges.map((e) => e.node), statements };
  }

  /**
   * At most this many statements for a page: the key's lookup, the page, its count, its rows,
   * the timeline's and the zones' batches, and the legal calendars' (the debts' facts, then
   * their leases' charges, payments and credit notes).
   */
  const MOST_STATEMENTS = 12;
  let small: string[] = [];

  it('pages 3 debts with every field, timelines included, in a few statements', async () => {
    await addDebts(3);
    const { rows, statements } = await page();
    expect(rows).toHaveLength(3);
    // The statements themselves in the report, should there be too many.
    expect({ fewEnough: statements.length <= MOST_STATEMENTS, statements }).toMatchObject({ fewEnough: true });
    small = statements;
    // Each debt answers with its own timeline, not just in few statements.
    for (const debt of rows) {
      const timeline = debt.timeline as Array<{ debtId: string; kind: string }>;
      expect(timeline[0]).toMatchObject({ debtId: debt.id, kind: 'DEBT_OPENED' });
      expect(timeline.every((e) => e.debtId === debt.id)).toBe(true);
    }
  });

  it('pages 40 debts in exactly as many statements as 3', async () => {
    expect(small.length).toBeGreaterThan(0);
    await addDebts(37);
    const { rows, statements } = await page();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((debt) => (debt.timeline as Array<{ debtId: string }>)[0].debtId)).size).toBe(40);
    // The statements themselves, so that a failure shows which one repeats per row.
    // As a multiset: batched loaders that await in turn may send theirs in either order.
    expect([...statements].sort()).toEqual([...small].sort());
  });
});
