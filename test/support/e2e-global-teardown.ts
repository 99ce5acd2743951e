import type { LocalTemporalServer } from '../../src/temporal/local-temporal-server';

export default async function e2eGlobalTeardown(): Promise<void> {
  await (globalThis as { relanceTemporalServer?: LocalTemporalServer }).relanceTemporalServer?.stop();
}
