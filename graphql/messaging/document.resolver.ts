import { DebtDocument, DOCUMENT_TABLE } from '../../src/messaging/documents/document.entity';
import { DocumentService } from '../../src/messaging/documents/document.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `documents` and `document(id)`: read-only; the bytes download from `/documents/<id>`. */
export const DocumentResolver = recordResolverFor({
  name: 'Document',
  plural: 'documents',
  node: DebtDocument,
  table: DOCUMENT_TABLE,
  service: DocumentService,
});
