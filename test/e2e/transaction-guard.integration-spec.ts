import { DataSource } from 'typeorm';
import { buildDataSourceOptions, POOL_WAIT_TIMEOUT_MS } from '../../src/database/database-options';
import { refuseSecondConnectionInTransactions, SecondConnectionError } from '../../src/database/transaction-guard';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The safety net under issue 10: code that holds a transaction and asks the pool for a
 * second connection fails at once, on any pool size, instead of starving a busy pool.
 */
describe('no second pooled connection inside a transaction (real Postgres)', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = refuseSecondConnectionInTransactions(
      await new DataSource(buildDataSourceOptions({ url: database.url }, { poolSize: 2 })).initialize(),
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it("runs the transaction's own queries on its connection, and refuses the DataSource's", async () => {
    await expect(db.transaction(async (manager) => (await manager.query('SELECT 1 AS one'))[0].one)).resolves.toBe(1);
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toBeInstanceOf(SecondConnectionError);
    await expect(db.transaction(() => db.manager.query('SELECT 1'))).rejects.toBeInstanceOf(SecondConnectionError);
    await expect(db.transaction(() => db.transaction(() => Promise.resolve()))).rejects.toBeInstanceOf(SecondConnectionError);
    await expect(db.transaction('SERIALIZABLE', () => db.query('SELECT 1'))).rejects.toBeInstanceOf(SecondConnectionError);
    // Refused later in the callback too, after awaits and timers.
    await expect(
      db.transaction(async (manager) => {
        await manager.query('SELECT 1');
        await new Promise((resolve) => setTimeout(resolve, 10));
        return db.query('SELECT 1');
      }),
    ).rejects.toBeInstanceOf(SecondConnectionError);
  });

  it('leaves queries outside transactions alone, also right after one, and rolls a refused one back', async () => {
    await db.query('CREATE TABLE guard_probe (n int)');
    await expect(
      db.transaction(async (manager) => {
        await manager.query('INSERT INTO guard_probe VALUES (1)');
        await db.query('SELECT 1');
      }),
    ).rejects.toBeInstanceOf(SecondConnectionError);
    await db.transaction(async (manager) => manager.query('INSERT INTO guard_probe VALUES (2)'));
    expect(await db.query('SELECT n FROM guard_probe ORDER BY n')).toEqual([{ n: 2 }]);
    expect(await Promise.all([1, 2, 3, 4].map((n) => db.query('SELECT $1::int AS n', [n])))).toEqual([1, 2, 3, 4].map((n) => [{ n }]));
  });

  it(
    'fails a query that finds the pool full after a bounded wait, instead of waiting forever',
    async () => {
      const runners = [db.createQueryRunner(), db.createQueryRunner()];
      await Promise.all(runners.map((r) => r.connect()));
      try {
        const started = Date.now();
        await expect(db.query('SELECT 1')).rejects.toThrow(/timeout/i);
        expect(Date.now() - started).toBeGreaterThanOrEqual(POOL_WAIT_TIMEOUT_MS - 100);
      } finally {
        await Promise.all(runners.map((r) => r.release()));
      }
    },
    POOL_WAIT_TIMEOUT_MS + 30_000,
  );
});
