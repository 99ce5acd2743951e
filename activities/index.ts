import type { ArrearsDetectionService } from '../src/debt/arrears-detection.service';
import type { ApprovalNoticesService } from '../src/debt/approval-notices.service';
import type { DebtCaseService } from '../src/debt/debt-case.service';
import type { OutboxService } from '../src/messaging/outbox/outbox.service';
import type { RetentionService } from '../src/retention/retention.service';
import type { LandlordStatementService } from '../src/statements/landlord-statement.service';
import { createApprovalActivities } from './approval.activities';
import { createArrearsDetectionActivities } from './arrears-detection.activities';
import { createDebtActivities } from './debt.activities';
import { createLandlordStatementsActivities } from './landlord-statements.activities';
import { createRetentionActivities } from './retention.activities';

/** The services activities adapt; the worker hands in the ones from its Nest container. */
export interface ActivityDependencies {
  debtCases: DebtCaseService;
  arrearsDetection: ArrearsDetectionService;
  outbox: OutboxService;
  approvalNotices: ApprovalNoticesService;
  landlordStatements: LandlordStatementService;
  retention: RetentionService;
}

/** Every activity the worker registers. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createDebtActivities(deps.debtCases),
    ...createArrearsDetectionActivities(deps.arrearsDetection, deps.outbox),
    ...createApprovalActivities(deps.approvalNotices),
    ...createLandlordStatementsActivities(deps.landlordStatements),
    ...createRetentionActivities(deps.retention),
  };
}
