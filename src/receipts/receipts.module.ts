import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { TenantDocumentFactsRepository } from './tenant-document-facts.repository';
import { TenantDocumentRepository } from './tenant-document.repository';
import { TenantDocumentService } from './tenant-document.service';

/**
 * The tenant's documents (loi 89-462 art. 21): the `tenant_document` table and its scoped
 * repository, their read model, the PDFs and e-mails. Registers itself with the (global)
 * ledger as its write listener; documents and e-mail go through messaging's services.
 * Loaded by every process: entries are recorded by the API and the worker alike.
 */
@Module({
  imports: [MessagingModule],
  providers: [TenantDocumentRepository, TenantDocumentFactsRepository, TenantDocumentService],
  exports: [TenantDocumentService],
})
export class ReceiptsModule {}
