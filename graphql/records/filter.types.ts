import { Type } from '@nestjs/common';
import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ColumnType, NullCheck, OrderDirection } from '../../src/common/query/record-query';
import { FieldSpec, RecordTable } from '../../src/records/record-table';
import { enumOfList } from '../enums';

export const NullCheckEnum: { [K in NullCheck]: K } = { NULL: 'NULL', NOT_NULL: 'NOT_NULL' };
registerEnumType(NullCheckEnum, { name: 'FilterIs' });

export const OrderByDirectionEnum: { [K in OrderDirection]: K } = {
  AscNullsFirst: 'AscNullsFirst',
  AscNullsLast: 'AscNullsLast',
  DescNullsFirst: 'DescNullsFirst',
  DescNullsLast: 'DescNullsLast',
};
registerEnumType(OrderByDirectionEnum, { name: 'OrderByDirection' });

/** One filter input type per scalar kind: the operators that make sense for it. */
function scalarFilter(name: string, scalar: () => unknown, ordered: boolean, text: boolean): Type<unknown> {
  @InputType(name)
  class ScalarFilter {}
  const operators = ['eq', 'neq', ...(ordered ? ['gt', 'gte', 'lt', 'lte'] : [])];
  for (const op of operators) Field(scalar as () => Type<unknown>, { nullable: true })(ScalarFilter.prototype, op);
  Field(() => [scalar()] as unknown as Type<unknown>[], { nullable: true })(ScalarFilter.prototype, 'in');
  if (text) {
    Field(() => String, { nullable: true, description: 'SQL LIKE pattern (% and _)' })(ScalarFilter.prototype, 'like');
    Field(() => String, { nullable: true, description: 'Case-insensitive LIKE' })(ScalarFilter.prototype, 'ilike');
  }
  Field(() => NullCheckEnum, { nullable: true })(ScalarFilter.prototype, 'is');
  return ScalarFilter;
}

const FILTERS: Record<Exclude<ColumnType, 'enum'>, Type<unknown>> = {
  string: scalarFilter('StringFilter', () => String, true, true),
  int: scalarFilter('IntFilter', () => Int, true, false),
  date: scalarFilter('DateFilter', () => String, true, false),
  timestamp: scalarFilter('DateTimeFilter', () => String, true, false),
  boolean: scalarFilter('BooleanFilter', () => Boolean, false, false),
  uuid: scalarFilter('UUIDFilter', () => String, false, false),
};

const ENUM_FILTERS = new Map<string, Type<unknown>>();

/** `<Enum>Filter { eq neq in is }` of a registered enum, one per enum whichever tables use it. */
function enumFilter(table: RecordTable, field: string, spec: FieldSpec): Type<unknown> {
  const registered = spec.values && enumOfList(spec.values);
  if (!registered) {
    throw new Error(`${table.name}.${field} is an enum field whose list is not registered as a GraphQL enum (graphql/enums.ts)`);
  }
  let filter = ENUM_FILTERS.get(registered.name);
  if (!filter) {
    @InputType(`${registered.name}Filter`)
    class EnumFilter {}
    for (const op of ['eq', 'neq']) Field(() => registered.enum, { nullable: true })(EnumFilter.prototype, op);
    Field(() => [registered.enum], { nullable: true })(EnumFilter.prototype, 'in');
    Field(() => NullCheckEnum, { nullable: true })(EnumFilter.prototype, 'is');
    filter = EnumFilter;
    ENUM_FILTERS.set(registered.name, filter);
  }
  return filter;
}

/**
 * `<Name>Filter { and or not <field>: <Type>Filter }` and `<Name>OrderBy { <field>:
 * OrderByDirection }` for the queryable fields of a table. An enum field filters with its
 * enum's `{ eq neq in is }` (the store checks the values again).
 */
export function queryInputsOf(name: string, table: RecordTable): { filter: Type<unknown>; orderBy: Type<unknown> } {
  @InputType(`${name}Filter`)
  class Filter {}
  Field(() => [Filter], { nullable: true })(Filter.prototype, 'and');
  Field(() => [Filter], { nullable: true })(Filter.prototype, 'or');
  Field(() => Filter, { nullable: true })(Filter.prototype, 'not');

  @InputType(`${name}OrderBy`, { description: 'Exactly one field per entry; entries apply in order.' })
  class OrderBy {}

  for (const [field, spec] of Object.entries(table.fields)) {
    if (!spec.query && field !== 'id') continue;
    const type = spec.type === 'enum' ? enumFilter(table, field, spec) : FILTERS[spec.type];
    Field(() => type, { nullable: true })(Filter.prototype, field);
    Field(() => OrderByDirectionEnum, { nullable: true })(OrderBy.prototype, field);
  }
  return { filter: Filter, orderBy: OrderBy };
}
