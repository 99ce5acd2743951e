import { getMetadataArgsStorage } from 'typeorm';
import type { ColumnType } from '../common/query/record-query';
import type { FieldSpec, RecordTable } from './record-table';

/** One column of an entity, as its TypeORM declaration states it. */
export interface DeclaredColumn {
  property: string;
  column: string;
  /** The SQL type as declared (`varchar`, `integer`, `timestamptz`…). */
  sqlType: string;
  nullable: boolean;
  array: boolean;
  length?: number;
  /** The allowed values, for a column declared with `enum` (a CHECK in the migration). */
  values?: readonly string[];
}

const SQL_TO_FIELD: Record<string, ColumnType> = {
  uuid: 'uuid',
  text: 'string',
  varchar: 'string',
  char: 'string',
  citext: 'string',
  integer: 'int',
  smallint: 'int',
  bigint: 'int',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp',
};

/** An entity class (or a base class its columns are declared on). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass = abstract new (...args: any[]) => unknown;

/** The entity and its ancestors: columns declared on a shared base class (addresses, stamps) count. */
function prototypeChain(entity: EntityClass): EntityClass[] {
  const chain: EntityClass[] = [];
  for (
    let c: EntityClass | null = entity;
    c && (c as unknown) !== Function.prototype && (c as unknown) !== Object;
    c = Object.getPrototypeOf(c)
  ) {
    chain.push(c);
  }
  return chain;
}

/** The columns an entity class declares (its own and its base classes'), in declaration order. */
export function declaredColumns(entity: EntityClass): DeclaredColumn[] {
  const seen = new Set<string>();
  const columns: DeclaredColumn[] = [];
  // Base classes first, so an entity's own declaration of a property wins (and keeps its place).
  for (const target of prototypeChain(entity).reverse()) {
    for (const arg of getMetadataArgsStorage().filterColumns(target)) {
      const options = arg.options;
      const column = options.name ?? arg.propertyName;
      const declared: DeclaredColumn = {
        property: arg.propertyName,
        column,
        sqlType: String(options.type ?? ''),
        nullable: Boolean(options.nullable),
        array: Boolean(options.array),
        ...(options.length !== undefined ? { length: Number(options.length) } : {}),
        ...(Array.isArray(options.enum) ? { values: options.enum as readonly string[] } : {}),
      };
      if (seen.has(arg.propertyName))
        columns.splice(
          columns.findIndex((c) => c.property === arg.propertyName),
          1,
          declared,
        );
      else columns.push(declared);
      seen.add(arg.propertyName);
    }
  }
  return columns;
}

/** The table name an entity is declared on. */
export function declaredTable(entity: EntityClass): string {
  const table = getMetadataArgsStorage().filterTables(entity)[0];
  if (!table?.name) throw new Error(`${entity.name} is not declared with @Entity('<table>')`);
  return table.name;
}

/** What the generic record API may do with one field of an entity. */
export interface RecordFieldAccess {
  /** Filterable and sortable. */
  query?: boolean;
  create?: boolean;
  update?: boolean;
  /** Sort by another field instead (see FieldSpec.sortAs). */
  sortAs?: FieldSpec['sortAs'];
}

export interface RecordEntityOptions<T> {
  /** GraphQL object name ("Lease"); the entity's class name by default. */
  name?: string;
  alias: string;
  landlordScope: string;
  defaultOrder: RecordTable['defaultOrder'];
  /** Access per field; a column not listed is read-only and not filterable. */
  fields: Partial<Record<Extract<keyof T, string>, RecordFieldAccess>>;
  /** Columns the API never shows (the workspace, idempotency keys, internal payloads). */
  internal?: Array<Extract<keyof T, string>>;
  /** Read-only fields computed in SQL over the alias (days late from a stored date…). */
  computed?: Record<string, FieldSpec>;
  writerColumns?: RecordTable['writerColumns'];
  /** Fields landlords never read, with the SQL they read instead (see RecordTable.agentsOnly). */
  agentsOnly?: Partial<Record<Extract<keyof T, string>, string>>;
}

/**
 * The generic record API's view of an entity: its table, and each field's column, type,
 * nullability and allowed values taken from the entity's TypeORM declaration — the one
 * place they are written. Only the API's own choices (what may be filtered, set, changed)
 * are stated here.
 */
export function recordTableOf<T>(entity: new () => T, options: RecordEntityOptions<T>): RecordTable {
  const internal = new Set<string>(['workspaceId', ...(options.internal ?? [])]);
  const access = options.fields as Record<string, RecordFieldAccess | undefined>;
  const fields: Record<string, FieldSpec> = {};
  const columns = declaredColumns(entity);
  for (const name of Object.keys(access)) {
    if (!columns.some((c) => c.property === name)) throw new Error(`${entity.name}.${name} is not a declared column`);
  }
  for (const c of columns) {
    if (internal.has(c.property)) continue;
    // Arrays are written whole (cast on write) and not filtered.
    const type: ColumnType | undefined = c.array ? 'string' : c.values ? 'enum' : SQL_TO_FIELD[c.sqlType];
    if (!type) throw new Error(`${entity.name}.${c.property}: no record field type for SQL type ${c.sqlType}`);
    const a = access[c.property] ?? {};
    fields[c.property] = {
      column: c.column,
      type,
      ...(c.nullable ? { nullable: true } : {}),
      ...(c.values && !c.array ? { values: c.values } : {}),
      ...(c.array ? { cast: `${c.sqlType}[]` } : {}),
      ...(a.query ? { query: true } : {}),
      ...(a.create ? { create: true } : {}),
      ...(a.update ? { update: true } : {}),
      ...(a.sortAs ? { sortAs: a.sortAs } : {}),
    };
  }
  Object.assign(fields, options.computed ?? {});
  return {
    name: options.name ?? entity.name,
    table: declaredTable(entity),
    alias: options.alias,
    landlordScope: options.landlordScope,
    defaultOrder: options.defaultOrder,
    fields,
    ...(options.writerColumns ? { writerColumns: options.writerColumns } : {}),
    ...(options.agentsOnly ? { agentsOnly: options.agentsOnly as Record<string, string> } : {}),
  };
}
