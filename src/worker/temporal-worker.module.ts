import { Global, Module } from '@nestjs/common';
import { DebtModule } from '../debt/debt.module';
import { MessagingModule } from '../messaging/messaging.module';
import { TasksModule } from '../tasks/tasks.module';
import { TwentyModule } from '../twenty/twenty.module';
import { WorkerSchedules } from './worker-schedules';
import { StatementsModule } from '../statements/statements.module';
import { TemporalWorkerService } from './temporal-worker.service';
import { DebtCaseService } from '../debt/debt-case.service';
import { ApprovalNoticesService } from '../debt/approval-notices.service';
import { ApprovalsModule } from '../approvals/approvals.module';
import { RetentionModule } from '../retention/retention.module';

/** Global so `health` can report the worker's state wherever this process runs one. */
@Global()
@Module({
  imports: [DebtModule, MessagingModule, TasksModule, TwentyModule, ApprovalsModule, StatementsModule, RetentionModule],
  providers: [TemporalWorkerService, DebtCaseService, ApprovalNoticesService, WorkerSchedules],
  exports: [TemporalWorkerService],
})
export class TemporalWorkerModule {}
