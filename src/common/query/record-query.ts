import { isIsoDate } from '../../domain/calendar-date';
import { RelanceError } from '../relance.error';

/**
 * Twenty-style filters, ordering and cursor pagination, compiled to parameterised SQL.
 * One implementation for every object: services describe their columns and this turns a
 * client's `filter` / `orderBy` / `first` / `after` / `last` / `before` into a WHERE clause,
 * an ORDER BY and a keyset condition. No string from the client ever reaches the SQL
 * text: field names are looked up in the object's column map, values become parameters.
 */

export type ColumnType = 'string' | 'int' | 'date' | 'timestamp' | 'boolean' | 'uuid' | 'enum';

export interface ColumnSpec {
  /** SQL expression (a column, or a computed expression over the row alias). */
  sql: string;
  type: ColumnType;
  /** Whether the column may be NULL (drives keyset comparisons). */
  nullable?: boolean;
  /** The allowed values of an `enum` column. */
  values?: readonly string[];
  /**
   * Sort by another, indexable column instead, in the opposite direction when `inverted`
   * (days late, computed from today, sorts as the oldest unpaid due date reversed).
   */
  sortAs?: { sql: string; type: ColumnType; nullable?: boolean; inverted: boolean };
}

export type ColumnMap = Record<string, ColumnSpec>;

export type OrderDirection = 'AscNullsFirst' | 'AscNullsLast' | 'DescNullsFirst' | 'DescNullsLast';

export type NullCheck = 'NULL' | 'NOT_NULL';

export interface FieldFilter {
  eq?: unknown;
  neq?: unknown;
  in?: unknown[];
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  like?: string;
  ilike?: string;
  is?: NullCheck;
}

/** `{ and, or, not, <field>: FieldFilter }`, nested at will. */
export interface RecordFilter {
  and?: RecordFilter[];
  or?: RecordFilter[];
  not?: RecordFilter;
  [field: string]: FieldFilter | RecordFilter | RecordFilter[] | undefined;
}

export type OrderBy = Array<Record<string, OrderDirection | undefined>>;

export interface PageRequest {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

/** Collects positional parameters ($1, $2, …) as SQL is built. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly offset = 0) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

const COMPARISONS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const ORDERED_TYPES: ColumnType[] = ['string', 'int', 'date', 'timestamp', 'uuid', 'enum'];
/** Array casts for `= ANY($n)`, so that Postgres knows the element type of the parameter. */
const ARRAY_TYPES: Record<ColumnType, string> = {
  string: 'text[]',
  int: 'bigint[]',
  date: 'date[]',
  timestamp: 'timestamptz[]',
  boolean: 'boolean[]',
  uuid: 'uuid[]',
  enum: 'text[]',
};
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 60;

function badInput(field: string, message: string): RelanceError {
  return new RelanceError('BAD_USER_INPUT', message, { field });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `value` does not fit the column, or undefined when it does. */
function typeProblem(column: ColumnSpec, value: unknown): string | undefined {
  switch (column.type) {
    case 'string':
      return typeof value === 'string' && value.length <= 1000 ? undefined : 'a text of at most 1000 characters';
    case 'int':
      return Number.isSafeInteger(value) ? undefined : 'a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? undefined : 'a UUID';
    case 'date':
      return isIsoDate(value) ? undefined : 'a date as YYYY-MM-DD';
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'an ISO 8601 date-time with a time zone';
    case 'enum':
      return typeof value === 'string' && (column.values ?? []).includes(value) ? undefined : `one of ${(column.values ?? []).join(', ')}`;
  }
}

function parameter(column: ColumnSpec, value: unknown, where: string, params: SqlParams): string {
  const problem = typeProblem(column, value);
  if (problem) throw badInput(where, `${where} must be ${problem}`);
  return params.add(value);
}

function compileField(column: ColumnSpec, filter: FieldFilter, path: string, params: SqlParams): string[] {
  const parts: string[] = [];
  for (const [operator, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const where = `${path}.${operator}`;
    if (operator in COMPARISONS) {
      if (value === null) throw badInput(where, `${where} cannot be null: use "is: NULL"`);
      if (operator !== 'eq' && operator !== 'neq' && !ORDERED_TYPES.includes(column.type)) {
        throw badInput(where, `${where} is not available on a ${column.type} field`);
      }
      parts.push(`${column.sql} ${COMPARISONS[operator]} ${parameter(column, value, where, params)}`);
    } else if (operator === 'in') {
      if (!Array.isArray(value) || value.length === 0) throw badInput(where, `${where} needs at least one value`);
      if (value.length > 1000) throw badInput(where, `${where} takes at most 1000 values`);
      value.forEach((item, i) => {
        const problem = typeProblem(column, item);
        if (problem) throw badInput(`${where}[${i}]`, `${where}[${i}] must be ${problem}`);
      });
      parts.push(`${column.sql} = ANY(${params.add(value)}::${ARRAY_TYPES[column.type]})`);
    } else if (operator === 'like' || operator === 'ilike') {
      if (column.type !== 'string') throw badInput(where, `${where} is only available on text fields`);
      parts.push(`${column.sql} ${operator === 'like' ? 'LIKE' : 'ILIKE'} ${parameter(column, value, where, params)}`);
    } else if (operator === 'is') {
      if (value !== 'NULL' && value !== 'NOT_NULL') throw badInput(where, `${where} must be NULL or NOT_NULL`);
      parts.push(`${column.sql} IS ${value === 'NULL' ? 'NULL' : 'NOT NULL'}`);
    } else {
      throw badInput(where, `unknown operator ${where}`);
    }
  }
  return parts;
}

/**
 * Compiles a filter to a SQL condition (`TRUE` when empty).
 *
 * @example
 * compileFilter({ or: [{ kind: { eq: 'COMMERCIAL' } }, { monthlyRentCents: { gte: 100000 } }] }, columns, params)
 */
export function compileFilter(filter: RecordFilter | undefined, columns: ColumnMap, params: SqlParams, path = 'filter'): string {
  if (!filter) return 'TRUE';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (key === 'and' || key === 'or') {
      const list = value as RecordFilter[];
      if (!Array.isArray(list)) throw badInput(`${path}.${key}`, `${path}.${key} must be a list`);
      if (list.length === 0) continue;
      const compiled = list.map((f, i) => `(${compileFilter(f, columns, params, `${path}.${key}[${i}]`)})`);
      parts.push(`(${compiled.join(key === 'and' ? ' AND ' : ' OR ')})`);
    } else if (key === 'not') {
      parts.push(`NOT (${compileFilter(value as RecordFilter, columns, params, `${path}.not`)})`);
    } else {
      const column = columns[key];
      if (!column) throw badInput(`${path}.${key}`, `unknown filter field ${path}.${key}`);
      parts.push(...compileField(column, value as FieldFilter, `${path}.${key}`, params));
    }
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** One resolved sort key: a column, its direction and where NULLs go. */
export interface SortKey {
  field: string;
  column: ColumnSpec;
  descending: boolean;
  nullsFirst: boolean;
}

/**
 * Resolves `orderBy` into sort keys, always ending with `id` ascending so that the order
 * is total and cursors are stable.
 */
export function resolveOrder(orderBy: OrderBy | undefined, columns: ColumnMap, defaultOrder: OrderBy): SortKey[] {
  const keys: SortKey[] = [];
  const list = orderBy && orderBy.length > 0 ? orderBy : defaultOrder;
  list.forEach((entry, index) => {
    const fields = Object.entries(entry).filter(([, direction]) => direction !== undefined);
    if (fields.length !== 1) {
      throw badInput(`orderBy[${index}]`, `orderBy[${index}] must name exactly one field`);
    }
    const [field, direction] = fields[0] as [string, OrderDirection];
    const column = columns[field];
    if (!column) throw badInput(`orderBy[${index}].${field}`, `cannot order by ${field}`);
    if (keys.some((k) => k.field === field)) throw badInput(`orderBy[${index}].${field}`, `${field} is ordered twice`);
    const descending = direction.startsWith('Desc');
    if (column.sortAs) {
      // The stand-in column's NULLs mean the lowest value of this field (no day late), so
      // they go where the lowest values go, whatever the Nulls part asked for.
      keys.push({
        field,
        column: { sql: column.sortAs.sql, type: column.sortAs.type, nullable: column.sortAs.nullable },
        descending: column.sortAs.inverted ? !descending : descending,
        nullsFirst: column.sortAs.inverted ? !descending : descending,
      });
    } else {
      keys.push({ field, column, descending, nullsFirst: direction.endsWith('NullsFirst') });
    }
  });
  if (!keys.some((k) => k.field === 'id')) {
    const id = columns.id;
    if (!id) throw new Error('every column map needs an id');
    keys.push({ field: 'id', column: id, descending: false, nullsFirst: false });
  }
  return keys;
}

export function orderSql(keys: SortKey[], reverse = false): string {
  return keys
    .map((k) => {
      const descending = k.descending !== reverse;
      const nullsFirst = k.nullsFirst !== reverse;
      return `${k.column.sql} ${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
    })
    .join(', ');
}

/** A cursor is the row's sort values, opaque to clients (base64url JSON). */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks each value against its sort key, so a forged one fails cleanly. */
export function decodeCursor(cursor: string, keys: SortKey[], field: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const fits =
    Array.isArray(values) &&
    values.length === keys.length &&
    values.every((v, i) => (v === null ? keys[i].column.nullable === true : !typeProblem(keys[i].column, v)));
  if (!fits) throw badInput(field, `${field} is not a cursor of this list and order`);
  return values as unknown[];
}

/**
 * SQL selecting a row's cursor values as one JSON array. `to_json` gives dates as
 * "YYYY-MM-DD" and timestamps in ISO 8601, the forms filters and cursors accept.
 */
export function cursorSql(keys: SortKey[]): string {
  return `json_build_array(${keys.map((k) => `to_json(${k.column.sql})`).join(', ')})`;
}

/** `column` strictly after `value` in the key's order (NULLs placed as the key says). */
function after(key: SortKey, value: unknown, params: SqlParams): string {
  const op = key.descending ? '<' : '>';
  if (value === null) return key.nullsFirst ? `${key.column.sql} IS NOT NULL` : 'FALSE';
  const compared = `${key.column.sql} ${op} ${params.add(value)}`;
  return key.nullsFirst ? compared : `(${compared} OR ${key.column.sql} IS NULL)`;
}

function equal(key: SortKey, value: unknown, params: SqlParams): string {
  return value === null ? `${key.column.sql} IS NULL` : `${key.column.sql} = ${params.add(value)}`;
}

/**
 * The keyset condition selecting rows strictly after (or, with `reverse`, before) the row
 * whose sort values are `values`: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …
 */
export function keysetCondition(keys: SortKey[], values: unknown[], params: SqlParams, reverse = false): string {
  const flipped = reverse ? keys.map((k) => ({ ...k, descending: !k.descending, nullsFirst: !k.nullsFirst })) : keys;
  const alternatives = flipped.map((key, i) => {
    const prefix = flipped.slice(0, i).map((k, j) => equal(k, values[j], params));
    return `(${[...prefix, after(key, values[i], params)].join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}

/** Validates the page arguments; returns how many rows to fetch and in which direction. */
export function resolvePage(page: PageRequest): { limit: number; backward: boolean } {
  if (page.first !== undefined && page.last !== undefined) {
    throw badInput('first', 'pass either first or last, not both');
  }
  for (const field of ['first', 'last'] as const) {
    const value = page[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(field, `${field} must be an integer from 0 to ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = page.last !== undefined || (page.before !== undefined && page.first === undefined);
  return { limit: page.first ?? page.last ?? DEFAULT_PAGE_SIZE, backward };
}
