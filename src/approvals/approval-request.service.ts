import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { ANONYMISED_TEXT } from '../domain/retention';
import { RecordService } from '../records/record.service';
import { ApprovalRequest } from './approval-request.entity';
import { ApprovalDb, ApprovalRef, ApprovalRequestRepository, NewApprovalRequest, RequestedApproval } from './approval-request.repository';

export type { ApprovalRef, NewApprovalRequest, RequestedApproval } from './approval-request.repository';

/**
 * Approval requests (issue 12): what a debt's workflow asks of its landlord, listed for
 * the extranet's Decisions page within the caller's scope. The workflow's activities (in
 * the debt feature) write a request, its reminder and its lapse; the decision is written
 * by the path that signals it to the workflow, in the same transaction.
 */
@Injectable()
export class ApprovalRequestService extends RecordService<ApprovalRequest> {
  constructor(private readonly requests: ApprovalRequestRepository) {
    super(requests);
  }

  /**
   * Anonymises the landlord's comments on a closed debt's decisions in the caller's
   * transaction, once its retention is over (the decisions themselves, who and when, stay);
   * how many requests changed.
   */
  anonymiseOfDebt(db: ApprovalDb, ref: { workspaceId: string; debtId: string }): Promise<number> {
    return this.requests.anonymiseOfDebt(db, ref.workspaceId, ref.debtId, ANONYMISED_TEXT);
  }

  /** Writes the request once; undefined when the debt does not exist. */
  request(db: ApprovalDb, request: NewApprovalRequest): Promise<RequestedApproval | undefined> {
    return this.requests.insertRequest(db, request);
  }

  /** A landlord's requests still awaiting a decision (the monthly statement lists them). */
  pendingOfLandlord(workspaceId: string, landlordId: string) {
    return this.requests.pendingOfLandlord(workspaceId, landlordId);
  }

  find(db: ApprovalDb, ref: ApprovalRef): Promise<RequestedApproval | undefined> {
    return this.requests.find(db, ref);
  }

  /** True when the request was still pending and not reminded yet: the caller sends the reminder. */
  markReminded(db: ApprovalDb, ref: ApprovalRef, at: string): Promise<boolean> {
    return this.requests.markReminded(db, ref, at);
  }

  /** True when the request was still pending: it lapsed now. */
  markLapsed(db: ApprovalDb, ref: ApprovalRef, at: string): Promise<boolean> {
    return this.requests.markLapsed(db, ref, at);
  }

  /** The decision on the debt's pending request for `stepKey`, in the decider's name; the request's id, if one was pending. */
  recordDecision(
    db: ApprovalDb,
    actor: Actor,
    debtId: string,
    stepKey: string,
    decision: { approve: boolean; comment: string | null; by: string; at: string },
  ): Promise<string | undefined> {
    return this.requests.decide(db, actor, debtId, stepKey, decision);
  }
}
