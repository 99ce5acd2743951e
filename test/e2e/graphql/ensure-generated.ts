import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../../src/config/project-root';

/**
 * Generates the specs' typed documents (generated.ts, not committed) when missing or older
 * than the schema or a document, so that a spec run straight through Jest on a fresh clone
 * finds them. Fails, with codegen's message, when a document no longer matches the schema.
 */
export function ensureGeneratedDocuments(): void {
  const root = findProjectRoot();
  const here = join(root, 'test', 'e2e', 'graphql');
  const generated = join(here, 'generated.ts');
  const sources = [
    join(root, 'graphql', 'schema.graphql'),
    join(root, 'codegen.ts'),
    ...readdirSync(here)
      .filter((name) => name.endsWith('.graphql'))
      .map((name) => join(here, name)),
  ];
  if (existsSync(generated)) {
    const generatedAt = statSync(generated).mtimeMs;
    if (sources.every((source) => statSync(source).mtimeMs <= generatedAt)) return;
  }
  const codegen = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@graphql-codegen', 'cli', 'esm', 'bin.js'), '--config', 'codegen.ts'],
    {
      cwd: root,
      // Under NODE_ENV=test (Jest's) codegen reports nothing, not even its errors.
      env: { ...process.env, NODE_ENV: 'development' },
      encoding: 'utf8',
    },
  );
  if (codegen.status !== 0) {
    // Jest shows only the first line of a global setup's error: codegen's report goes first.
    process.stderr.write(`${codegen.stdout}${codegen.stderr}\n`);
    throw new Error(
      'graphql-codegen failed (its report is above): a document of test/e2e/graphql no longer matches graphql/schema.graphql',
    );
  }
}
