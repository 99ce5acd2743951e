import { Module } from '@nestjs/common';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { TenantDocumentResolver } from './tenant-document.resolver';

/** The tenant documents' GraphQL surface: `tenantDocuments` (quittances, reçus, rent notices). */
@Module({
  imports: [ReceiptsModule],
  providers: [TenantDocumentResolver],
})
export class ReceiptsApiModule {}
