import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/common/query/record-query';

/**
 * Page sizes that differ from `DEFAULT_PAGE_SIZE` when `first` / `last` is left out, by
 * `Type.field`: a debt's timeline returns up to 200 entries (`TIMELINE_MAX` of its resolver).
 */
const DEFAULT_PAGE_SIZES: Readonly<Record<string, number>> = { 'Debt.timeline': 200 };

/**
 * How many rows a list without paging arguments is assumed to hold. Those are small
 * collections bounded by the data (a debt's message zones, a task's targets, a
 * scenario's steps), not pages a client can grow.
 */
export const UNPAGED_LIST_SIZE = 10;

/** The operators whose nesting the filter budget counts (DESIGN §7 filters). */
const LOGICAL_OPERATORS = new Set(['and', 'or', 'not']);

/** Fields answered from the in-memory schema: no SQL, no Temporal, whatever their lists. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** What the measures read besides the operation: the schema, the document's fragments, the request's variables. */
export interface OperationScope {
  schema: GraphQLSchema;
  fragment: (name: string) => FragmentDefinitionNode | undefined;
  /** As the client sent them: the measures run before graphql-js coerces them. */
  variables: Readonly<Record<string, unknown>>;
}

/**
 * The four sizes of one operation that the cost budget limits, measured on its syntax
 * tree before it runs. Fragments are measured once each (a fragment spread a thousand
 * times costs one walk), so measuring stays linear in the size of the document whatever
 * it would expand to.
 *
 * @example
 * const measures = new OperationMeasures(operation, { schema, fragment: (n) => fragments[n], variables });
 * measures.complexity(); // 50 debts with 3 fields: 1 + 1 + 50 × (1 + 3) = 202
 */
export class OperationMeasures {
  private readonly memo = new Map<string, number>();
  /** Fragments being measured, so that a cycle (refused by validation anyway) ends. */
  private readonly walking = new Set<string>();

  constructor(
    private readonly operation: OperationDefinitionNode,
    private readonly scope: OperationScope,
  ) {}

  /** Levels of nested fields, the root field being level 1; introspection included, where `ofType` nests as deep as a client writes it. */
  depth(): number {
    return this.depthOf(this.operation.selectionSet);
  }

  /** Fields selected under an alias that is not their own name: each is one more run of its resolver. */
  aliases(): number {
    return this.aliasesOf(this.operation.selectionSet);
  }

  /**
   * Estimated field resolutions: each field counts 1 per row it is resolved for. A list
   * multiplies its fields by its page (`first` / `last`, or the default page size); a
   * connection's page applies to its `edges`, so a node's fields count once per row.
   * Introspection counts 1 a field, its lists not multiplied.
   */
  complexity(): number {
    const root = this.scope.schema.getRootType(this.operation.operation) ?? undefined;
    return this.complexityOf(this.operation.selectionSet, root, undefined, false);
  }

  /** The deepest nesting of `and` / `or` / `not` in any argument, variables included. */
  filterDepth(): number {
    const root = this.scope.schema.getRootType(this.operation.operation) ?? undefined;
    return this.filterDepthOf(this.operation.selectionSet, root);
  }

  private depthOf(set: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? this.depthOf(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, this.depthOf(selection.selectionSet));
      } else {
        deepest = Math.max(
          deepest,
          this.viaFragment(`depth:${selection.name.value}`, selection.name.value, (f) => this.depthOf(f.selectionSet)),
        );
      }
    }
    return deepest;
  }

  private aliasesOf(set: SelectionSetNode): number {
    let count = 0;
    // graphql-js runs a fragment spread twice in the same selection set only once.
    const spread = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias && selection.alias.value !== selection.name.value) count += 1;
        if (selection.selectionSet) count += this.aliasesOf(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.aliasesOf(selection.selectionSet);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        count += this.viaFragment(`aliases:${selection.name.value}`, selection.name.value, (f) => this.aliasesOf(f.selectionSet));
      }
    }
    return count;
  }

  /**
   * Cost of a selection set resolved once. `page` is the page size of the connection that
   * owns it (its list child, `edges`, runs once per row); `introspection`, whether it is
   * under `__schema` / `__type`.
   */
  private complexityOf(
    set: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    page: number | undefined,
    introspection: boolean,
  ): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += 1;
        if (!selection.selectionSet) continue;
        const field = this.fieldOf(parent, selection.name.value);
        const inIntrospection = introspection || INTROSPECTION_ROOTS.has(selection.name.value);
        let rows = 1;
        let childPage: number | undefined;
        if (field && !inIntrospection) {
          const ownPage = this.pageSize(parent?.name, field, selection);
          const isList = isListType(getNullableType(field.type));
          if (isList) rows = ownPage ?? page ?? UNPAGED_LIST_SIZE;
          else childPage = ownPage;
        }
        cost += rows * this.complexityOf(selection.selectionSet, field ? getNamedType(field.type) : undefined, childPage, inIntrospection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.scope.schema.getType(selection.typeCondition.name.value) : parent;
        cost += this.complexityOf(selection.selectionSet, type ?? undefined, page, introspection);
      } else {
        const name = selection.name.value;
        cost += this.viaFragment(`complexity:${name}:${page}:${introspection}`, name, (f) =>
          this.complexityOf(f.selectionSet, this.scope.schema.getType(f.typeCondition.name.value) ?? undefined, page, introspection),
        );
      }
    }
    return cost;
  }

  private filterDepthOf(set: SelectionSetNode, parent: GraphQLNamedType | undefined): number {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = this.fieldOf(parent, selection.name.value);
        for (const argument of selection.arguments ?? []) {
          const definition = field?.args.find((a) => a.name === argument.name.value);
          if (definition) deepest = Math.max(deepest, this.logicalDepthOfNode(argument.value, definition.type));
        }
        if (selection.selectionSet) {
          deepest = Math.max(deepest, this.filterDepthOf(selection.selectionSet, field ? getNamedType(field.type) : undefined));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.scope.schema.getType(selection.typeCondition.name.value) : parent;
        deepest = Math.max(deepest, this.filterDepthOf(selection.selectionSet, type ?? undefined));
      } else {
        const name = selection.name.value;
        deepest = Math.max(
          deepest,
          this.viaFragment(`filter:${name}`, name, (f) =>
            this.filterDepthOf(f.selectionSet, this.scope.schema.getType(f.typeCondition.name.value) ?? undefined),
          ),
        );
      }
    }
    return deepest;
  }

  /** Nesting of logical operators in an argument written in the document, following variables into the request's values. */
  private logicalDepthOfNode(value: ValueNode, type: GraphQLInputType): number {
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (Object.prototype.hasOwnProperty.call(this.scope.variables, name)) return logicalDepthOfValue(this.scope.variables[name], type);
      const fallback = this.operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
      return fallback ? this.logicalDepthOfNode(fallback, type) : 0;
    }
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = value.kind === Kind.LIST ? value.values : [value];
      return Math.max(0, ...items.map((item) => this.logicalDepthOfNode(item, nullable.ofType)));
    }
    if (!isInputObjectType(nullable) || value.kind !== Kind.OBJECT) return 0;
    const fields = nullable.getFields();
    let deepest = 0;
    for (const entry of value.fields) {
      const field = fields[entry.name.value];
      if (!field) continue;
      const own = LOGICAL_OPERATORS.has(entry.name.value) ? 1 : 0;
      deepest = Math.max(deepest, own + this.logicalDepthOfNode(entry.value, field.type));
    }
    return deepest;
  }

  /** The page a paged field (one with `first` / `last`) returns, or undefined for any other field. */
  private pageSize(parentName: string | undefined, field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
    if (!field.args.some((a) => a.name === 'first' || a.name === 'last')) return undefined;
    const asked = ['first', 'last'].map((name) => this.intArgument(node, name)).filter((n): n is number => n !== undefined);
    const size = asked.length > 0 ? Math.max(...asked) : (DEFAULT_PAGE_SIZES[`${parentName}.${field.name}`] ?? DEFAULT_PAGE_SIZE);
    // Beyond the maximum the resolver refuses the page itself, with a clearer BAD_USER_INPUT.
    return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
  }

  /** An integer argument, literal or through a variable (or its default); undefined when absent or not a number. */
  private intArgument(node: FieldNode, name: string): number | undefined {
    const value = node.arguments?.find((a) => a.name.value === name)?.value;
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const variable = value.name.value;
    const given = this.scope.variables[variable];
    if (typeof given === 'number' && Number.isFinite(given)) return given;
    if (given !== undefined && given !== null) return undefined;
    const fallback = this.operation.variableDefinitions?.find((d) => d.variable.name.value === variable)?.defaultValue;
    return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
  }

  private fieldOf(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parent === this.scope.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  }

  /** A fragment's measure, computed once per key; a fragment spread inside itself counts nothing. */
  private viaFragment(key: string, name: string, measure: (fragment: FragmentDefinitionNode) => number): number {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const fragment = this.scope.fragment(name);
    if (!fragment || this.walking.has(key)) return 0;
    this.walking.add(key);
    try {
      const value = measure(fragment);
      this.memo.set(key, value);
      return value;
    } finally {
      this.walking.delete(key);
    }
  }
}

/**
 * Nesting of logical operators in a value the client sent as a variable. Walked with an
 * explicit stack: the value is arbitrary JSON, as deep as the client cares to make it.
 */
function logicalDepthOfValue(root: unknown, rootType: GraphQLInputType): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; type: GraphQLInputType; depth: number }> = [{ value: root, type: rootType, depth: 0 }];
  while (stack.length > 0) {
    const { value, type, depth } = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (value === null || typeof value !== 'object') continue;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      for (const item of Array.isArray(value) ? value : [value]) stack.push({ value: item, type: nullable.ofType, depth });
    } else if (isInputObjectType(nullable) && !Array.isArray(value)) {
      const fields = nullable.getFields();
      for (const [key, item] of Object.entries(value)) {
        const field = fields[key];
        if (field) stack.push({ value: item, type: field.type, depth: depth + (LOGICAL_OPERATORS.has(key) ? 1 : 0) });
      }
    }
  }
  return deepest;
}
