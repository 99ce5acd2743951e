// Jest transform for Relance: our TypeScript through SWC (decorator metadata on, for Nest
// and TypeORM), and the ES-module-only packages in node_modules (Nest 12 and its
// dependencies) down to CommonJS. Node 20 loads those with require(esm), but Jest's
// module sandbox cannot before Node 24.9, so the specs need them as CommonJS.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { createTransformer } = require('@swc/jest');

const typescript = createTransformer({
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const esModule = createTransformer({
  jsc: { target: 'es2022', parser: { syntax: 'ecmascript', importAttributes: true }, keepClassNames: true },
  module: { type: 'commonjs', ignoreDynamic: false },
});

const packageTypeByDir = new Map();

/** Whether Node would load this .js file as an ES module (nearest package.json "type"). */
function isEsModule(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (!filename.endsWith('.js')) return false;
  let dir = dirname(filename);
  const visited = [];
  while (!packageTypeByDir.has(dir)) {
    visited.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      let type = 'commonjs';
      try {
        type = JSON.parse(readFileSync(manifest, 'utf8')).type ?? 'commonjs';
      } catch {
        // an unreadable manifest counts as CommonJS, Node's default
      }
      packageTypeByDir.set(dir, type);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      packageTypeByDir.set(dir, 'commonjs');
      break;
    }
    dir = parent;
  }
  const type = packageTypeByDir.get(dir);
  for (const d of visited) packageTypeByDir.set(d, type);
  return type === 'module';
}

// CommonJS has no import.meta; Nest uses only import.meta.url, for createRequire.
const withoutImportMeta = (source) => source.replace(/\bimport\.meta\.url\b/g, '("file://" + __filename)');

module.exports = {
  canInstrument: false,
  process(source, filename, options) {
    if (filename.endsWith('.ts')) return typescript.process(source, filename, options);
    if (isEsModule(filename)) return esModule.process(withoutImportMeta(source), filename, options);
    return { code: source };
  },
  getCacheKey(source, filename, options) {
    const kind = filename.endsWith('.ts') ? 'ts' : isEsModule(filename) ? 'esm' : 'cjs';
    const base = kind === 'ts' ? typescript.getCacheKey(source, filename, options) : esModule.getCacheKey(source, filename, options);
    return createHash('sha256').update(`relance-transformer-2:${kind}:${base}`).digest('hex');
  },
};
