import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Server-level URL the tests create their databases through. The project's machines run
 * Postgres on 127.0.0.1:5432 with trust auth; override with TEST_DATABASE_ADMIN_URL.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs one query on the test database with a short-lived connection. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file; `drop()` removes it even with open connections. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `relance_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    query: (sql, params) => withClient(url.toString(), async (client) => (await client.query(sql, params)).rows),
    drop: () => withClient(ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
