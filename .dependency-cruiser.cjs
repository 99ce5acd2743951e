// The direction of dependencies, written once (DESIGN §3.6; README "Architecture").
// `npm run lint:deps` checks it in `npm test`: no cycles anywhere, and each layer imports
// only the layers below it.
//
//   platform  common config database logging temporal, the runtime settings   (shared plumbing)
//   domain    the pure core: imports nothing of ours but itself
//   features  auth → records → workspace → leases → timeline → ledger → scenarios → messaging → receipts → extranet → tasks → approvals → debt → retention → statements → twenty → demo
//             (each imports only the features to its left, and only their services; records is the
//             generic record API every table's repository extends, scoped by auth's Actor)
//   top       runtime, worker, health, web (the extranet's files), relance.module.ts, main.ts compose it all; graphql/ sits on src/;
//             activities/ adapt src/ for Temporal; workflows/ import only the domain and activity types.
const FEATURES = [
  'auth',
  'records',
  'workspace',
  'leases',
  'timeline',
  'ledger',
  'scenarios',
  'messaging',
  'receipts',
  'extranet',
  'tasks',
  'approvals',
  'debt',
  'retention',
  'statements',
  'twenty',
  'demo',
];
const PLATFORM = ['common', 'config', 'database', 'logging', 'temporal'];
const TOP = ['runtime', 'worker', 'health', 'web'];
/** Files of top folders that are plumbing: the runtime's settings, and the data-folder lock. */
const PLATFORM_FILES = '^src/runtime/(relance-runtime|data-dir-lock)\\.ts$';

const folder = (names) => `^src/(${names.join('|')})/`;

/** A feature may not import a feature to its right. */
const featureOrder = FEATURES.slice(0, -1).map((name, i) => ({
  name: `feature-order-${name}`,
  comment: `src/${name} is below ${FEATURES.slice(i + 1).join(', ')}: it may not import them (declare a port they implement, or emit an event)`,
  severity: 'error',
  from: { path: folder([name]) },
  to: { path: folder(FEATURES.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide the direction of dependencies.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain core imports only itself (and no framework: see eslint).',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(?!domain/)|graphql/|activities/|workflows/)' },
    },
    {
      name: 'platform-below-features',
      severity: 'error',
      comment: 'Shared plumbing knows no feature.',
      // The entity registry lists every feature's tables: the one place the database layer composes them.
      from: { path: `${folder(PLATFORM)}|${PLATFORM_FILES}`, pathNot: '^src/database/entities\\.ts$' },
      to: { path: `${folder([...FEATURES, ...TOP])}|^src/(relance\\.module|main)\\.ts$`, pathNot: PLATFORM_FILES },
    },
    {
      name: 'features-below-top',
      severity: 'error',
      comment: 'Features do not reach the composition root.',
      from: { path: folder(FEATURES) },
      to: { path: `${folder(TOP)}|^src/(relance\\.module|main)\\.ts$`, pathNot: PLATFORM_FILES },
    },
    ...featureOrder,
    {
      name: 'src-below-graphql',
      severity: 'error',
      comment: 'graphql/ sits on src/, never the other way (src/relance.module.ts composes the API module).',
      from: { path: '^src/', pathNot: '^src/relance\\.module\\.ts$' },
      to: { path: '^graphql/' },
    },
    {
      name: 'src-below-activities',
      severity: 'error',
      comment: 'activities/ adapt src/ for Temporal; only the worker registers them.',
      from: { path: '^src/', pathNot: '^src/worker/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-import-domain-and-activity-types',
      severity: 'error',
      comment: 'Workflow code is deterministic: the domain core, activity types, @temporalio/workflow (see eslint).',
      from: { path: '^workflows/' },
      to: { path: '^(src/(?!domain/)|graphql/)' },
    },
    {
      name: 'features-use-services',
      severity: 'error',
      comment: "A feature never imports another feature's repository: it calls its service.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/.+\\.repository\\.ts$', pathNot: '^src/($1|records)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(node_modules|dist|\\.venv)/' },
  },
};
