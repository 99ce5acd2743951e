import { Module } from '@nestjs/common';
import { TwentyModule } from '../../src/twenty/twenty.module';
import { TwentyResolver } from './twenty.resolver';

/** The Twenty connector's GraphQL surface: the workspace's connection, its install and the sync's state. */
@Module({
  imports: [TwentyModule],
  providers: [TwentyResolver],
  exports: [TwentyModule],
})
export class TwentyApiModule {}
