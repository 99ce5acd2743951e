import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Landlords' monthly statements (issue 12): one row per landlord and month, archived as a
 * PDF document with its SHA-256. A statement's document belongs to a landlord rather than
 * to a debt, so `document.debt_id` may be null when `document.landlord_id` is set.
 */
export class LandlordStatements1795458500000 implements MigrationInterface {
  name = 'LandlordStatements1795458500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document ALTER COLUMN debt_id DROP NOT NULL');
    await q.query('ALTER TABLE document ADD COLUMN landlord_id uuid');
    await q.query(
      'ALTER TABLE document ADD CONSTRAINT document_landlord_fk FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id)',
    );
    await q.query(
      'ALTER TABLE document ADD CONSTRAINT document_of_debt_or_landlord CHECK (debt_id IS NOT NULL OR landlord_id IS NOT NULL)',
    );
    await q.query('CREATE INDEX document_of_landlord ON document (workspace_id, landlord_id, created_at) WHERE landlord_id IS NOT NULL');
    await q.query(`
      CREATE TABLE landlord_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        landlord_id uuid NOT NULL,
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        document_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        figures jsonb NOT NULL,
        email_status varchar(12) NOT NULL
          CHECK (email_status IN ('NOT_ASKED', 'PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')),
        email_error text,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id),
        FOREIGN KEY (workspace_id, document_id) REFERENCES document (workspace_id, id)
      )`);
    // One statement per landlord and month: a second run finds it and makes nothing.
    await q.query('CREATE UNIQUE INDEX landlord_statement_once ON landlord_statement (workspace_id, landlord_id, month)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE landlord_statement');
    await q.query('DROP INDEX document_of_landlord');
    await q.query('ALTER TABLE document DROP CONSTRAINT document_of_debt_or_landlord');
    await q.query('ALTER TABLE document DROP CONSTRAINT document_landlord_fk');
    await q.query('ALTER TABLE document DROP COLUMN landlord_id');
    await q.query('ALTER TABLE document ALTER COLUMN debt_id SET NOT NULL');
  }
}
