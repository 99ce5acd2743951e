// Typed GraphQL documents for the e2e specs: each operation of test/e2e/graphql/*.graphql,
// checked against the committed schema (graphql/schema.graphql), becomes a typed document
// in test/e2e/graphql/generated.ts (not committed: `npm run codegen`, which `npm run
// typecheck` and the e2e Jest setup run first). A schema change that breaks a query the
// specs send fails here, by name and line, before any test runs. Offline, about 2 s.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'graphql/schema.graphql',
  documents: 'test/e2e/graphql/*.graphql',
  generates: {
    'test/e2e/graphql/generated.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // String unions, so that specs write enum values as the JSON they send: 'OPEN'.
        enumsAsTypes: true,
        // No __typename in result types: the documents do not ask for it.
        skipTypename: true,
        useTypeImports: true,
        // The schema has no custom scalars; one added later must be mapped here.
        strictScalars: true,
      },
    },
  },
};

export default config;
