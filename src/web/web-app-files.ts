import { Inject, Injectable } from '@nestjs/common';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';

/** What a path under /app is: a built file (`hashed`: under assets/, its name changes with its content), the app's page (any route of the app), or nothing. */
export type WebAppFile =
  { kind: 'asset'; path: string; hashed: boolean } | { kind: 'page'; path: string } | { kind: 'missing-asset' } | { kind: 'not-built' };

/**
 * The built extranet in dist/web (`vite build`, part of `npm run build`). A path names a
 * file of the build, or it is one of the app's routes and gets index.html (the router in
 * the page decides what it shows). A missing file under assets/ is a 404, never the page:
 * a stale script reference must fail as a script, not parse HTML.
 */
@Injectable()
export class WebAppFiles {
  /** dist/web from the project root: the same under Jest (src/) and compiled (dist/src/). */
  readonly dir: string;

  constructor(@Inject(RELANCE_RUNTIME) runtime: RelanceRuntime) {
    this.dir = resolve(runtime.projectRoot, 'dist', 'web');
  }

  /** `relative`: the request's path below /app/, URL-decoded. */
  find(relative: string): WebAppFile {
    const page = join(this.dir, 'index.html');
    if (!existsSync(page)) return { kind: 'not-built' };
    const clean = relative.replace(/^\/+/, '');
    const candidate = resolve(this.dir, clean);
    const inside = candidate.startsWith(this.dir + sep);
    if (inside && clean !== 'index.html' && isFile(candidate))
      return { kind: 'asset', path: candidate, hashed: clean.startsWith('assets/') };
    if (clean.startsWith('assets/')) return { kind: 'missing-asset' };
    return { kind: 'page', path: page };
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
