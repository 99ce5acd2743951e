import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { fetchIdPage, PageQuery } from '../../src/common/query/record-page';
import { ColumnMap, OrderBy, OrderDirection, orderSql, resolveOrder } from '../../src/common/query/record-query';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Keyset pagination against the real Postgres: whatever the data (NULLs, ties), the order
 * and the page size, walking the pages forward or backward yields exactly the rows of one
 * ORDER BY query, each once, and the filter's count matches.
 */
const columns: ColumnMap = {
  id: { sql: 'i.id', type: 'uuid' },
  name: { sql: 'i.name', type: 'string' },
  score: { sql: 'i.score', type: 'int', nullable: true },
  due: { sql: 'i.due', type: 'date', nullable: true },
  createdAt: { sql: 'i.created_at', type: 'timestamp' },
  kind: { sql: 'i.kind', type: 'enum', values: ['A', 'B', 'C'] },
};
const directions: OrderDirection[] = ['AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'];

const row = fc.record({
  name: fc.constantFrom('alpha', 'beta', 'gamma', 'Delta', ''),
  score: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  due: fc.option(fc.constantFrom('2026-01-01', '2026-02-15', '2026-12-31'), { nil: null }),
  createdAt: fc.constantFrom('2026-11-23T10:00:00.000Z', '2026-11-23T10:00:00.123Z', '2026-11-24T00:00:00Z'),
  kind: fc.constantFrom('A', 'B', 'C'),
});
type RowValue = { name: string; score: number | null; due: string | null; createdAt: string; kind: string };
const orderBy = fc
  .uniqueArray(fc.constantFrom('name', 'score', 'due', 'createdAt', 'kind'), { minLength: 1, maxLength: 3 })
  .chain((fields) =>
    fc.tuple(...fields.map((f) => fc.constantFrom(...directions).map((d) => ({ [f]: d }) as Record<string, OrderDirection>))),
  );

describe('fetchIdPage (keyset pagination on real Postgres)', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
    await db.query(`CREATE TABLE item (
      workspace_id uuid NOT NULL, id uuid PRIMARY KEY, name text NOT NULL, score int, due date,
      created_at timestamptz NOT NULL, kind text NOT NULL)`);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function load(rows: Array<RowValue>, workspace: string) {
    await db.query('TRUNCATE item');
    for (const r of rows) {
      await db.query('INSERT INTO item VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        workspace,
        randomUUID(),
        r.name,
        r.score,
        r.due,
        r.createdAt,
        r.kind,
      ]);
    }
    // Rows of another workspace must never show.
    await db.query(`INSERT INTO item VALUES ($1, $2, 'zeta', 1, NULL, now(), 'A')`, [randomUUID(), randomUUID()]);
  }

  function query(workspace: string, order: OrderBy, page: PageQuery['page'], filter?: PageQuery['filter']): PageQuery {
    return {
      from: 'item i',
      columns,
      scope: { sql: 'i.workspace_id = $1', params: [workspace] },
      filter,
      orderBy: order,
      defaultOrder: [{ name: 'AscNullsLast' }],
      page,
    };
  }

  it('walks forward and backward through exactly the ORDER BY rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), orderBy, fc.integer({ min: 1, max: 7 }), async (rows, order, size) => {
        const workspace = randomUUID();
        await load(rows, workspace);
        const keys = resolveOrder(order, columns, []);
        const expected: string[] = (
          await db.query(`SELECT i.id FROM item i WHERE i.workspace_id = $1 ORDER BY ${orderSql(keys)}`, [workspace])
        ).map((r: { id: string }) => r.id);

        const forward: string[] = [];
        let after: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = await fetchIdPage(db, query(workspace, order, { first: size, after }));
          expect(page.totalCount).toBe(rows.length);
          forward.push(...page.ids);
          if (!page.hasNextPage) break;
          after = page.cursors[page.cursors.length - 1];
        }
        expect(forward).toEqual(expected);

        const backward: string[] = [];
        let before: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = await fetchIdPage(db, query(workspace, order, { last: size, before }));
          backward.unshift(...page.ids);
          if (!page.hasPreviousPage) break;
          before = page.cursors[0];
        }
        expect(backward).toEqual(expected);

        // Relay windows bounded by both cursors: first + before, last + after.
        if (expected.length >= 3) {
          const all = await fetchIdPage(db, query(workspace, order, { first: 200 }));
          const before = all.cursors[expected.length - 1];
          const head = await fetchIdPage(db, query(workspace, order, { first: 2, before }));
          expect(head.ids).toEqual(expected.slice(0, 2));
          const tail = await fetchIdPage(db, query(workspace, order, { last: 2, after: all.cursors[0] }));
          expect(tail.ids).toEqual(expected.slice(-2));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('filters with and / or / not and per-field operators like the equivalent SQL', async () => {
    const workspace = randomUUID();
    await load(
      [
        { name: 'alpha', score: 1, due: '2026-01-01', createdAt: '2026-11-23T10:00:00Z', kind: 'A' },
        { name: 'beta', score: null, due: null, createdAt: '2026-11-23T10:00:00Z', kind: 'B' },
        { name: 'Gamma', score: 3, due: '2026-12-31', createdAt: '2026-11-24T00:00:00Z', kind: 'C' },
        { name: 'delta', score: -2, due: '2026-02-15', createdAt: '2026-11-24T00:00:00Z', kind: 'A' },
      ],
      workspace,
    );
    const names = async (filter: PageQuery['filter']) => {
      const page = await fetchIdPage(db, query(workspace, [{ name: 'AscNullsLast' }], { first: 50 }, filter));
      const rows: Array<{ id: string; name: string }> = await db.query('SELECT id, name FROM item WHERE id = ANY($1::uuid[])', [page.ids]);
      expect(page.totalCount).toBe(page.ids.length);
      return page.ids.map((id) => rows.find((r) => r.id === id)!.name);
    };
    expect(await names({ score: { gte: 1 } })).toEqual(['Gamma', 'alpha']);
    expect(await names({ score: { is: 'NULL' } })).toEqual(['beta']);
    expect(await names({ or: [{ kind: { eq: 'C' } }, { due: { lt: '2026-02-01' } }] })).toEqual(['Gamma', 'alpha']);
    expect(await names({ not: { kind: { in: ['A', 'B'] } } })).toEqual(['Gamma']);
    expect(await names({ name: { ilike: 'g%' } })).toEqual(['Gamma']);
    expect(await names({ and: [{ kind: { eq: 'A' } }, { createdAt: { gt: '2026-11-23T12:00:00Z' } }] })).toEqual(['delta']);
    expect(await names({ score: { neq: 1 }, kind: { neq: 'C' } })).toEqual(['delta']);
  });
});
