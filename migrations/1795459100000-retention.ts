import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention after a debt closes (issue 14, item 9; CNIL): how many months a workspace keeps
 * a closed debt's free text (36 by default: src/domain/retention.ts), and when each debt's
 * was anonymised, once (the nightly run looks for closed debts not anonymised yet, by the
 * day they closed).
 */
export class Retention1795459100000 implements MigrationInterface {
  name = 'Retention1795459100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace ADD COLUMN retention_months_after_close smallint NOT NULL DEFAULT 36
                     CHECK (retention_months_after_close BETWEEN 1 AND 240)`);
    await q.query('ALTER TABLE debt ADD COLUMN anonymised_at timestamptz');
    await q.query(`CREATE INDEX debt_due_for_anonymisation ON debt (workspace_id, closed_at, id)
                     WHERE anonymised_at IS NULL AND closed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX debt_due_for_anonymisation');
    await q.query('ALTER TABLE debt DROP COLUMN anonymised_at');
    await q.query('ALTER TABLE workspace DROP COLUMN retention_months_after_close');
  }
}
