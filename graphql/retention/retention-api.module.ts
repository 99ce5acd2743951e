import { Module } from '@nestjs/common';
import { RetentionModule } from '../../src/retention/retention.module';
import { RunDataRetentionResolver } from './run-data-retention.resolver';

/** The retention feature's GraphQL surface: `runDataRetention`. */
@Module({
  imports: [RetentionModule],
  providers: [RunDataRetentionResolver],
})
export class RetentionApiModule {}
