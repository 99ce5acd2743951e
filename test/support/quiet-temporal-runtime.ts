import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Installs the SDK runtime with errors only. Workflow specs fail activities on purpose, and
 * the time-skipping server lacks capabilities the SDK warns about on every worker start.
 * Call once per spec file, before creating a worker: Jest gives each file a fresh module
 * registry, but the native runtime is per process, so a second install in a reused worker
 * process is skipped.
 */
export function installQuietTemporalRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}
