import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two leftovers of the foundation go:
 * - the throw-away wiring check's table (its code is gone; 1795456800000 still creates the
 *   table on a fresh database, as it ran on existing ones, and this drops it);
 * - the 1–28 limit on a lease's due day: 29, 30 and 31 now mean "that day, or the month's
 *   last day when it has fewer" (src/domain/calendar-date.ts, dueDateOf).
 */
export class DropWiringCheckDueDayMonthEnd1795457700000 implements MigrationInterface {
  name = 'DropWiringCheckDueDayMonthEnd1795457700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS wiring_check_run');
    await q.query('ALTER TABLE lease DROP CONSTRAINT lease_due_day_check');
    await q.query('ALTER TABLE lease ADD CONSTRAINT lease_due_day_check CHECK (due_day BETWEEN 1 AND 31)');
  }

  async down(q: QueryRunner): Promise<void> {
    // Month-end leases go back to the last day every month has.
    await q.query('UPDATE lease SET due_day = 28 WHERE due_day > 28');
    await q.query('ALTER TABLE lease DROP CONSTRAINT lease_due_day_check');
    await q.query('ALTER TABLE lease ADD CONSTRAINT lease_due_day_check CHECK (due_day BETWEEN 1 AND 28)');
    await q.query(`
      CREATE TABLE wiring_check_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id varchar(200) NOT NULL UNIQUE,
        message varchar(200) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
