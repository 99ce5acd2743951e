import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Installs the SDK runtime with errors only. Workflow specs fail activities on purpose, and
 * the time-skipping server lacks capabilities the SDK warns about on every worker start.
 * Call once per spec file (each file is its own process), before creating a worker.
 */
export function installQuietTemporalRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}
