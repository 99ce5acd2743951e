import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery tasks: what the dunning workflow asks a person to do (call the tenant, chase a
 * landlord's decision, follow up a broken plan), in the shape of Twenty's Task (title,
 * body, dueAt, status). Completing one records a structured outcome that the workflow
 * acts on. `key` makes creation idempotent: a retried activity creates its task once.
 */
export class CreateTask1795457300000 implements MigrationInterface {
  name = 'CreateTask1795457300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        debt_id uuid NOT NULL,
        key varchar(300) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('CALL', 'VISIT', 'SOCIAL_REFERRAL', 'FOLLOW_UP')),
        step_key varchar(64),
        title varchar(300) NOT NULL,
        body text NOT NULL,
        due_at timestamptz NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'TODO' CHECK (status IN ('TODO', 'IN_PROGRESS', 'DONE')),
        outcome varchar(16)
          CHECK (outcome IN ('REACHED', 'PROMISE_TO_PAY', 'DISPUTE', 'NO_ANSWER', 'WRONG_NUMBER', 'OTHER')),
        promised_date date,
        report text,
        completed_at timestamptz,
        completed_by varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, key),
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id),
        -- A task is done exactly when it has an outcome; a promise has its date.
        CHECK ((status = 'DONE') = (outcome IS NOT NULL)),
        CHECK ((outcome = 'PROMISE_TO_PAY') = (promised_date IS NOT NULL))
      )`);
    await q.query('CREATE INDEX task_open_by_due ON task (workspace_id, status, due_at, id)');
    await q.query('CREATE INDEX task_of_debt ON task (workspace_id, debt_id, due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE task');
  }
}
