import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLObjectType,
  IntrospectionQuery,
  isLeafType,
  isObjectType,
} from 'graphql';
import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { startTestRelance, TestRelance } from '../support/test-relance';

/** Every field of an object type that takes no required argument, objects expanded, as a selection. */
function everyField(type: GraphQLObjectType, levels = 4): string {
  const fields = Object.values(type.getFields()).filter(
    (f) => !f.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined),
  );
  return fields
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      if (isObjectType(named) && levels > 1) return `${field.name} { ${everyField(named, levels - 1)} }`;
      return `${field.name} { __typename }`;
    })
    .join(' ');
}

/**
 * The cost budget through HTTP, on a workspace with 50 debts whose workflows run: what
 * used to take two minutes and Temporal down with it is refused before it starts, and
 * the requests clients really send still pass.
 */
describe('GraphQL cost limits', () => {
  let relance: TestRelance;
  let debtFields: string;

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    const { createLandlord } = await relance.ok<{ createLandlord: { id: string } }>(
      'mutation { createLandlord(data: { kind: LEGAL_ENTITY, companyName: "SCI Budget" }) { id } }',
    );
    const { createProperty } = await relance.ok<{ createProperty: { id: string } }>(
      'mutation { createProperty(data: { name: "Les Cinquante" }) { id } }',
    );
    const rows = Array.from({ length: 50 }, (_, i) => i + 1);
    const { createUnits } = await relance.ok<{ createUnits: Array<{ id: string }> }>(
      'mutation($d: [CreateUnitInput!]!) { createUnits(data: $d) { id } }',
      {
        d: rows.map((i) => ({ propertyId: createProperty.id, label: `Lot ${i}` })),
      },
    );
    const { createLeases } = await relance.ok<{ createLeases: Array<{ id: string }> }>(
      'mutation($d: [CreateLeaseInput!]!) { createLeases(data: $d) { id } }',
      {
        d: createUnits.map((unit, i) => ({
          reference: `BUDGET-${i + 1}`,
          unitId: unit.id,
          landlordId: createLandlord.id,
          kind: 'RESIDENTIAL_UNFURNISHED',
          signedOn: '2025-01-01',
          startsOn: '2025-01-01',
          monthlyRentCents: 80_000,
        })),
      },
    );
    await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
      d: createLeases.map((lease) => ({
        leaseId: lease.id,
        period: '2026-01',
        dueDate: addDays(todayIn(), -40),
        rentCents: 80_000,
        chargesCents: 0,
      })),
    });
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: unknown[] }>('mutation { runArrearsDetection { id } }');
    expect(runArrearsDetection).toHaveLength(50);
    const { schema } = relance.running.app.get(GraphQLSchemaHost);
    debtFields = everyField(schema.getType('Debt') as GraphQLObjectType);
  });

  afterAll(async () => {
    await relance?.stop();
  });

  it('answers a page of 50 debts with every field, timelines included', async () => {
    const response = await relance.graphql<{ debts: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ debts(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${debtFields} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.data?.debts.totalCount).toBe(50);
    expect(response.data?.debts.edges).toHaveLength(50);
    expect(response.data?.debts.edges[0].node).toMatchObject({ status: 'OPEN', amountCents: 80_000, timeline: expect.any(Array) });
  });

  it('refuses a debt list under 1,000 aliases in a few seconds at most (it ran 92–126 s), with no workflow asked and /health still 200', async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `a${i}: debts(first: 50) { edges { node { id status currentStep nextAction { kind at } } } }`,
    );
    const temporal = jest.spyOn(relance.running.app.get(TemporalClientProvider), 'getClient');
    const started = performance.now();
    const response = await relance.graphql(`{ ${aliases.join(' ')} }`);
    const elapsedMs = performance.now() - started;
    temporal.mockRestore();

    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      {
        message: 'Query too complex: 1000 aliased fields, at most 20 (GRAPHQL_MAX_ALIASES)',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'ALIASES', limit: 20, measured: 1000 },
      },
    ]);
    // No `data` at all: execution never started, so no resolver ran.
    expect(response).not.toHaveProperty('data');
    expect(temporal).not.toHaveBeenCalled();
    // About 0.1–0.7 s here (most of it Apollo parsing the 1,000-field document); the bound
    // leaves room for a loaded CI machine while staying far below the 92 s it used to cost.
    expect(elapsedMs).toBeLessThan(3000);
    const health = await fetch(`${relance.running.httpUrl}/health`);
    expect(health.status).toBe(200);
  });

  it('refuses nesting deeper than the limit', async () => {
    // The domain's types nest 6 levels at most; a type reference's `ofType` nests as deep as a client writes it.
    const response = await relance.graphql(`{ __type(name: "Debt") { ${'ofType { '.repeat(14)} name ${'} '.repeat(14)} } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rule: 'DEPTH', limit: 15, measured: 16 });
    expect(response).not.toHaveProperty('data');
  });

  it('refuses a filter nested too deep, passed as a variable, and passes it at the limit', async () => {
    const query = 'query($f: DebtFilter) { debts(filter: $f) { totalCount } }';
    const nested = (levels: number) => {
      let filter: Record<string, unknown> = { status: { eq: 'OPEN' } };
      for (let i = 0; i < levels; i += 1)
        filter = i % 2 === 0 ? { and: [filter] } : { or: [filter, { not: { status: { eq: 'RESOLVED' } } }] };
      return filter;
    };
    const atLimit = await relance.graphql<{ debts: { totalCount: number } }>(query, { f: nested(5) });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.debts.totalCount).toBe(50);

    const over = await relance.graphql(query, { f: nested(6) });
    expect(over.status).toBe(400);
    expect(over.errors?.[0]).toMatchObject({
      message: 'Query too complex: 6 levels of and/or/not in a filter, at most 5 (GRAPHQL_MAX_FILTER_DEPTH)',
      extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'FILTER_NESTING', limit: 5, measured: 6 },
    });
  });

  it('refuses a page whose size, passed as a variable, puts it over the complexity budget', async () => {
    // A row costs 3 and its timeline 200 entries × 7 fields: 50 rows (70,152) fit, 80 (112,242) do not.
    const query = `query($n: Int) { debts(first: $n) { edges { node { id timeline { id kind summary occurredAt actorKind actorId debtId } } } } }`;
    expect((await relance.graphql(query, { n: 50 })).errors).toBeUndefined();
    const over = await relance.graphql(query, { n: 80 });
    expect(over.status).toBe(400);
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      rule: 'COMPLEXITY',
      limit: 100_000,
      measured: 2 + 80 * (3 + 200 * 7),
    });
  });

  it('passes the introspection query GraphQL clients send, and the schema it returns is whole', async () => {
    const response = await relance.graphql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const schema = buildClientSchema(response.data!);
    expect(Object.keys((schema.getType('Debt') as GraphQLObjectType).getFields())).toEqual(
      expect.arrayContaining(['id', 'status', 'timeline']),
    );
  });
});

/** The limits come from the configuration: a process started with lower ones refuses at those. */
describe('GraphQL cost limits set in the environment', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('api', {
      GRAPHQL_MAX_DEPTH: '5',
      GRAPHQL_MAX_ALIASES: '2',
      GRAPHQL_MAX_COMPLEXITY: '500',
      GRAPHQL_MAX_FILTER_DEPTH: '1',
    });
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it.each([
    ['DEPTH', '{ debts { edges { node { paymentPlan { installments { dueDate } } } } } }', {}, 5, 6],
    ['ALIASES', '{ a: debts { totalCount } b: debts { totalCount } c: debts { totalCount } }', {}, 2, 3],
    ['COMPLEXITY', 'query($n: Int) { debts(first: $n) { edges { node { id status } } } }', { n: 167 }, 500, 503],
    [
      'FILTER_NESTING',
      'query($f: DebtFilter) { debts(filter: $f) { totalCount } }',
      { f: { not: { not: { status: { eq: 'OPEN' } } } } },
      1,
      2,
    ],
  ])('refuses over %s at its configured limit', async (rule, query, variables, limit, measured) => {
    const response = await relance.graphql(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rule, limit, measured });
  });

  it('still answers what fits', async () => {
    const data = await relance.ok<{ debts: { totalCount: number } }>(
      'query($n: Int) { debts(first: $n) { totalCount edges { node { id status } } } }',
      { n: 165 },
    );
    expect(data.debts.totalCount).toBe(0);
  });
});
