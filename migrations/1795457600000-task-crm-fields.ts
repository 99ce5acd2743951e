import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twenty's Task has an assignee and moves TODO → IN_PROGRESS → DONE: who works a task,
 * and since when. The assignee is the agent's identifier in the CRM (a workspace member
 * id or an e-mail address), as Relance has no user accounts of its own. A task mirrored
 * into a Twenty workspace keeps the id it has there, which its webhooks name.
 */
export class TaskCrmFields1795457600000 implements MigrationInterface {
  name = 'TaskCrmFields1795457600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE task ADD COLUMN assignee varchar(200), ADD COLUMN started_at timestamptz, ADD COLUMN twenty_task_id varchar(100)',
    );
    await q.query('CREATE INDEX task_by_assignee ON task (workspace_id, assignee, status, due_at)');
    // Webhooks from Twenty name only its own id; not per workspace (one Twenty server per deployment).
    await q.query('CREATE UNIQUE INDEX task_twenty_id ON task (twenty_task_id) WHERE twenty_task_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX task_twenty_id');
    await q.query('DROP INDEX task_by_assignee');
    await q.query('ALTER TABLE task DROP COLUMN twenty_task_id, DROP COLUMN started_at, DROP COLUMN assignee');
  }
}
