import { ApolloServer } from '@apollo/server';
import { buildSchema, getIntrospectionQuery, GraphQLError, parse, validate } from 'graphql';
import { QueryCostError, QueryCostLimits } from './query-cost.error';
import { queryCostPlugin, withQueryCostErrors } from './query-cost.plugin';
import { aliasLimitRule, complexityLimitRule, depthLimitRule, filterNestingLimitRule, queryCostRules } from './query-cost.rules';

/** Relance's shapes in small: a Twenty-style connection, a paged per-row list, an unpaged one, a nesting filter. */
const SDL = `
  type Query {
    debts(first: Int, last: Int, after: String, filter: DebtFilter): DebtConnection!
    debt(id: ID!): Debt!
    scenarios: [Scenario!]!
  }
  type DebtConnection { edges: [DebtEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type DebtEdge { cursor: String! node: Debt! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Debt { id: ID! status: String! amountCents: Int! paymentPlan: PaymentPlan timeline(first: Int): [DebtEvent!]! }
  type PaymentPlan { acceptedAt: String! installments: [Installment!]! }
  type Installment { amountCents: Int! dueDate: String! }
  type DebtEvent { kind: String! summary: String! }
  type Scenario { key: String! }
  input DebtFilter { and: [DebtFilter!] or: [DebtFilter!] not: DebtFilter status: StringFilter amountCents: IntFilter }
  input StringFilter { eq: String in: [String!] }
  input IntFilter { gte: Int }
`;
const schema = buildSchema(SDL);

const LIMITS: QueryCostLimits = { maxDepth: 15, maxAliases: 20, maxComplexity: 100_000, maxFilterDepth: 5 };

/** The budget errors of a query under `rules`, as `{ rule, limit, measured }`. */
function refusals(query: string, rules: ReturnType<typeof queryCostRules>): Array<Record<string, unknown>> {
  return validate(schema, parse(query), rules).map((error) => {
    expect(error).toBeInstanceOf(QueryCostError);
    const { code, rule, limit, measured } = error.extensions;
    expect(code).toBe('QUERY_TOO_COMPLEX');
    return { rule, limit, measured };
  });
}

/** The one measure `rule` reports for a query when its limit is 0 (each query measures at least 1). */
function measure(
  query: string,
  rule: (limit: number, request: { variables?: Record<string, unknown> }) => ReturnType<typeof depthLimitRule>,
  variables = {},
) {
  const [refusal] = refusals(query, [rule(0, { variables })]);
  return refusal?.measured ?? 0;
}

describe('query cost rules', () => {
  describe('DEPTH', () => {
    const fourLevels = '{ debts { edges { node { id } } } }';
    const fiveLevels = '{ debts { edges { node { paymentPlan { acceptedAt } } } } }';

    it('passes a query as deep as the limit and refuses one level more', () => {
      expect(refusals(fourLevels, [depthLimitRule(4)])).toEqual([]);
      expect(refusals(fiveLevels, [depthLimitRule(4)])).toEqual([{ rule: 'DEPTH', limit: 4, measured: 5 }]);
      expect(refusals(fiveLevels, [depthLimitRule(5)])).toEqual([]);
    });

    it('counts the levels a fragment adds where it is spread, inline or named', () => {
      expect(
        measure(
          '{ debts { ...E } } fragment E on DebtConnection { edges { node { ... on Debt { paymentPlan { acceptedAt } } } } }',
          depthLimitRule,
        ),
      ).toBe(5);
    });

    it("passes the introspection query of GraphQL clients at the default limit, and counts introspection's own depth", () => {
      expect(measure(getIntrospectionQuery(), depthLimitRule)).toBe(15);
      expect(refusals(getIntrospectionQuery(), queryCostRules(LIMITS))).toEqual([]);
      // `ofType` nests as deep as a client writes it (graphql-js's own MaxIntrospectionDepthRule counts only
      // fields / inputFields / interfaces / possibleTypes): __type, 14 ofType, name = 16 levels.
      const deep = `{ __type(name: "Debt") { ${'ofType { '.repeat(14)} name ${'} '.repeat(14)} } }`;
      expect(refusals(deep, queryCostRules(LIMITS))).toEqual([{ rule: 'DEPTH', limit: 15, measured: 16 }]);
    });
  });

  describe('ALIASES', () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: debts { totalCount }`).join(' ')} }`;

    it('passes as many aliases as the limit and refuses one more', () => {
      expect(refusals(aliased(20), [aliasLimitRule(20)])).toEqual([]);
      expect(refusals(aliased(21), [aliasLimitRule(20)])).toEqual([{ rule: 'ALIASES', limit: 20, measured: 21 }]);
    });

    it('counts aliases at every level and inside fragments, but not a field aliased to its own name', () => {
      expect(
        measure('{ debts: debts { total: totalCount edges { node { ...D } } } } fragment D on Debt { a: id b: id }', aliasLimitRule),
      ).toBe(3);
    });

    it('counts a fragment spread twice in the same selection once, as graphql-js runs it once', () => {
      expect(measure('{ ...Q ...Q } fragment Q on Query { a: debts { totalCount } b: debts { totalCount } }', aliasLimitRule)).toBe(2);
    });

    it('measures each fragment once, so a fragment bomb is measured at once', () => {
      // Each level spreads the next under two aliases: 2^21 - 2 aliased fields from a 2 kB document.
      const levels = Array.from(
        { length: 20 },
        (_, i) => `fragment T${i} on __Type { a: ofType { ...T${i + 1} } b: ofType { ...T${i + 1} } }`,
      );
      const bomb = `{ __type(name: "Debt") { ...T0 } } ${levels.join(' ')} fragment T20 on __Type { name }`;
      const started = Date.now();
      expect(refusals(bomb, [aliasLimitRule(20)])).toEqual([{ rule: 'ALIASES', limit: 20, measured: 2 ** 21 - 2 }]);
      expect(measure(bomb, depthLimitRule)).toBe(22);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });

  describe('COMPLEXITY', () => {
    // debts + totalCount + edges, then per row: node + id + status.
    const page = 'query($n: Int) { debts(first: $n) { totalCount edges { node { id status } } } }';

    it('passes a request as costly as the limit and refuses one resolution more', () => {
      expect(refusals(page, [complexityLimitRule(153, { variables: { n: 50 } })])).toEqual([]);
      expect(refusals(page, [complexityLimitRule(152, { variables: { n: 50 } })])).toEqual([
        { rule: 'COMPLEXITY', limit: 152, measured: 153 },
      ]);
    });

    it('counts a connection per row of its page: `first` / `last` as literal or variable, 60 by default, at most 200', () => {
      expect(measure('{ debts(first: 50) { totalCount edges { node { id status } } } }', complexityLimitRule)).toBe(3 + 50 * 3);
      expect(measure('{ debts(last: 10) { edges { node { id status } } } }', complexityLimitRule)).toBe(2 + 10 * 3);
      expect(measure(page, complexityLimitRule, { n: 5 })).toBe(3 + 5 * 3);
      expect(measure(page, complexityLimitRule)).toBe(3 + 60 * 3);
      expect(measure('query($n: Int = 7) { debts(first: $n) { edges { node { id } } } }', complexityLimitRule)).toBe(2 + 7 * 2);
      // Beyond 200 the resolver refuses the page itself, with the field named.
      expect(measure(page, complexityLimitRule, { n: 5000 })).toBe(3 + 200 * 3);
    });

    it("multiplies nested lists: a debt's timeline is 200 entries by default, a list without paging 10", () => {
      expect(measure('{ debts(first: 50) { edges { node { timeline { kind summary } } } } }', complexityLimitRule)).toBe(
        2 + 50 * (2 + 200 * 2),
      );
      expect(measure('{ debts(first: 50) { edges { node { timeline(first: 3) { kind } } } } }', complexityLimitRule)).toBe(
        2 + 50 * (2 + 3),
      );
      expect(measure('{ debt(id: "d") { paymentPlan { installments { amountCents dueDate } } } }', complexityLimitRule)).toBe(3 + 10 * 2);
      expect(measure('{ scenarios { key } }', complexityLimitRule)).toBe(1 + 10);
    });

    it('carries the page into fragments and counts each alias', () => {
      const viaFragment = '{ debts(first: 50) { ...Rows } } fragment Rows on DebtConnection { edges { node { id status } } }';
      expect(measure(viaFragment, complexityLimitRule)).toBe(1 + 1 + 50 * 3);
      expect(measure('{ a: debts(first: 50) { totalCount } b: debts(first: 50) { totalCount } }', complexityLimitRule)).toBe(4);
    });

    it('counts introspection one a field, its lists not multiplied: the schema is in memory', () => {
      const introspection = measure(getIntrospectionQuery(), complexityLimitRule);
      expect(introspection).toBeGreaterThan(100);
      expect(introspection).toBeLessThan(300);
    });
  });

  describe('FILTER_NESTING', () => {
    const nested = (levels: number) => {
      let filter = '{ status: { eq: "OPEN" } }';
      for (let i = 0; i < levels; i += 1)
        filter = ['and', 'or', 'not'][i % 3] === 'not' ? `{ not: ${filter} }` : `{ ${['and', 'or'][i % 3]}: [${filter}] }`;
      return filter;
    };
    const nestedValue = (levels: number): Record<string, unknown> => {
      let filter: Record<string, unknown> = { status: { eq: 'OPEN' } };
      for (let i = 0; i < levels; i += 1) filter = i % 3 === 2 ? { not: filter } : { [['and', 'or'][i % 3]]: [filter] };
      return filter;
    };

    it('passes and / or / not nested as deep as the limit and refuses one level more', () => {
      expect(refusals(`{ debts(filter: ${nested(5)}) { totalCount } }`, [filterNestingLimitRule(5)])).toEqual([]);
      expect(refusals(`{ debts(filter: ${nested(6)}) { totalCount } }`, [filterNestingLimitRule(5)])).toEqual([
        { rule: 'FILTER_NESTING', limit: 5, measured: 6 },
      ]);
    });

    it('measures a filter passed as a variable, whole or in part, or as its default', () => {
      const query = 'query($f: DebtFilter) { debts(filter: $f) { totalCount } }';
      expect(refusals(query, [filterNestingLimitRule(5, { variables: { f: nestedValue(5) } })])).toEqual([]);
      expect(refusals(query, [filterNestingLimitRule(5, { variables: { f: nestedValue(6) } })])).toEqual([
        { rule: 'FILTER_NESTING', limit: 5, measured: 6 },
      ]);
      expect(
        measure('query($b: [DebtFilter!]) { debts(filter: { or: $b }) { totalCount } }', filterNestingLimitRule, { b: [nestedValue(4)] }),
      ).toBe(5);
      expect(measure(`query($f: DebtFilter = ${nested(3)}) { debts(filter: $f) { totalCount } }`, filterNestingLimitRule)).toBe(3);
    });

    it('walks a variable as deep as the client made it without running out of stack', () => {
      const deep = nestedValue(100_000);
      expect(measure('query($f: DebtFilter) { debts(filter: $f) { totalCount } }', filterNestingLimitRule, { f: deep })).toBe(100_000);
    });

    it('counts only the operators of filter inputs, not field names or values that look like them', () => {
      expect(measure('{ debts(filter: { status: { in: ["and", "or", "not"] } }) { totalCount } }', filterNestingLimitRule)).toBe(0);
    });
  });

  it('reports every rule broken, in the order DEPTH, ALIASES, COMPLEXITY, FILTER_NESTING', () => {
    const limits: QueryCostLimits = { maxDepth: 3, maxAliases: 0, maxComplexity: 10, maxFilterDepth: 0 };
    const query = `{ a: debts(first: 5, filter: { not: { status: { eq: "OPEN" } } }) { edges { node { id } } } }`;
    expect(refusals(query, queryCostRules(limits)).map((r) => r.rule)).toEqual(['DEPTH', 'ALIASES', 'COMPLEXITY', 'FILTER_NESTING']);
  });

  it('names the variable that sets the limit in its message', () => {
    expect(new QueryCostError('ALIASES', 20, 1000).message).toBe(
      'Query too complex: 1000 aliased fields, at most 20 (GRAPHQL_MAX_ALIASES)',
    );
  });
});

describe('queryCostPlugin', () => {
  const resolved: string[] = [];
  const row = { id: 'd1', status: 'OPEN', amountCents: 100, paymentPlan: null, timeline: [] };
  const server = new ApolloServer({
    typeDefs: SDL,
    resolvers: {
      Query: {
        debts: () => {
          resolved.push('debts');
          return { totalCount: 1, edges: [{ cursor: 'c', node: row }], pageInfo: { hasNextPage: false } };
        },
        debt: () => {
          resolved.push('debt');
          return row;
        },
      },
    },
    plugins: [queryCostPlugin({ maxDepth: 4, maxAliases: 1, maxComplexity: 200, maxFilterDepth: 1 })],
    formatError: withQueryCostErrors(() => ({ message: 'formatted by the API', extensions: { code: 'OTHER' } })),
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => resolved.splice(0));

  async function run(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
    const response = await server.executeOperation({ query, variables, operationName });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  }

  it('answers an over-budget request with 400 and QUERY_TOO_COMPLEX before any resolver runs', async () => {
    const { status, result } = await run('query($f: DebtFilter) { debts(filter: $f) { totalCount } }', {
      f: { and: [{ or: [{ status: { eq: 'OPEN' } }] }] },
    });
    expect(status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: 'Query too complex: 2 levels of and/or/not in a filter, at most 1 (GRAPHQL_MAX_FILTER_DEPTH)',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'FILTER_NESTING', limit: 1, measured: 2 },
      },
    ]);
    expect(resolved).toEqual([]);
  });

  it('reads page sizes from the variables: the same text passes or not with them', async () => {
    const query = 'query($n: Int) { debts(first: $n) { edges { node { id status } } } }';
    expect((await run(query, { n: 66 })).result.errors).toBeUndefined();
    const over = await run(query, { n: 67 });
    expect(over.result.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rule: 'COMPLEXITY', limit: 200, measured: 203 });
    expect(resolved).toEqual(['debts']);
  });

  it('measures only the operation that runs', async () => {
    const document = 'query Cheap { debt(id: "d1") { id } } query Costly { a: debts { totalCount } b: debts { totalCount } }';
    expect((await run(document, {}, 'Cheap')).result.data).toEqual({ debt: { id: 'd1' } });
    expect((await run(document, {}, 'Costly')).result.errors?.[0].extensions?.rule).toBe('ALIASES');
  });

  it('leaves every other error to the API formatter', async () => {
    const { result } = await run('{ debt { id } }');
    expect(result.errors).toEqual([{ message: 'formatted by the API', extensions: { code: 'OTHER' } }]);
    expect(new GraphQLError('x')).not.toBeInstanceOf(QueryCostError);
  });
});
