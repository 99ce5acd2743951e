import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A letter waiting for the landlord's approval is rendered when the approval is asked
 * (issue 12), so the landlord approves the letter itself: a draft document, never sent,
 * which the debt's list of sent letters leaves out.
 */
export class DraftLetters1795458600000 implements MigrationInterface {
  name = 'DraftLetters1795458600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document ADD COLUMN draft boolean NOT NULL DEFAULT false');
    await q.query(
      'ALTER TABLE approval_request ADD CONSTRAINT approval_request_document_fk FOREIGN KEY (workspace_id, document_id) REFERENCES document (workspace_id, id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE approval_request DROP CONSTRAINT approval_request_document_fk');
    await q.query('UPDATE approval_request SET document_id = NULL WHERE document_id IN (SELECT id FROM document WHERE draft)');
    await q.query('DELETE FROM document WHERE draft');
    await q.query('ALTER TABLE document DROP COLUMN draft');
  }
}
