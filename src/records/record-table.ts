import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { ColumnMap, ColumnType } from '../common/query/record-query';

/**
 * How one business object is stored: its table, its fields and their columns, and which
 * fields a client may filter, sort, set at creation and change. The generic record store
 * and GraphQL resolvers work from this, so every object gets the same list / get / create
 * / update / delete behaviour and the same errors.
 */
export interface FieldSpec {
  /** Column name in the table. */
  column: string;
  type: ColumnType;
  nullable?: boolean;
  values?: readonly string[];
  /** Filterable and sortable through the list query. */
  query?: boolean;
  /** Settable on create / update. */
  create?: boolean;
  update?: boolean;
  /** SQL cast applied on write (e.g. `text[]`). */
  cast?: string;
  /** A computed, read-only field: its SQL over the table alias instead of a column. */
  sql?: string;
  /** See ColumnSpec.sortAs: the field this one sorts by (over the alias), reversed or not. */
  sortAs?: { field: string; inverted: boolean };
}

/** The SQL of a field, over the table's alias. */
export function fieldSql(table: RecordTable, spec: FieldSpec): string {
  return spec.sql ?? `${table.alias}.${spec.column}`;
}

export interface RecordTable {
  /** Object name in messages and GraphQL ("Lease"). */
  name: string;
  table: string;
  alias: string;
  fields: Record<string, FieldSpec>;
  /**
   * Condition restricting rows to one landlord's, for LANDLORD keys; `$L` stands for the
   * landlord id parameter. Objects a landlord may not see at all say `FALSE`.
   */
  landlordScope: string;
  defaultOrder: Array<Record<string, 'AscNullsFirst' | 'AscNullsLast' | 'DescNullsFirst' | 'DescNullsLast'>>;
  /**
   * More columns a create or update writes, from who writes and what: e.g. a lease records
   * who set its scenario override, and when. Columns only, never a client's field.
   */
  writerColumns?: (actor: Actor, input: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Fields landlords never read (agents' call reports and notes), with the SQL they read
   * instead (`NULL`, `''`); a landlord cannot filter or sort on them either.
   */
  agentsOnly?: Record<string, string>;
}

/** Whether a landlord (key or extranet session) is asking. */
function isLandlord(actor: Actor | undefined): boolean {
  return actor?.role === 'LANDLORD';
}

/** The filter / order column map of a table (fields marked `query`, plus id) for `actor`. */
export function columnMapOf(table: RecordTable, actor?: Actor): ColumnMap {
  const map: ColumnMap = {};
  const hidden = isLandlord(actor) ? (table.agentsOnly ?? {}) : {};
  for (const [field, spec] of Object.entries(table.fields)) {
    if ((spec.query || field === 'id') && !(field in hidden)) {
      const sortField = spec.sortAs && table.fields[spec.sortAs.field];
      map[field] = {
        sql: fieldSql(table, spec),
        type: spec.type,
        nullable: spec.nullable,
        values: spec.values,
        sortAs: sortField && {
          sql: fieldSql(table, sortField),
          type: sortField.type,
          nullable: sortField.nullable,
          inverted: spec.sortAs!.inverted,
        },
      };
    }
  }
  return map;
}

/** `to_char` for dates so they leave Postgres as "YYYY-MM-DD" strings, not JS Dates. */
export function selectListOf(table: RecordTable, actor?: Actor): string {
  const hidden = isLandlord(actor) ? (table.agentsOnly ?? {}) : {};
  return Object.entries(table.fields)
    .map(([field, spec]) => {
      if (field in hidden) return `${hidden[field]} AS "${field}"`;
      const column = fieldSql(table, spec);
      if (spec.type === 'date') return `to_char(${column}, 'YYYY-MM-DD') AS "${field}"`;
      if (spec.type === 'timestamp') return `to_json(${column}) #>> '{}' AS "${field}"`;
      if (spec.type === 'int') return `${column}::float8 AS "${field}"`;
      return `${column} AS "${field}"`;
    })
    .join(', ');
}

/**
 * Turns a Postgres constraint error into a client error naming the field, so a bad
 * reference or a duplicate never surfaces as an internal error.
 */
export function constraintError(error: unknown, table: RecordTable, path: string): RelanceError | undefined {
  const pg = error as { code?: string; detail?: string; constraint?: string; column?: string };
  if (!pg || typeof pg.code !== 'string') return undefined;
  const columnToField = new Map(Object.entries(table.fields).map(([field, spec]) => [spec.column, field]));
  const columns = /Key \(([^)]*)\)/.exec(pg.detail ?? '')?.[1]?.split(', ') ?? [];
  const field = columns.map((c) => columnToField.get(c)).find((f) => f && f !== 'id');
  const at = field ? `${path}.${field}` : path;
  switch (pg.code) {
    case '23503':
      return pg.detail?.includes('is still referenced')
        ? new RelanceError('CONFLICT', `${table.name} is still referenced by other records`, { field: path })
        : new RelanceError('BAD_USER_INPUT', `${at} does not name a record of this workspace`, { field: at });
    case '23505':
      return new RelanceError('CONFLICT', `${at} is already used by another ${table.name}`, { field: at });
    case '23502': {
      const missing = pg.column ? columnToField.get(pg.column) : undefined;
      const where = missing ? `${path}.${missing}` : path;
      return new RelanceError('BAD_USER_INPUT', `${where} is required`, { field: where });
    }
    case '23514':
      return new RelanceError('BAD_USER_INPUT', `${path} breaks rule ${pg.constraint ?? 'check'}`, { field: path });
    case '22001':
      return new RelanceError('BAD_USER_INPUT', `${path} holds a value too long for its field`, { field: path });
    case '22003':
      return new RelanceError('BAD_USER_INPUT', `${path} holds a number out of range`, { field: path });
    case '22P02':
    case '22007':
    case '22008':
      return new RelanceError('BAD_USER_INPUT', `${path} holds a malformed value`, { field: path });
    default:
      return undefined;
  }
}
