import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding Relance's package.json, found by walking up from this file, so the
 * same code works from `src/` under Jest and from `dist/src/` once compiled.
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'workflows'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Relance's project root above ${start}`);
    dir = parent;
  }
}
