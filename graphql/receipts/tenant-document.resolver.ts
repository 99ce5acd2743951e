import { TENANT_DOCUMENT_TABLE, TenantDocument } from '../../src/receipts/tenant-document.entity';
import { TenantDocumentService } from '../../src/receipts/tenant-document.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `tenantDocuments` and `tenantDocument(id)`: read-only, a landlord sees its own leases'; the ledger's entries make them. */
export const TenantDocumentResolver = recordResolverFor({
  name: 'TenantDocument',
  plural: 'tenantDocuments',
  node: TenantDocument,
  table: TENANT_DOCUMENT_TABLE,
  service: TenantDocumentService,
});
