import { Module } from '@nestjs/common';
import { StatementsModule } from '../../src/statements/statements.module';
import { IssueLandlordStatementsResolver } from './issue-landlord-statements.resolver';
import { LandlordStatementResolver } from './landlord-statement.resolver';

/** The statements feature's GraphQL surface: `landlordStatements` and `issueLandlordStatements`. */
@Module({
  imports: [StatementsModule],
  providers: [LandlordStatementResolver, IssueLandlordStatementsResolver],
})
export class StatementsApiModule {}
