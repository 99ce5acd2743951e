import { Module } from '@nestjs/common';
import { DebtModule } from '../debt/debt.module';
import { TasksModule } from '../tasks/tasks.module';
import { TwentySyncService } from './twenty-sync.service';

/**
 * The Twenty connector: mirroring tasks (it registers itself as the tasks' TaskMirror) and
 * receiving its webhook (API). The highest feature: it calls tasks and debt, never the reverse.
 */
@Module({
  imports: [TasksModule, DebtModule],
  providers: [TwentySyncService],
  exports: [TwentySyncService],
})
export class TwentyModule {}
