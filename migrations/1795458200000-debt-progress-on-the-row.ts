import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A debt's progress lives on its row (issue 11, one writer per fact): the step done last,
 * and what the workflow will do next and when, published by the workflow through one
 * activity. Lists, filters and sorts read them from SQL, with no call to Temporal. A closed
 * debt has no next action (cleared when it closes). The index serves "what is due next"
 * lists of one workspace, and those of one status. Debts whose workflow started before this
 * migration get their columns the next time their workflow acts (a wake-up or a message).
 */
export class DebtProgressOnTheRow1795458200000 implements MigrationInterface {
  name = 'DebtProgressOnTheRow1795458200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE debt
        ADD COLUMN current_step varchar(100),
        -- An action (SMS, LETTER, FORMAL_NOTICE…), WAIT_PAUSED, WAIT_APPROVAL, FINISHED…
        ADD COLUMN next_action_kind varchar(40),
        ADD COLUMN next_action_step_key varchar(100),
        ADD COLUMN next_action_at timestamptz`);
    await q.query('CREATE INDEX debt_next_action ON debt (workspace_id, next_action_at, id)');
    await q.query('CREATE INDEX debt_status_next_action ON debt (workspace_id, status, next_action_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX debt_status_next_action');
    await q.query('DROP INDEX debt_next_action');
    await q.query(
      'ALTER TABLE debt DROP COLUMN next_action_at, DROP COLUMN next_action_step_key, DROP COLUMN next_action_kind, DROP COLUMN current_step',
    );
  }
}
