import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, the agent's day in Twenty: one Twenty connection per workspace (its secrets
 * sealed), what Relance installed there, the sync's state of each record it keeps there
 * (the outbox: a row whose source changed since Twenty acknowledged it is due; with the
 * task's or note's link to its Debt record, and the answer to write back on a task, both
 * due until Twenty confirms them), and the webhook deliveries accepted (a replay or an
 * older event changes nothing). Tasks' Twenty ids move from `task.twenty_task_id` to the
 * sync's records.
 *
 * One Twenty record mirrors one Relance row, except people and companies: Twenty keeps one
 * Person per e-mail (its `emails` field is unique) and treats companies of one name as one,
 * so several tenants, guarantors or landlords may share a Twenty id there.
 */
export class TwentyConnections1795458800000 implements MigrationInterface {
  name = 'TwentyConnections1795458800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE twenty_connection (
      workspace_id uuid PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
      api_url varchar(500) NOT NULL,
      twenty_workspace_id varchar(100),
      api_key_sealed text NOT NULL,
      webhook_secret_sealed text NOT NULL,
      installed_version integer NOT NULL DEFAULT 0,
      installed_items jsonb NOT NULL DEFAULT '{}',
      installed_at timestamptz,
      sync_claimed_until timestamptz,
      sync_failures integer NOT NULL DEFAULT 0,
      sync_next_attempt_at timestamptz,
      sync_last_error varchar(1000),
      sync_last_error_at timestamptz,
      last_synced_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE twenty_record (
      workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
      kind varchar(16) NOT NULL,
      relance_id uuid NOT NULL,
      twenty_id varchar(100),
      synced_version varchar(200),
      synced_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_error varchar(1000),
      failed_at timestamptz,
      link_twenty_id varchar(100),
      pending_flag jsonb,
      pending_flag_at timestamptz,
      PRIMARY KEY (workspace_id, kind, relance_id)
    )`);
    await q.query(`CREATE UNIQUE INDEX twenty_record_twenty_id ON twenty_record (workspace_id, kind, twenty_id)
      WHERE twenty_id IS NOT NULL AND kind NOT IN ('PERSON', 'COMPANY')`);
    await q.query(`CREATE INDEX twenty_record_shared ON twenty_record (workspace_id, kind, twenty_id)
      WHERE twenty_id IS NOT NULL AND kind IN ('PERSON', 'COMPANY')`);
    await q.query('CREATE INDEX twenty_record_failing ON twenty_record (workspace_id, failed_at) WHERE failed_at IS NOT NULL');
    await q.query(`CREATE TABLE twenty_webhook_event (
      workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
      delivery_key char(64) NOT NULL,
      object_name varchar(100) NOT NULL,
      record_id varchar(100) NOT NULL,
      record_version timestamptz,
      outcome varchar(16) NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, delivery_key)
    )`);
    await q.query(
      'CREATE INDEX twenty_webhook_event_record ON twenty_webhook_event (workspace_id, object_name, record_id, record_version)',
    );
    await q.query('CREATE INDEX twenty_webhook_event_received ON twenty_webhook_event (received_at)');
    await q.query(`INSERT INTO twenty_record (workspace_id, kind, relance_id, twenty_id, synced_version, synced_at)
      SELECT workspace_id, 'TASK', id, twenty_task_id, NULL, now() FROM task WHERE twenty_task_id IS NOT NULL`);
    await q.query('DROP INDEX task_twenty_id');
    await q.query('ALTER TABLE task DROP COLUMN twenty_task_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE task ADD COLUMN twenty_task_id varchar(100)');
    await q.query(`UPDATE task t SET twenty_task_id = r.twenty_id FROM twenty_record r
      WHERE r.kind = 'TASK' AND r.workspace_id = t.workspace_id AND r.relance_id = t.id`);
    await q.query('CREATE UNIQUE INDEX task_twenty_id ON task (twenty_task_id) WHERE twenty_task_id IS NOT NULL');
    await q.query('DROP TABLE twenty_webhook_event');
    await q.query('DROP TABLE twenty_record');
    await q.query('DROP TABLE twenty_connection');
  }
}
