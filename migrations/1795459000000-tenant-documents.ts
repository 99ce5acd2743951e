import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant's documents (issue 14, point 8; loi 89-462 art. 21): quittances, reçus and
 * rent notices, queued in the ledger's transaction and issued as PDFs in `document`; and
 * the workspace's two choices about them (keep, e-mail or post them; issue rent notices or not).
 */
export class TenantDocuments1795459000000 implements MigrationInterface {
  name = 'TenantDocuments1795459000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace
      ADD COLUMN receipt_delivery varchar(16) NOT NULL DEFAULT 'ARCHIVE'
        CHECK (receipt_delivery IN ('ARCHIVE', 'EMAIL', 'POST', 'TENANT_CHANNEL')),
      ADD COLUMN rent_notices boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE tenant_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        lease_id uuid NOT NULL,
        kind varchar(12) NOT NULL CHECK (kind IN ('QUITTANCE', 'RECU', 'RENT_NOTICE')),
        document_key varchar(100) NOT NULL,
        period char(7) CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        charge_id uuid,
        payment_id uuid,
        amount_cents integer NOT NULL,
        facts jsonb NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ISSUED')),
        document_id uuid,
        sha256 char(64),
        issued_at timestamptz,
        delivery_status varchar(9) NOT NULL DEFAULT 'NOT_ASKED'
          CHECK (delivery_status IN ('NOT_ASKED', 'PENDING', 'SENDING', 'SENT', 'TO_PRINT', 'PRINTED', 'SKIPPED', 'FAILED')),
        delivery_error text,
        delivery_attempts smallint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, document_id) REFERENCES document (workspace_id, id),
        CHECK ((status = 'ISSUED') = (document_id IS NOT NULL AND sha256 IS NOT NULL AND issued_at IS NOT NULL))
      )`);
    // A document is owed once: a recomputed ledger or a retried import finds it and adds nothing.
    await q.query('CREATE UNIQUE INDEX tenant_document_once ON tenant_document (workspace_id, document_key)');
    await q.query('CREATE INDEX tenant_document_of_lease ON tenant_document (workspace_id, lease_id, created_at)');
    // What the issuer and the e-mail sweep look for: small partial indexes.
    await q.query(`CREATE INDEX tenant_document_pending ON tenant_document (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX tenant_document_to_send ON tenant_document (next_attempt_at) WHERE delivery_status = 'PENDING'`);
    // The print queue, oldest first.
    await q.query(`CREATE INDEX tenant_document_to_print ON tenant_document (workspace_id, created_at) WHERE delivery_status = 'TO_PRINT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tenant_document');
    await q.query('ALTER TABLE workspace DROP COLUMN rent_notices, DROP COLUMN receipt_delivery');
  }
}
