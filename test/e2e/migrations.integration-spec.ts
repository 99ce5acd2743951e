import { DataSource } from 'typeorm';
import { RELANCE_MIGRATIONS } from '../../migrations';
import { buildDataSourceOptions } from '../../src/database/database-options';
import { runMigrationsLocked } from '../../src/database/database.module';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Every migration applies on an empty database, reverts cleanly, and applies again. */
describe('migrations on real Postgres', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions({ url: database.url }));
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const tables = async () =>
    (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map(
      (r: { tablename: string }) => r.tablename,
    );

  it('applies all, reverts all, applies all again', async () => {
    expect(await runMigrationsLocked(db)).toEqual(RELANCE_MIGRATIONS.map((m) => new m().name));
    const created = await tables();
    expect(created).toEqual(expect.arrayContaining(['workspace', 'api_key', 'lease', 'payment', 'allocation', 'debt', 'debt_event']));
    for (let i = 0; i < RELANCE_MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    expect(await runMigrationsLocked(db)).toHaveLength(RELANCE_MIGRATIONS.length);
    expect(await tables()).toEqual(created);
  });

  it('runs concurrent start-ups one at a time', async () => {
    const fresh = await createTestDatabase();
    const sources = [1, 2, 3].map(() => new DataSource(buildDataSourceOptions({ url: fresh.url })));
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, RELANCE_MIGRATIONS.length]);
    } finally {
      await Promise.all(sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
      await fresh.drop();
    }
  });
});
