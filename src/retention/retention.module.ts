import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { DebtModule } from '../debt/debt.module';
import { MessagingModule } from '../messaging/messaging.module';
import { TasksModule } from '../tasks/tasks.module';
import { TimelineModule } from '../timeline/timeline.module';
import { WorkspaceModule } from '../workspace/workspace.module';
import { RetentionService } from './retention.service';

/**
 * Retention after a debt closes (CNIL): finds the closed debts past their workspace's
 * retention and anonymises them through each feature's service (debt, tasks, timeline,
 * messaging, approvals). It owns no table. Exports its service: the API's `runDataRetention`
 * and the worker's nightly Schedule run the same purge.
 */
@Module({
  imports: [WorkspaceModule, DebtModule, TasksModule, TimelineModule, MessagingModule, ApprovalsModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
