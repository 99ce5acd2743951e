import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { MessagingModule } from '../outbox/messaging.module';
import { ArrearsDetectionService } from './arrears-detection.service';
import { ScenarioCatalogService } from '../scenarios/scenario-catalog.service';
import { DebtWorkflowsService } from './debt-workflows.service';
import { MessageZonesService } from './message-zones.service';
import { TaskCompletionService } from './task-completion.service';

/**
 * Starting debt workflows, sending them messages and detecting arrears: for the API and
 * for the worker (whose scheduled detection starts workflows too).
 */
@Module({
  imports: [LedgerModule, MessagingModule],
  providers: [DebtWorkflowsService, ArrearsDetectionService, ScenarioCatalogService, TaskCompletionService, MessageZonesService],
  exports: [DebtWorkflowsService, ArrearsDetectionService, ScenarioCatalogService, TaskCompletionService, MessageZonesService],
})
export class DebtModule {}
