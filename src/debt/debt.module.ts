import { Module } from '@nestjs/common';
import { DebtWorkflowsService } from './debt-workflows.service';

/** Starting debt workflows and sending them messages, for the API process. */
@Module({ providers: [DebtWorkflowsService], exports: [DebtWorkflowsService] })
export class DebtModule {}
