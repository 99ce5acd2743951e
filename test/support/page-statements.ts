import { DataSource } from 'typeorm';
import type { TestRelance } from './test-relance';

/**
 * What the statement-count specs share (issue 11, lists at SQL speed): the SQL statements
 * one request sends, counted where TypeORM sends them, and a selection of every field a
 * type has, read from the schema so that a field added later is counted too.
 */

/** Counts the statements of the app's DataSource while `measure` runs a request. */
export function statementCounter(relance: TestRelance): <T>(request: () => Promise<T>) => Promise<{ result: T; statements: string[] }> {
  let statements: string[] | undefined;
  const logger = relance.running.app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    statements?.push(query);
    return logQuery(query, parameters, queryRunner);
  };
  return async (request) => {
    statements = [];
    try {
      const result = await request();
      return { result, statements: [...statements] };
    } finally {
      statements = undefined;
    }
  };
}

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface SchemaType {
  name: string;
  fields: Array<{ name: string; args: Array<{ type: TypeRef }>; type: TypeRef }> | null;
}

/**
 * Every field of a type a query may select without arguments, objects with their own
 * fields down to `depth`, but the fields named in `skip` (`Type.field`).
 */
export function schemaFields(relance: TestRelance): (typeName: string, options?: { depth?: number; skip?: string[] }) => Promise<string> {
  let types: Map<string, SchemaType> | undefined;
  const everyFieldOf = async (typeName: string, options: { depth?: number; skip?: string[] } = {}): Promise<string> => {
    const depth = options.depth ?? 2;
    if (!types) {
      const { __schema } = await relance.ok<{ __schema: { types: SchemaType[] } }>(
        `{ __schema { types { name fields { name args { type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`,
      );
      types = new Map(__schema.types.map((t) => [t.name, t]));
    }
    const type = types.get(typeName);
    if (!type?.fields) throw new Error(`${typeName} is not an object type of the schema`);
    const selections: string[] = [];
    for (const field of type.fields) {
      if (field.args.some((a) => a.type.kind === 'NON_NULL') || options.skip?.includes(`${typeName}.${field.name}`)) continue;
      let named = field.type;
      while (named.ofType) named = named.ofType;
      if (named.kind === 'SCALAR' || named.kind === 'ENUM') selections.push(field.name);
      else if (named.kind === 'OBJECT' && depth > 0) {
        selections.push(`${field.name} { ${await everyFieldOf(named.name!, { ...options, depth: depth - 1 })} }`);
      }
    }
    return selections.join(' ');
  };
  return everyFieldOf;
}
