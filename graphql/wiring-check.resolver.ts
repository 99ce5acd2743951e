import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { WriteAccess } from '../src/auth/auth.decorators';
import { WiringCheckService } from '../src/wiring-check/wiring-check.service';
import { WiringCheckInput, WiringCheckResult } from './wiring-check.types';

@Resolver(() => WiringCheckResult)
export class WiringCheckResolver {
  constructor(private readonly wiringCheck: WiringCheckService) {}

  @WriteAccess()
  @Mutation(() => WiringCheckResult, {
    description:
      'Throw-away: runs a Temporal workflow whose activity writes a row in Postgres, and returns that row. ' +
      'Proves the API → Temporal → worker → database wiring; goes away with the dunning engine.',
  })
  async runWiringCheck(@Args('input') input: WiringCheckInput): Promise<WiringCheckResult> {
    return this.wiringCheck.run(input.message);
  }
}
