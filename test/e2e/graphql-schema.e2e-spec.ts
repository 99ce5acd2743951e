import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../src/config/project-root';
import { printRelanceSchema, SCHEMA_FILE } from '../../graphql/print-schema';
import { startTestRelance, TestRelance } from '../support/test-relance';

describe('committed GraphQL schema', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('api');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it(`matches what the code generates (run \`npm run schema:print\` after changing the API)`, () => {
    const committed = readFileSync(join(findProjectRoot(), SCHEMA_FILE), 'utf8');
    expect(printRelanceSchema(relance.running.app)).toBe(committed);
  });
});
