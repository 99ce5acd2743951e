/**
 * The GraphQL enum registered for each closed list, keyed by the list itself (the same
 * array). graphql/enums.ts registers every enum and records it here; an entity in src/,
 * which may not import graphql/, names its enum field's type by its list:
 * `@Field(() => enumOf(LEASE_KINDS))`. The type function runs when the schema is built,
 * after graphql/enums.ts has registered everything.
 */
export const ENUMS_BY_LIST = new Map<readonly string[], { name: string; enum: object }>();

/** The GraphQL enum registered for `list` (see ENUMS_BY_LIST); throws when none is. */
export function enumOf(list: readonly string[]): object {
  const registered = ENUMS_BY_LIST.get(list);
  if (!registered) throw new Error(`No GraphQL enum is registered for the list [${list.join(', ')}]: register it in graphql/enums.ts`);
  return registered.enum;
}
