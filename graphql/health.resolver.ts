import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../src/auth/auth.decorators';
import { HealthService } from '../src/health/health.service';
import { HealthReport } from './health.types';

@Resolver(() => HealthReport)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthReport, { description: 'Reachability of Postgres and Temporal from this process.' })
  async health(): Promise<HealthReport> {
    return this.healthService.check();
  }
}
