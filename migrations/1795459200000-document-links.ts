import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared links to a debt's letters (issue 13, item 3: "letters are linked or attached"):
 * a note in Twenty links to the letter's PDF through a signed URL an agent opens from the
 * CRM without a Relance key. One live link per document and audience; revoking it (the
 * Twenty connection forgotten or its objects uninstalled) stamps `revoked_at`, and the
 * URL answers 404 from then on. Opens are counted.
 */
export class DocumentLinks1795459200000 implements MigrationInterface {
  name = 'DocumentLinks1795459200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        document_id uuid NOT NULL,
        audience varchar(16) NOT NULL CHECK (audience IN ('TWENTY')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        opened_count integer NOT NULL DEFAULT 0,
        last_opened_at timestamptz,
        FOREIGN KEY (workspace_id, document_id) REFERENCES document (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX document_link_live ON document_link (workspace_id, document_id, audience) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE document_link');
  }
}
