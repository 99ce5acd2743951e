import { Module } from '@nestjs/common';
import { DebtModule } from '../debt/debt.module';
import { TwentySyncService } from './twenty-sync.service';

/** The Twenty connector: mirroring tasks (worker) and receiving its webhook (API). */
@Module({
  imports: [DebtModule],
  providers: [TwentySyncService],
  exports: [TwentySyncService],
})
export class TwentyModule {}
