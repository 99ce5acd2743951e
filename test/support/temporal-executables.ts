import type { EphemeralServerExecutable } from '@temporalio/testing';
import { findProjectRoot } from '../../src/config/project-root';
import { requireTemporalBinary, resolveTemporalExecutable, TemporalProgram } from '../../src/temporal/temporal-binaries';

/** The executable to hand `@temporalio/testing`, found the same way the service finds it. */
export function temporalExecutable(program: TemporalProgram): EphemeralServerExecutable {
  const found = resolveTemporalExecutable(program, findProjectRoot());
  return found.type === 'existing-path' ? { type: 'existing-path', path: found.path } : { type: 'cached-download' };
}

/** Path of the Temporal CLI for tests that spawn the dev server themselves. */
export function temporalCliPath(): string {
  return requireTemporalBinary('cli', findProjectRoot());
}
