import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twenty's Task has an assignee and moves TODO → IN_PROGRESS → DONE: who works a task,
 * and since when. The assignee is the agent's identifier in the CRM (a workspace member
 * id or an e-mail address), as Relance has no user accounts of its own.
 */
export class TaskAssignee1795457600000 implements MigrationInterface {
  name = 'TaskAssignee1795457600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE task ADD COLUMN assignee varchar(200), ADD COLUMN started_at timestamptz');
    await q.query('CREATE INDEX task_by_assignee ON task (workspace_id, assignee, status, due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX task_by_assignee');
    await q.query('ALTER TABLE task DROP COLUMN started_at, DROP COLUMN assignee');
  }
}
