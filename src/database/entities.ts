import type { EntitySchema } from 'typeorm';
import { AUTH_ENTITIES } from '../auth/auth.entities';
import { TASKS_ENTITIES } from '../tasks/tasks.entities';
import { WORKSPACE_ENTITIES } from '../workspace/workspace.entities';
import { LEASES_ENTITIES } from '../leases/leases.entities';
import { LEDGER_ENTITIES } from '../ledger/ledger.entities';
import { SCENARIOS_ENTITIES } from '../scenarios/scenarios.entities';
import { MESSAGING_ENTITIES } from '../messaging/messaging.entities';
import { DEBT_ENTITIES } from '../debt/debt.entities';
import { TIMELINE_ENTITIES } from '../timeline/timeline.entities';
import { EXTRANET_ENTITIES } from '../extranet/extranet.entities';
import { APPROVALS_ENTITIES } from '../approvals/approvals.entities';
import { STATEMENTS_ENTITIES } from '../statements/statements.entities';
import { TWENTY_ENTITIES } from '../twenty/twenty.entities';
import { RECEIPTS_ENTITIES } from '../receipts/receipts.entities';

/**
 * Every TypeORM entity: one declaration per business table, each feature listing its own.
 * Listed explicitly (no globs) so compiled and Jest runs load the same set. Migrations stay
 * hand-written; test/e2e/schema-drift.integration-spec.ts holds each declaration to the
 * migrated database.
 */
export const RELANCE_ENTITIES: Array<(new () => object) | EntitySchema> = [
  ...AUTH_ENTITIES,
  ...WORKSPACE_ENTITIES,
  ...TASKS_ENTITIES,
  ...LEASES_ENTITIES,
  ...LEDGER_ENTITIES,
  ...SCENARIOS_ENTITIES,
  ...MESSAGING_ENTITIES,
  ...TIMELINE_ENTITIES,
  ...DEBT_ENTITIES,
  ...EXTRANET_ENTITIES,
  ...APPROVALS_ENTITIES,
  ...STATEMENTS_ENTITIES,
  ...TWENTY_ENTITIES,
  ...RECEIPTS_ENTITIES,
];
