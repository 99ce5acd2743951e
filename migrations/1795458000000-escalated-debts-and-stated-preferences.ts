import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A debt handed off to the litigation partner or the insurer stays ESCALATED: when it was
 * is kept, so that a pause or a payment plan on an escalated debt ends back in ESCALATED,
 * not OPEN. And a tenant's preferred channel is what the tenant said, or nothing: it now
 * narrows the channels of a message (a default of EMAIL would stop every courteous SMS).
 */
export class EscalatedDebtsAndStatedPreferences1795458000000 implements MigrationInterface {
  name = 'EscalatedDebtsAndStatedPreferences1795458000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE debt ADD COLUMN escalated_at timestamptz');
    await q.query('ALTER TABLE tenant ALTER COLUMN preferred_channel DROP NOT NULL, ALTER COLUMN preferred_channel DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE tenant SET preferred_channel = 'EMAIL' WHERE preferred_channel IS NULL`);
    await q.query(`ALTER TABLE tenant ALTER COLUMN preferred_channel SET DEFAULT 'EMAIL', ALTER COLUMN preferred_channel SET NOT NULL`);
    await q.query('ALTER TABLE debt DROP COLUMN escalated_at');
  }
}
