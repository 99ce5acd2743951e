import { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { buildDataSourceOptions } from '../../src/database/database-options';
import { runMigrationsLocked } from '../../src/database/database.module';
import { RELANCE_ENTITIES } from '../../src/database/entities';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The migrations are hand-written and each table is declared once, as a TypeORM entity:
 * this holds the two together on a database migrated from scratch, so neither can drift.
 * Columns (name, type, length, nullability) must match both ways; every index or unique
 * constraint an entity declares (the code relies on it: ON CONFLICT targets, list orders)
 * must exist with the same columns; every table of the database has its entity.
 */
describe('entity declarations against the migrated database', () => {
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

  /** The declared type as information_schema spells it. */
  const SQL_NAMES: Record<string, string> = {
    varchar: 'character varying',
    char: 'character',
    int: 'integer',
    timestamptz: 'timestamp with time zone',
  };
  const declaredType = (c: ColumnMetadata) => {
    const type = String(c.type);
    const base = SQL_NAMES[type] ?? type;
    const length = c.length ? `(${c.length})` : '';
    return c.isArray ? `${base}${length}[]` : `${base}${length}`;
  };

  interface DbColumn {
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    character_maximum_length: number | null;
    is_nullable: 'YES' | 'NO';
  }
  const actualType = (c: DbColumn) => {
    const length = c.character_maximum_length ? `(${c.character_maximum_length})` : '';
    if (c.data_type === 'ARRAY') {
      const element = c.udt_name.replace(/^_/, '');
      return `${{ varchar: 'character varying', bpchar: 'character', int4: 'integer' }[element] ?? element}[]`;
    }
    return `${c.data_type}${length}`;
  };

  const columnsOf = async (): Promise<Map<string, DbColumn[]>> => {
    const rows: DbColumn[] = await db.query(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, is_nullable
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
       ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, DbColumn[]>();
    for (const row of rows) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row]);
    return byTable;
  };

  it('declares every table of the database exactly once', async () => {
    const tables = [...(await columnsOf()).keys()].sort();
    const declared = db.entityMetadatas.map((m) => m.tableName).sort();
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared).toEqual(tables);
    expect(RELANCE_ENTITIES.length).toBe(declared.length);
  });

  it('declares each column with its database type, length and nullability, and no column the table lacks', async () => {
    const columns = await columnsOf();
    const drift: string[] = [];
    for (const entity of db.entityMetadatas) {
      const actual = new Map((columns.get(entity.tableName) ?? []).map((c) => [c.column_name, c]));
      for (const c of entity.columns) {
        const found = actual.get(c.databaseName);
        const name = `${entity.tableName}.${c.databaseName}`;
        if (!found) {
          drift.push(`${name}: declared by ${entity.name}.${c.propertyName}, missing in the database`);
          continue;
        }
        actual.delete(c.databaseName);
        if (declaredType(c) !== actualType(found)) drift.push(`${name}: declared ${declaredType(c)}, database has ${actualType(found)}`);
        if (c.isNullable !== (found.is_nullable === 'YES')) {
          drift.push(
            `${name}: declared ${c.isNullable ? 'nullable' : 'NOT NULL'}, database has ${found.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'}`,
          );
        }
      }
      for (const missing of actual.keys()) drift.push(`${entity.tableName}.${missing}: in the database, not declared by ${entity.name}`);
    }
    expect(drift).toEqual([]);
  });

  it('finds every index and unique key an entity declares, on the same columns', async () => {
    const indexes: Array<{ table: string; unique: boolean; columns: string[] }> = (
      await db.query(
        `SELECT t.relname AS table, ix.indisunique AS unique,
                array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
         GROUP BY ix.indexrelid, t.relname, ix.indisunique`,
      )
    ).map((r: { table: string; unique: boolean; columns: string[] | string }) => ({
      ...r,
      // node-postgres returns text[] as an array; the embedded driver may give '{a,b}'.
      columns: Array.isArray(r.columns) ? r.columns : r.columns.replace(/^\{|\}$/g, '').split(','),
    }));
    const missing: string[] = [];
    for (const entity of db.entityMetadatas) {
      const declared = [
        ...entity.indices.map((i) => ({ unique: i.isUnique, columns: i.columns.map((c) => c.databaseName) })),
        ...entity.uniques.map((u) => ({ unique: true, columns: u.columns.map((c) => c.databaseName) })),
      ];
      for (const want of declared) {
        const found = indexes.some(
          (i) => i.table === entity.tableName && i.unique === want.unique && i.columns.join(',') === want.columns.join(','),
        );
        if (!found) missing.push(`${entity.tableName} (${want.columns.join(', ')})${want.unique ? ' unique' : ''}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
