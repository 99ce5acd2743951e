import { Global, Module } from '@nestjs/common';
import { DebtModule } from '../debt/debt.module';
import { MessagingModule } from '../messaging/messaging.module';
import { TasksModule } from '../tasks/tasks.module';
import { TwentyModule } from '../twenty/twenty.module';
import { ArrearsDetectionSchedule } from './arrears-detection.schedule';
import { TemporalWorkerService } from './temporal-worker.service';
import { DebtCaseService } from '../debt/debt-case.service';

/** Global so `health` can report the worker's state wherever this process runs one. */
@Global()
@Module({
  imports: [DebtModule, MessagingModule, TasksModule, TwentyModule],
  providers: [TemporalWorkerService, DebtCaseService, ArrearsDetectionSchedule],
  exports: [TemporalWorkerService],
})
export class TemporalWorkerModule {}
