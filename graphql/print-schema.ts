import type { INestApplicationContext } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/** The committed SDL, relative to the project root; clients read it and CI diffs it. */
export const SCHEMA_FILE = 'graphql/schema.graphql';

/** The SDL of a running API, sorted so that diffs show only real changes. */
export function printRelanceSchema(app: INestApplicationContext): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
