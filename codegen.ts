// Typed GraphQL documents for the e2e specs and the extranet: each operation of
// test/e2e/graphql/*.graphql and web/src/api/*.graphql, checked against the committed schema
// (graphql/schema.graphql), becomes a typed document in a generated.ts beside them (not
// committed: `npm run codegen`, which `npm run typecheck`, `npm run build:web` and the e2e
// Jest setup run first). A schema change that breaks a query the specs or the extranet send
// fails here, by name and line. Offline, about 2 s.
import type { CodegenConfig } from '@graphql-codegen/cli';

const typedDocuments = {
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
};

const config: CodegenConfig = {
  schema: 'graphql/schema.graphql',
  generates: {
    'test/e2e/graphql/generated.ts': { documents: 'test/e2e/graphql/*.graphql', ...typedDocuments },
    'web/src/api/generated.ts': { documents: 'web/src/api/*.graphql', ...typedDocuments },
  },
};

export default config;
