import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovalRequest, APPROVAL_REQUEST_TABLE } from '../../src/approvals/approval-request.entity';
import { ApprovalRequestService } from '../../src/approvals/approval-request.service';
import type { Installment } from '../../src/domain/payment-plan';
import { InstallmentInput } from '../debt/installment.input';
import { recordResolverFor } from '../records/record-resolver.factory';

/**
 * `approvalRequests` and `approvalRequest(id)`: read-only (the debts' workflows write them;
 * `decideApproval` decides), scoped like every list — a landlord sees its own requests.
 */
export const ApprovalRequestResolver = recordResolverFor({
  name: 'ApprovalRequest',
  plural: 'approvalRequests',
  node: ApprovalRequest,
  table: APPROVAL_REQUEST_TABLE,
  service: ApprovalRequestService,
});

/** The plan to approve, read from the row's own statement (no query per row). */
@Resolver(() => ApprovalRequest)
export class ApprovalRequestPlanResolver {
  @ResolveField(() => [InstallmentInput], { nullable: true, description: 'The payment plan to approve (kind PAYMENT_PLAN).' })
  planInstallments(@Parent() request: ApprovalRequest & { planInstallmentsJson?: string | null }): Installment[] | null {
    if (request.planInstallments) return request.planInstallments;
    return request.planInstallmentsJson ? (JSON.parse(request.planInstallmentsJson) as Installment[]) : null;
  }
}
