import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../src/config/project-root';

/**
 * Replays the committed histories of the debt workflow's main paths against the current
 * workflow code: a change that would break running workflows (non-determinism) fails here.
 * Change workflow code behind `patched()`; record new histories (RECORD_HISTORIES=1 npx
 * jest test/workflows/debt.workflow) only for new paths, never to make this pass. The
 * `-planner-v2` histories are runs on planner version 2 (`patched('planner-v2')`); the
 * `-debt-progress` ones also publish their progress on the debt's row through
 * `recordDebtProgress` (`patched('debt-progress')`, RECORD_HISTORIES_SUFFIX=-debt-progress);
 * the `-approval-requests` ones also ask, remind and lapse approvals as rows with notices
 * (`patched('approval-requests')`; the lapsed ones from approval-requests.workflow.spec.ts);
 * the others were recorded before both and replay on version 1 with the status mirrors.
 */
const dir = join(__dirname, 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('debt workflow replay of committed histories', () => {
  let results: Array<{ file: string; ok: boolean; error?: string }>;

  beforeAll(() => {
    const run = spawnSync(process.execPath, ['test/support/replay-histories.js', dir, 'workflows/index.ts'], {
      cwd: findProjectRoot(),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`replay failed to run: ${run.stderr}`);
    results = JSON.parse(run.stdout.trim().split('\n').pop()!);
  });

  it('has the main paths recorded', () => {
    expect(files).toEqual([
      'formal-notice-lapsed-approval-requests.json',
      'formal-notice-rejected-approval-requests.json',
      'formal-notice-rejected-debt-progress.json',
      'formal-notice-rejected.json',
      'paid-in-full-d12-debt-progress.json',
      'paid-in-full-d12.json',
      'paused-until-date-debt-progress.json',
      'paused-until-date-planner-v2.json',
      'paused-until-date.json',
      'payment-plan-broken-approval-requests.json',
      'payment-plan-broken-debt-progress.json',
      'payment-plan-broken-planner-v2.json',
      'payment-plan-broken.json',
      'payment-plan-kept-debt-progress.json',
      'payment-plan-kept.json',
      'payment-plan-lapsed-approval-requests.json',
      'standard-scenario-approved-approval-requests.json',
      'standard-scenario-approved-debt-progress.json',
      'standard-scenario-approved-planner-v2.json',
      'standard-scenario-approved.json',
    ]);
  });

  it.each(files)('replays %s deterministically', (file) => {
    const result = results.find((r) => r.file === file);
    expect(result?.error).toBeUndefined();
    expect(result?.ok).toBe(true);
  });
});
