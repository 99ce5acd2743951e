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
  SetLeasePartiesDocument,
} from './graphql/generated';

/**
 * A page of any object with all its fields costs a bounded number of SQL statements
 * whatever its size (issue 11, lists at SQL speed): per-row fields (a lease's tenants and
 * guarantors, its ledger figures) load through request-scoped DataLoaders, one batch per
 * field for the whole page. Each page is asked with every field its type has (read from
 * the schema, so a field added later is counted too), first with 3 rows then with 60, and
 * the statements the request sends are counted where TypeORM sends them. The API runs
 * alone (mode 'api': no worker querying meanwhile).
 */
describe('a page costs the same statements for 3 rows as for 60', () => {
  let relance: TestRelance;
  let property: string;
  let leaseCount = 0;
  let measure: ReturnType<typeof statementCounter>;
  let everyFieldOf: ReturnType<typeof schemaFields>;

  beforeAll(async () => {
    relance = await startTestRelance('api');
    measure = statementCounter(relance);
    everyFieldOf = schemaFields(relance);
    property = (await relance.ok(CreatePropertyDocument, { d: { name: 'Résidence des Statements' } })).createProperty.id;
  });

  afterAll(async () => {
    await relance?.stop();
  });

  /**
   * `count` more leases, each with its own landlord and unit, two tenants, one guarantor
   * and two unpaid rent calls (one 100 days late, one 10 days late: balance, days late and
   * aging all have something to show).
   */
  async function addLeases(count: number): Promise<void> {
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
          { firstName: 'Anne', lastName: `Locataire ${i}`, email: `anne.${i}@example.org`, consentEmail: true },
          { firstName: 'Marc', lastName: `Locataire ${i}`, phone: '+33612345678', consentSms: true },
        ]),
      })
    ).createTenants;
    const { createGuarantors: guarantors } = await relance.ok<{ createGuarantors: Array<{ id: string }> }>(
      'mutation($d: [CreateGuarantorInput!]!) { createGuarantors(data: $d) { id } }',
      { d: n.map((i) => ({ firstName: 'Paul', lastName: `Garant ${i}` })) },
    );
    const leases = (
      await relance.ok(CreateLeasesDocument, {
        d: n.map((i, k) => ({
          reference: `BAIL-STMT-${String(i).padStart(3, '0')}`,
          unitId: units[k].id,
          landlordId: landlords[k].id,
          kind: 'RESIDENTIAL_UNFURNISHED' as const,
          signedOn: '2025-01-01',
          startsOn: '2025-01-01',
          monthlyRentCents: 80_000,
        })),
      })
    ).createLeases;
    const today = todayIn();
    await relance.ok(CreateChargesDocument, {
      d: leases.flatMap((lease) => [
        { leaseId: lease.id, period: '2024-01', dueDate: addDays(today, -100), rentCents: 80_000, chargesCents: 0 },
        { leaseId: lease.id, period: '2024-02', dueDate: addDays(today, -10), rentCents: 80_000, chargesCents: 0 },
      ]),
    });
    for (const [k, lease] of leases.entries()) {
      await relance.ok(SetLeasePartiesDocument, {
        leaseId: lease.id,
        d: { tenantIds: [tenants[2 * k].id, tenants[2 * k + 1].id], guarantorIds: [guarantors[k].id] },
      });
    }
  }

  /** The rows of a page of `plural` with every field, and the SQL statements that request sent. */
  async function page(plural: string, typeName: string): Promise<{ rows: Array<Record<string, unknown>>; statements: string[] }> {
    const query = `{ ${plural}(first: 200) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${await everyFieldOf(typeName)} } } } }`;
    const { result, statements } = await measure(() =>
      relance.ok<Record<string, { edges: Array<{ node: Record<string, unknown> }> }>>(query),
    );
    // Sorted: the batches of one tick run side by side, and finish in any order.
    return { rows: result[plural].edges.map((e) => e.node), statements: [...statements].sort() };
  }

  /**
   * Each page's budget: the key's lookup, the page's ids, its rows and its count (4), plus one
   * batch per per-row source — for leases the tenants, the guarantors and the ledger's
   * charges, payments and credit notes (9 today).
   */
  const PAGES = [
    { plural: 'leases', type: 'Lease', perLease: 1, most: 12 },
    { plural: 'landlords', type: 'Landlord', perLease: 1, most: 6 },
    { plural: 'tenants', type: 'Tenant', perLease: 2, most: 6 },
    { plural: 'guarantors', type: 'Guarantor', perLease: 1, most: 6 },
  ];
  const small = new Map<string, string[]>();

  it('pages 3 leases and their parties with every field in a few statements', async () => {
    await addLeases(3);
    for (const { plural, type, perLease, most } of PAGES) {
      const { rows, statements } = await page(plural, type);
      expect(rows).toHaveLength(3 * perLease);
      // Those past the budget, by name, should there be any.
      expect({ plural, overBudget: statements.slice(most) }).toEqual({ plural, overBudget: [] });
      small.set(plural, statements);
    }
    // The per-row fields answer with the page's data, not just in few statements.
    const { rows } = await page('leases', 'Lease');
    for (const lease of rows) {
      expect((lease.tenantIds as string[]).length).toBe(2);
      expect((lease.guarantorIds as string[]).length).toBe(1);
      expect(lease.balanceCents).toBe(160_000);
    }
  });

  it('pages 60 of each in exactly as many statements as 3', async () => {
    expect(small.size).toBe(PAGES.length);
    await addLeases(57);
    for (const { plural, type, perLease } of PAGES) {
      const { rows, statements } = await page(plural, type);
      expect(rows).toHaveLength(60 * perLease);
      // The statements themselves, so that a failure shows which one repeats per row.
      expect({ plural, statements }).toEqual({ plural, statements: small.get(plural) });
    }
  });
});
