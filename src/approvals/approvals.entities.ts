import { ApprovalRequest } from './approval-request.entity';

/** The table of the approvals feature: what debts' workflows ask of landlords. */
export const APPROVALS_ENTITIES = [ApprovalRequest];
