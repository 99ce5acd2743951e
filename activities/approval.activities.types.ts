import type { Installment } from '../src/domain/payment-plan';
import type { ActionKind } from '../src/domain/scenario';
import type { DebtRef } from './debt.activities.types';

/** One approval the workflow asked for: the step (or "payment-plan") and when it asked. */
export interface ApprovalRequestRef extends DebtRef {
  stepKey: string;
  requestedAt: string;
}

/**
 * What the debt workflow asks of the outside world about a landlord's approvals (runs with
 * `patched('approval-requests')`): the request as a row and the landlord told by the
 * channels the mandate lists, a reminder before the deadline, the lapse at it. Each is
 * idempotent; workflow tests stub them.
 */
export interface ApprovalActivities {
  /**
   * Writes the request (once), with the step's letter rendered as a draft when it sends
   * one, and tells the landlord by each channel of the mandate:
   * e-mail with the link to the extranet's Decisions page, letter through the print queue,
   * nothing more for the extranet; each notice in the debt's timeline.
   */
  requestLandlordApproval(
    input: ApprovalRequestRef & {
      deadlineAt: string;
      /** The step's action; absent for a payment plan. */
      action?: ActionKind;
      /** The step's letter: rendered as a draft for the landlord to read before deciding (a step that sends one). */
      template?: string;
      /** The plan to approve. */
      installments?: Installment[];
    },
  ): Promise<void>;
  /** Reminds the landlord by e-mail when the request is still pending (once), and says so in the timeline. */
  remindLandlordApproval(input: ApprovalRequestRef & { at: string }): Promise<void>;
  /** The request lapses: at its deadline, or because the debt closed before a decision. */
  lapseLandlordApproval(input: ApprovalRequestRef & { at: string; reason: 'DEADLINE' | 'DEBT_CLOSED' }): Promise<void>;
}
