import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { MessagingModule } from '../messaging/messaging.module';
import { ArrearsDetectionService } from './arrears-detection.service';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { DebtOverdueListener } from './debt-overdue-listener';
import { DebtWorkflowsService } from './debt-workflows.service';
import { DebtService } from './debt.service';
import { DebtLetterFactsService } from './debt-letter-facts.service';
import { LegalCalendarService } from './legal-calendar.service';
import { MessageZonesService } from './message-zones.service';
import { TaskCompletionService } from './task-completion.service';
import { TasksModule } from '../tasks/tasks.module';
import { WorkspaceModule } from '../workspace/workspace.module';
import { TimelineModule } from '../timeline/timeline.module';
import { ApprovalsModule } from '../approvals/approvals.module';

/**
 * Starting debt workflows, sending them messages and detecting arrears: for the API and
 * for the worker (whose scheduled detection starts workflows too).
 */
@Module({
  imports: [LedgerModule, MessagingModule, ScenariosModule, TasksModule, WorkspaceModule, TimelineModule, ApprovalsModule],
  providers: [
    DebtService,
    DebtLetterFactsService,
    DebtWorkflowsService,
    ArrearsDetectionService,
    TaskCompletionService,
    MessageZonesService,
    LegalCalendarService,
    DebtOverdueListener,
  ],
  exports: [
    DebtService,
    DebtLetterFactsService,
    DebtWorkflowsService,
    ArrearsDetectionService,
    TaskCompletionService,
    MessageZonesService,
    LegalCalendarService,
  ],
})
export class DebtModule {}
