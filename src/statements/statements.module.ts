import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MessagingModule } from '../messaging/messaging.module';
import { WorkspaceModule } from '../workspace/workspace.module';
import { LandlordStatementRepository } from './landlord-statement.repository';
import { LandlordStatementService } from './landlord-statement.service';
import { StatementFactsRepository } from './statement-facts.repository';

/**
 * Landlords' monthly statements: the `landlord_statement` table and its scoped
 * repository, the month's read model, the PDF and the e-mail. Exports its service only;
 * documents and e-mail go through messaging's services.
 */
@Module({
  imports: [ApprovalsModule, MessagingModule, WorkspaceModule],
  providers: [LandlordStatementRepository, StatementFactsRepository, LandlordStatementService],
  exports: [LandlordStatementService],
})
export class StatementsModule {}
