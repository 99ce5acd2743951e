import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { RelanceError } from '../../common/relance.error';
import { RecordService } from '../../records/record.service';
import type { DebtDocument } from './document.entity';
import { DocumentRepository } from './document.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The PDFs kept with debts: the generic record API (read-only), and their download. */
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
}
