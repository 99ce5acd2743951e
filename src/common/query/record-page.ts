import type { DataSource, EntityManager } from 'typeorm';
import {
  ColumnMap,
  compileFilter,
  cursorSql,
  decodeCursor,
  encodeCursor,
  keysetCondition,
  OrderBy,
  orderSql,
  PageRequest,
  RecordFilter,
  resolveOrder,
  resolvePage,
  SqlParams,
} from './record-query';

/** A Relay page of ids, with the rows themselves when the query named a select list. */
export interface IdPage<R = { id: string }> {
  ids: string[];
  /** The page's rows in order: their `select` columns, or only `id`. */
  rows: R[];
  cursors: string[];
  /** Records matching the filter, all pages together; undefined when the query said `count: false`. */
  totalCount: number | undefined;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PageQuery {
  /** `table alias`, e.g. `lease l`; the column map's SQL uses the alias. */
  from: string;
  columns: ColumnMap;
  /** Scope every client filter is ANDed with (workspace, landlord): built by the service. */
  scope: { sql: string; params: unknown[] };
  filter?: RecordFilter;
  orderBy?: OrderBy;
  defaultOrder: OrderBy;
  page: PageRequest;
  /** Run the `count(*)` too (true by default); the record API asks for it only when `totalCount` is selected. */
  count?: boolean;
  /** The SELECT list of the rows to return with the page (in the same statement); only the id when absent. */
  select?: string;
}

/** Records matching the query's scope and filter, all pages together. */
export async function countRows(
  db: DataSource | EntityManager,
  query: Omit<PageQuery, 'page' | 'orderBy' | 'defaultOrder'>,
): Promise<number> {
  const params = new SqlParams(query.scope.params.length);
  const where = `(${query.scope.sql}) AND (${compileFilter(query.filter, query.columns, params)})`;
  const counted: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM ${query.from} WHERE ${where}`, [
    ...query.scope.params,
    ...params.values,
  ]);
  return counted[0].n;
}

/**
 * Runs one Twenty-style list query: filter, order, keyset page and total count. Returns
 * ids in order with their cursors; `hasNextPage` / `hasPreviousPage` follow the Relay
 * spec (each is known for the direction paged, and false otherwise unless a cursor was given).
 */
export async function fetchIdPage<R extends { id: string } = { id: string }>(
  db: DataSource | EntityManager,
  query: PageQuery,
): Promise<IdPage<R>> {
  const keys = resolveOrder(query.orderBy, query.columns, query.defaultOrder);
  const { limit, backward } = resolvePage(query.page);
  const params = new SqlParams(query.scope.params.length);
  const where = [`(${query.scope.sql})`, `(${compileFilter(query.filter, query.columns, params)})`];
  const countWhere = where.join(' AND ');
  const countParams = [...query.scope.params, ...params.values];
  // Both cursors bound the window whatever the direction (Relay: first+before, last+after).
  if (query.page.after) where.push(keysetCondition(keys, decodeCursor(query.page.after, keys, 'after'), params, false));
  if (query.page.before) where.push(keysetCondition(keys, decodeCursor(query.page.before, keys, 'before'), params, true));
  const idColumn = query.columns.id.sql;
  // A select list names the id column "id" too (the column map's own alias).
  const select = query.select ?? `${idColumn} AS id`;
  const sql =
    `SELECT ${select}, ${cursorSql(keys)} AS __cursor FROM ${query.from} ` +
    `WHERE ${where.join(' AND ')} ORDER BY ${orderSql(keys, backward)} LIMIT ${limit + 1}`;
  const [rows, counted] = await Promise.all([
    db.query(sql, [...query.scope.params, ...params.values]) as Promise<Array<R & { __cursor: unknown[] }>>,
    query.count === false
      ? undefined
      : (db.query(`SELECT count(*)::int AS n FROM ${query.from} WHERE ${countWhere}`, countParams) as Promise<Array<{ n: number }>>),
  ]);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const cursors = page.map((r) => encodeCursor(r.__cursor));
  for (const row of page) delete (row as Partial<typeof row>).__cursor;
  return {
    ids: page.map((r) => r.id),
    rows: page,
    cursors,
    totalCount: counted?.[0].n,
    hasNextPage: backward ? Boolean(query.page.before) : more,
    hasPreviousPage: backward ? more : Boolean(query.page.after),
  };
}
