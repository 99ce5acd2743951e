import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where SQL may live (DESIGN §3.7): each table's statements in its repository
 * (`<name>.repository.ts`), schema changes in migrations/. Resolvers call services only,
 * so graphql/ imports no database layer at all. These checks read the source, so a raw
 * `.query(` slipped into a service or a resolver fails `npm test`.
 */
const ROOT = join(__dirname, '..', '..');
const CODE_FOLDERS = ['src', 'graphql', 'activities', 'workflows'];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !/\.spec\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const files = CODE_FOLDERS.flatMap((f) => sourceFiles(join(ROOT, f))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** SQL outside a repository that is not a table's: the database's own plumbing, each with its reason. */
const PLATFORM_SQL: Record<string, string> = {
  'src/database/database.module.ts': 'the advisory lock that serialises migrations across processes',
  'src/database/transaction-guard.ts': 'wraps the driver; issues no statement of its own',
  'src/common/query/record-page.ts':
    'the keyset-page engine: runs the page and count that RecordRepository compiles for its table, with its scope',
  'src/health/health.service.ts': "the health probe's `SELECT 1`: a round trip to the database, about no table",
};

/** Ways code sends SQL to the database (a Temporal workflow handle's `.query(` is not one). */
const SQL_CALL = /(?<!handle)\.(query|createQueryBuilder)\s*\(|\bcopyFrom\s*\(/;

describe('where SQL lives', () => {
  it('sends SQL only from repositories (and the database plumbing listed with its reason)', () => {
    const outside = files
      .filter((f) => !f.path.endsWith('.repository.ts') && !(f.path in PLATFORM_SQL))
      .flatMap((f) =>
        f.text
          .split('\n')
          .map((line, i) => ({ line, at: `${f.path}:${i + 1}` }))
          .filter(({ line }) => SQL_CALL.test(line) && !/^\s*(\*|\/\/)/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(outside).toEqual([]);
  });

  it('keeps the database layer out of graphql/: resolvers call services', () => {
    const reaching = files
      .filter((f) => f.path.startsWith('graphql/'))
      .filter((f) => /from '(typeorm|@nestjs\/typeorm|pg)'|\.repository'/.test(f.text))
      .map((f) => f.path);
    expect(reaching).toEqual([]);
  });

  it('names each repository after its table and gives each table one', () => {
    const repositories = files.filter((f) => f.path.endsWith('.repository.ts')).map((f) => f.path.split('/').pop()!);
    expect(new Set(repositories).size).toBe(repositories.length);
  });
});
