import { Args, Query, Resolver } from '@nestjs/graphql';
import { findSensitiveTerms } from '../../src/domain/sensitive-terms';
import { SensitiveTerm } from './sensitive-term.object';

/** The sensitive-data check an agent's call report goes through before it is saved. */
@Resolver()
export class CallReportResolver {
  @Query(() => [SensitiveTerm], {
    description:
      'Words of a call report that look like sensitive data (health, offences, insults, origin, religion…): warn the agent before saving.',
  })
  checkCallReport(@Args('report') report: string): SensitiveTerm[] {
    return findSensitiveTerms(report);
  }
}
