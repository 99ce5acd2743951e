import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { RelanceError } from '../../common/relance.error';
import { RecordService } from '../../records/record.service';
import type { DebtDocument } from './document.entity';
import { DocumentRepository, StoredDocument } from './document.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The PDFs kept with debts and landlords: the generic record API (read-only), their download, and a landlord's archive. */
@Injectable()
export class DocumentService extends RecordService<DebtDocument> {
  constructor(private readonly documents: DocumentRepository) {
    super(documents);
  }

  /**
   * A document's bytes as they were sent. A landlord's key reaches only the documents of
   * its own leases; anything else is NOT_FOUND, so ids reveal nothing.
   */
  async download(actor: Actor, id: string): Promise<Pick<DebtDocument, 'content' | 'fileName' | 'contentType' | 'sha256'>> {
    const document = UUID.test(id) ? await this.documents.download(actor, id) : undefined;
    if (!document) throw new RelanceError('NOT_FOUND', `No document ${id}`, { field: 'id' });
    return document;
  }

  /**
   * What retention does to a closed debt's documents, in the caller's transaction: the copy
   * of the agent's free-text zones kept beside each PDF goes; the PDF's bytes and its SHA-256
   * stay. A letter is legal proof of what was sent (a formal notice, a hand-off file may be
   * produced for as long as a judgment can be enforced), a draft of what the landlord
   * approved: changing a byte would break the proof its SHA-256 gives. How many changed.
   */
  anonymiseOfDebt(ref: { workspaceId: string; debtId: string }, db: Pick<EntityManager, 'query'>): Promise<number> {
    return this.documents.dropZonesOfDebt(ref.workspaceId, ref.debtId, db);
  }

  /**
   * Keeps a landlord's own PDF (a monthly statement) with its SHA-256, once per key: a
   * second call with the same key returns the first document and writes nothing. In the
   * caller's transaction when it passes its manager.
   */
  async archiveLandlordDocument(
    workspaceId: string,
    input: { landlordId: string; key: string; templateKey: string; title: string; fileName: string; content: Buffer; createdAt: string },
    db?: Pick<EntityManager, 'query'>,
  ): Promise<StoredDocument> {
    const existing = await this.documents.findByKey(workspaceId, input.key, db);
    if (existing) return existing;
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const id = await this.documents.insert(
      workspaceId,
      {
        debtId: null,
        landlordId: input.landlordId,
        templateKey: input.templateKey,
        title: input.title.slice(0, 300),
        fileName: input.fileName,
        sha256,
        content: input.content,
        idempotencyKey: input.key,
        createdAt: input.createdAt,
        zones: null,
      },
      db,
    );
    return { id, sha256, fileName: input.fileName };
  }
}
