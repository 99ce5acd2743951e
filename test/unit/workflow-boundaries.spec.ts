import { spawnSync } from 'node:child_process';
import { findProjectRoot } from '../../src/config/project-root';

/**
 * The lint rules of eslint.config.mjs that keep workflow code deterministic (DESIGN §3),
 * checked against sources that break them. `npm test` runs the same lint over the tree.
 */
const forbiddenImports: Array<[string, string]> = [
  ["import { Injectable } from '@nestjs/common';", 'No Nest here'],
  ["import { DataSource } from 'typeorm';", 'No database access here'],
  ["import { Client } from 'pg';", 'No database access here'],
  ["import { readFileSync } from 'fs';", 'Node built-ins'],
  ["import { readFileSync } from 'node:fs';", 'Node built-ins'],
  ["import { randomUUID } from 'crypto';", 'Node built-ins'],
  ["import { Client } from '@temporalio/client';", 'only @temporalio/workflow'],
  ["import { Context } from '@temporalio/activity';", 'only @temporalio/workflow'],
  ["import { createActivities } from '../activities';", 'as types only'],
  ["import { LedgerService } from '../src/ledger/ledger.service';", 'pure domain core'],
  ["import { HealthReport } from '../graphql/health.types';", 'pure domain core'],
  ["import { RELANCE_MIGRATIONS } from '../migrations';", 'pure domain core'],
];
const forbiddenCalls: Array<[string, string]> = [
  ['export const env = process.env.FOO;', 'Pass configuration in as workflow input'],
  ['export const t = Date.now();', 'Use workflow time'],
  ['export const p = process;', 'No process in workflow code'],
  ['setImmediate(() => undefined);', 'Use sleep()'],
  ["export const m = require('x');", 'Use static imports'],
];
const allowedWorkflow = [
  "import { proxyActivities, sleep } from '@temporalio/workflow';",
  "import type { DebtActivities } from '../activities/debt.activities.types';",
  "import { allocate } from '../src/domain/ledger';",
  "import { helper } from './helper';",
  'const { recordDebtEvent } = proxyActivities<DebtActivities>({ startToCloseTimeout: 1000 });',
  'export async function ok(): Promise<void> { await sleep(1); await recordDebtEvent({ workspaceId: "w", debtId: "d", kind: "K", at: "", summary: "s" }); }',
  'export const used = [allocate, helper];',
].join('\n');
const nodeInService = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";

const cases = [
  ...forbiddenImports.map(([line]) => ({
    path: 'workflows/bad.workflow.ts',
    source: `${line}\nexport const x = [${line.split(' ')[2]}];\n`,
  })),
  ...forbiddenCalls.map(([line]) => ({ path: 'workflows/bad.workflow.ts', source: line })),
  { path: 'workflows/good.workflow.ts', source: allowedWorkflow },
  { path: 'src/some.service.ts', source: nodeInService },
];

describe('workflow import boundaries', () => {
  let results: string[][];

  beforeAll(() => {
    // One ESLint process for every case: it loads the real config once.
    const result = spawnSync(process.execPath, ['test/support/lint-texts.mjs'], {
      cwd: findProjectRoot(),
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`lint-texts failed: ${result.stderr}`);
    results = JSON.parse(result.stdout) as string[][];
  });

  it.each([...forbiddenImports, ...forbiddenCalls].map(([line, expected], index) => [line, expected, index] as const))(
    'a workflow file with `%s` fails lint',
    (_line, expected, index) => {
      expect(results[index].join('\n')).toContain(expected);
    },
  );

  it('accepts what workflow code may import', () => {
    expect(results[cases.length - 2]).toEqual([]);
  });

  it('leaves the rest of the code base free to use Node and Nest', () => {
    expect(results[cases.length - 1]).toEqual([]);
  });
});
