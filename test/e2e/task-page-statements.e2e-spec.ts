import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { TaskService } from '../../src/tasks/task.service';
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
 * A page of tasks with every field costs the same SQL statements for 3 tasks as for 40
 * (issue 11, lists at SQL speed): a task's targets (its debt, the debt's lease, the lease's
 * tenants) load through a request-scoped DataLoader, one batch for the whole page. The
 * page asks for every field Task has (read from the schema, so a field added later is
 * counted too), and the statements the request sends are counted where TypeORM sends them.
 * The API runs alone (mode 'api': no worker querying meanwhile, and none opening tasks:
 * they are opened here as a debt's workflow opens them, through TaskService).
 */
describe('a page of tasks costs the same statements for 3 tasks as for 40', () => {
  let relance: TestRelance;
  let property: string;
  let leaseCount = 0;
  let measure: ReturnType<typeof statementCounter>;
  let everyFieldOf: ReturnType<typeof schemaFields>;

  beforeAll(async () => {
    relance = await startTestRelance('api');
    measure = statementCounter(relance);
    everyFieldOf = schemaFields(relance);
    property = (await relance.ok(CreatePropertyDocument, { d: { name: 'Résidence des Tâches' } })).createProperty.id;
  });

  afterAll(async () => {
    await relance?.stop();
  });

  /** `count` more leases in arrears, each with two tenants, its debt, and one call task on that debt. */
  async function addTasks(count: number): Promise<void> {
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
          reference: `BAIL-TACHE-${String(i).padStart(3, '0')}`,
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
    const tasks = relance.running.app.get(TaskService);
    for (const debt of debts) {
      await tasks.open(
        { workspaceId: relance.workspaceId, debtId: debt.id },
        {
          key: 'step:call',
          kind: 'CALL',
          stepKey: 'call',
          title: 'Call the tenant about the arrears',
          body: 'Script',
          dueAt: new Date().toISOString(),
        },
      );
    }
  }

  /** The tasks of a page with every field, and the SQL statements that request sent. */
  async function page(): Promise<{ rows: Array<Record<string, unknown>>; statements: string[] }> {
    const query = `{ tasks(first: 200) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${await everyFieldOf('Task')} } } } }`;
    const { result, statements } = await measure(() => relance.ok<{ tasks: { edges: Array<{ node: Record<string, unknown> }> } }>(query));
    return { rows: result.tasks.edges.map((e) => e.node), statements };
  }

  /** At most this many statements for a page: the key's lookup, the page, its count, its rows, and the targets' batch. */
  const MOST_STATEMENTS = 8;
  let small: string[] = [];

  it('pages 3 tasks with every field, targets included, in a few statements', async () => {
    await addTasks(3);
    const { rows, statements } = await page();
    expect(rows).toHaveLength(3);
    // The statements themselves in the report, should there be too many.
    expect({ fewEnough: statements.length <= MOST_STATEMENTS, statements }).toMatchObject({ fewEnough: true });
    small = statements;
    // The targets answer with each task's own debt, lease and tenants, not just in few statements.
    for (const task of rows) {
      const targets = task.targets as Array<{ kind: string; label: string }>;
      expect(targets.map((t) => t.kind)).toEqual(['DEBT', 'LEASE', 'TENANT', 'TENANT']);
      expect(targets[0].label).toBe(`Debt on ${targets[1].label}`);
      const lease = Number(targets[1].label.replace('BAIL-TACHE-', ''));
      expect(targets.slice(2).map((t) => t.label)).toEqual([`Anne Locataire ${lease}`, `Marc Locataire ${lease}`]);
    }
  });

  it('pages 40 tasks in exactly as many statements as 3', async () => {
    expect(small.length).toBeGreaterThan(0);
    await addTasks(37);
    const { rows, statements } = await page();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((task) => (task.targets as Array<{ id: string }>)[0].id)).size).toBe(40);
    // The statements themselves, so that a failure shows which one repeats per row.
    // As a multiset: batched loaders that await in turn may send theirs in either order.
    expect([...statements].sort()).toEqual([...small].sort());
  });
});
