import { LANDLORD_STATEMENT_TABLE, LandlordStatement } from '../../src/statements/landlord-statement.entity';
import { LandlordStatementService } from '../../src/statements/landlord-statement.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `landlordStatements` and `landlordStatement(id)`: read-only, a landlord sees its own; the statement run writes them. */
export const LandlordStatementResolver = recordResolverFor({
  name: 'LandlordStatement',
  plural: 'landlordStatements',
  node: LandlordStatement,
  table: LANDLORD_STATEMENT_TABLE,
  service: LandlordStatementService,
});
