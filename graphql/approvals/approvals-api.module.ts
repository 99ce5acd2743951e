import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../../src/approvals/approvals.module';
import { ApprovalRequestPlanResolver, ApprovalRequestResolver } from './approval-request.resolver';

/** The approvals' GraphQL surface: `approvalRequests`, what landlords are asked to decide (the Decisions page). */
@Module({ imports: [ApprovalsModule], providers: [ApprovalRequestResolver, ApprovalRequestPlanResolver] })
export class ApprovalsApiModule {}
