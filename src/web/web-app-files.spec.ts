import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelanceRuntime } from '../runtime/relance-runtime';
import { WebAppFiles } from './web-app-files';

describe('WebAppFiles', () => {
  let root: string;
  const files = () => new WebAppFiles({ projectRoot: root } as RelanceRuntime);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'relance-web-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('says the front is not built when dist/web has no index.html', () => {
    expect(files().find('sign-in')).toEqual({ kind: 'not-built' });
  });

  describe('with a build', () => {
    beforeEach(() => {
      mkdirSync(join(root, 'dist', 'web', 'assets'), { recursive: true });
      writeFileSync(join(root, 'dist', 'web', 'index.html'), '<!doctype html>');
      writeFileSync(join(root, 'dist', 'web', 'favicon.svg'), '<svg/>');
      writeFileSync(join(root, 'dist', 'web', 'assets', 'index-abc123.js'), '');
      writeFileSync(join(root, 'package.json'), '{"dependencies":{}}');
    });

    it('serves hashed assets as such, other files of the build unhashed', () => {
      expect(files().find('assets/index-abc123.js')).toEqual({
        kind: 'asset',
        path: join(root, 'dist/web/assets/index-abc123.js'),
        hashed: true,
      });
      expect(files().find('favicon.svg')).toEqual({ kind: 'asset', path: join(root, 'dist/web/favicon.svg'), hashed: false });
    });

    it('answers the page for any route of the app, and 404 for a missing asset', () => {
      const page = { kind: 'page', path: join(root, 'dist/web/index.html') };
      for (const route of ['', 'sign-in', 'debts/123', 'decisions/x/y', 'index.html']) expect(files().find(route)).toEqual(page);
      expect(files().find('assets/index-old.js')).toEqual({ kind: 'missing-asset' });
    });

    it('never leaves the build folder', () => {
      expect(files().find('../../package.json').kind).toBe('page');
      expect(files().find('/etc/passwd').kind).toBe('page');
    });
  });
});
