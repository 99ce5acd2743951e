// Lint, including the import boundaries of DESIGN §3. `npm test` runs it, so a workflow
// file that imports Nest, TypeORM or a Node built-in fails the test command.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** What neither workflow code nor the pure domain core may import. */
const frameworkAndIo = [
  { group: ['@nestjs/*'], message: 'No Nest here: this code must stay deterministic and framework-free.' },
  {
    group: ['typeorm', 'typeorm/*', 'typeorm-pglite', 'pg', 'pg/*', '@electric-sql/*'],
    message: 'No database access here: do I/O in an activity.',
  },
  {
    group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
    message: 'Workflow code imports only @temporalio/workflow.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.venv/**', 'data/**', 'coverage/**', 'test/lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules where a lost promise loses work: an unawaited write, signal or send
    // fails silently (Temporal's samples lint the same way).
    files: ['src/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts', 'graphql/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Jest's config, transformer and reporters are CommonJS, as Jest loads them.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not deterministic: use an activity.' })),
          patterns: [
            ...frameworkAndIo,
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only (proxyActivities<typeof …>).',
            },
            {
              // An allow-list: from outside workflows/, only activity types and the domain core.
              regex: '^\\.\\./(?!activities(/|$)|src/domain(/|$))',
              message: 'Workflows import only activity types and the pure domain core (src/domain).',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Pass configuration in as workflow input.' },
        { object: 'Date', property: 'now', message: 'Use workflow time (new Date() inside a workflow is replay-safe).' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process in workflow code.' },
        { name: 'setImmediate', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'require', message: 'Use static imports so the bundler can check them.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The domain core does no I/O.' })),
          patterns: [...frameworkAndIo, { group: ['@temporalio/*'], message: 'The domain core knows nothing of Temporal.' }],
        },
      ],
    },
  },
);
