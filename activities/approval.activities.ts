import type { ApprovalNoticesService } from '../src/debt/approval-notices.service';
import type { ApprovalActivities } from './approval.activities.types';

/** The approval activities: thin, idempotent adapters over the debt feature's approval notices. */
export function createApprovalActivities(service: ApprovalNoticesService): ApprovalActivities {
  return {
    requestLandlordApproval: (input) => service.request(input),
    remindLandlordApproval: (input) => service.remind(input),
    lapseLandlordApproval: (input) => service.lapse(input),
  };
}
