import { Module } from '@nestjs/common';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { TenantDocumentPrintResolver } from './tenant-document-print.resolver';
import { TenantDocumentResolver } from './tenant-document.resolver';

/** The tenant documents' GraphQL surface: `tenantDocuments` (quittances, reçus, rent notices) and their print queue. */
@Module({
  imports: [ReceiptsModule],
  providers: [TenantDocumentResolver, TenantDocumentPrintResolver],
})
export class ReceiptsApiModule {}
