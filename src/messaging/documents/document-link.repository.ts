import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DocumentLinkAudience } from './document-link.entity';

/** The `document_link` table's SQL: a document's live link, made once; revocation; an open, counted. */
@Injectable()
export class DocumentLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The id of the live link to a sent letter of the workspace for `audience`, made on first ask; undefined for no such letter. */
  async live(workspaceId: string, documentId: string, audience: DocumentLinkAudience): Promise<string | undefined> {
    await this.dataSource.query(
      `INSERT INTO document_link (workspace_id, document_id, audience)
       SELECT workspace_id, id, $3::varchar FROM document WHERE workspace_id = $1 AND id = $2 AND debt_id IS NOT NULL AND NOT draft
       ON CONFLICT (workspace_id, document_id, audience) WHERE revoked_at IS NULL DO NOTHING`,
      [workspaceId, documentId, audience],
    );
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM document_link WHERE workspace_id = $1 AND document_id = $2 AND audience = $3::varchar AND revoked_at IS NULL`,
      [workspaceId, documentId, audience],
    );
    return row?.id;
  }

  /** Revokes the workspace's live links for `audience`; how many. */
  async revoke(workspaceId: string, audience: DocumentLinkAudience): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE document_link SET revoked_at = now() WHERE workspace_id = $1 AND audience = $2 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM revoked`,
      [workspaceId, audience],
    );
    return rows.length;
  }

  /** The document behind a live link, its open counted; undefined when the link is unknown or revoked. */
  async open(linkId: string): Promise<{ workspaceId: string; documentId: string } | undefined> {
    const [row]: Array<{ workspaceId: string; documentId: string }> = await this.dataSource.query(
      `WITH opened AS (
         UPDATE document_link SET opened_count = opened_count + 1, last_opened_at = now()
         WHERE id = $1 AND revoked_at IS NULL RETURNING workspace_id, document_id)
       SELECT workspace_id AS "workspaceId", document_id AS "documentId" FROM opened`,
      [linkId],
    );
    return row;
  }
}
