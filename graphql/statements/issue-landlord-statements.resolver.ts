import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { LandlordStatementService } from '../../src/statements/landlord-statement.service';
import { IssuedLandlordStatements } from './issued-statements.object';

/** The monthly statements on demand (the monthly Schedule runs the same for the month just over). */
@Resolver()
export class IssueLandlordStatementsResolver {
  constructor(private readonly statements: LandlordStatementService) {}

  @RequireRoles('ADMIN')
  @Mutation(() => IssuedLandlordStatements, {
    description:
      'Issues the statements of a month that is over (YYYY-MM) for every landlord with leases: PDF archived with its SHA-256, e-mailed where the mandate lists EMAIL. A landlord whose statement for the month exists gets nothing new.',
  })
  issueLandlordStatements(@CurrentActor() actor: Actor, @Args('month') month: string): Promise<IssuedLandlordStatements> {
    return this.statements.issueForActor(actor, month);
  }
}
