import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { RecordRepository } from '../../records/record.repository';
import type { MessageZone } from '../templates/message-zones';
import { DebtDocument, DOCUMENT_TABLE } from './document.entity';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** A stored PDF, as a send or a hand-off refers to it. */
export type StoredDocument = Pick<DebtDocument, 'id' | 'sha256' | 'fileName'>;

/** A PDF to keep: its bytes, what it is, and the send (or hand-off) it was made for. */
export type NewDocument = Pick<
  DebtDocument,
  'debtId' | 'templateKey' | 'title' | 'fileName' | 'sha256' | 'content' | 'idempotencyKey' | 'createdAt'
> & {
  zones: MessageZone[] | null;
  /** Set (and `debtId` null) for a landlord's own document: a monthly statement. */
  landlordId?: string | null;
  /** A letter to approve, never sent. */
  draft?: boolean;
};

/**
 * The `document` table's SQL, always within the caller's workspace (and landlord, for
 * LANDLORD keys): the record API's reads, the outbox's writes (once per key), and the
 * download of a PDF's bytes.
 */
@Injectable()
export class DocumentRepository extends RecordRepository<DebtDocument> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(DOCUMENT_TABLE, dataSource);
  }

  /** The document made for a key, if any: a retried step renders its letter once. */
  async findByKey(workspaceId: string, idempotencyKey: string, db: Db = this.dataSource): Promise<StoredDocument | undefined> {
    const [row]: Array<{ id: string; sha256: string; file_name: string }> = await db.query(
      'SELECT id, sha256, file_name FROM document WHERE workspace_id = $1 AND idempotency_key = $2',
      [workspaceId, idempotencyKey],
    );
    return row && { id: row.id, sha256: row.sha256, fileName: row.file_name };
  }

  /** Keeps a PDF (application/pdf); returns its id. */
  async insert(workspaceId: string, d: NewDocument, db: Db = this.dataSource): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO document (workspace_id, debt_id, template_key, title, file_name, content_type, sha256, size_bytes, content, idempotency_key, created_at, zones, landlord_id, draft)
       VALUES ($1, $2, $3, $4, $5, 'application/pdf', $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        workspaceId,
        d.debtId,
        d.templateKey,
        d.title,
        d.fileName,
        d.sha256,
        d.content.length,
        d.content,
        d.idempotencyKey,
        d.createdAt,
        d.zones?.length ? JSON.stringify(d.zones) : null,
        d.landlordId ?? null,
        d.draft ?? false,
      ],
    );
    return row.id;
  }

  /**
   * Drops the copy of the agent's free-text zones kept beside a debt's documents, in the
   * caller's transaction; the PDFs themselves and their SHA-256 stay (see
   * DocumentService.anonymiseOfDebt). How many documents changed.
   */
  async dropZonesOfDebt(workspaceId: string, debtId: string, db: Db): Promise<number> {
    const rows: unknown[] = await db.query(
      `WITH changed AS (UPDATE document SET zones = NULL WHERE workspace_id = $1 AND debt_id = $2 AND zones IS NOT NULL RETURNING id)
       SELECT id FROM changed`,
      [workspaceId, debtId],
    );
    return rows.length;
  }

  /**
   * A document's bytes and headers, within the actor's workspace and, for a LANDLORD key or
   * session, its leases' debts and its own statements.
   */
  async download(
    actor: Pick<Actor, 'workspaceId' | 'landlordId'>,
    id: string,
    db: Db = this.dataSource,
  ): Promise<Pick<DebtDocument, 'content' | 'fileName' | 'contentType' | 'sha256'> | undefined> {
    const [row]: Array<{ content: Buffer; file_name: string; content_type: string; sha256: string }> = await db.query(
      `SELECT dc.content, dc.file_name, dc.content_type, dc.sha256 FROM document dc
       LEFT JOIN debt y ON y.workspace_id = dc.workspace_id AND y.id = dc.debt_id
       LEFT JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
       WHERE dc.workspace_id = $1 AND dc.id = $2
         AND ($3::uuid IS NULL OR x.landlord_id = $3::uuid OR dc.landlord_id = $3::uuid)`,
      [actor.workspaceId, id, actor.landlordId ?? null],
    );
    return row && { content: row.content, fileName: row.file_name, contentType: row.content_type, sha256: row.sha256 };
  }
}
