import { Module } from '@nestjs/common';
import { ApprovalRequestRepository } from './approval-request.repository';
import { ApprovalRequestService } from './approval-request.service';

/**
 * Approval requests as rows: what each debt's workflow asks of its landlord, until when,
 * and what became of it. Exports its service only; the debt feature writes through it.
 */
@Module({
  providers: [ApprovalRequestRepository, ApprovalRequestService],
  exports: [ApprovalRequestService],
})
export class ApprovalsModule {}
