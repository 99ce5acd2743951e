import type { DebtCaseProgress } from '../src/domain/debt-reducer';
import type { LegalFacts } from '../src/domain/legal-rules';
import type { ActionKind } from '../src/domain/scenario';

/**
 * What the debt workflow asks of the outside world. The implementations are thin adapters
 * over the debt services; workflow tests stub them.
 */
export interface DebtLiveState {
  /** Overdue balance now, in cents. */
  balanceCents: number;
  /** Oldest unpaid due date, or null when nothing is overdue. */
  anchor: string | null;
  /** Payments recorded on the lease since `paymentsSince` (when asked), in cents. */
  paidSinceCents?: number;
  /** What the legal deadlines are computed from (src/domain/legal-rules.ts), while the debt is open and overdue. */
  legal?: LegalFacts;
}

export interface DebtRef {
  workspaceId: string;
  debtId: string;
}

export interface DebtActivities {
  /** The live balance; with `paymentsSince` (an instant), also what was paid since (a payment plan's progress). */
  /** With `withLegal`, also the facts the legal deadlines need (runs with the `legal-deadlines` patch). */
  readDebtState(ref: DebtRef & { paymentsSince?: string; withLegal?: boolean }): Promise<DebtLiveState>;
  /**
   * Carries out one step's action: its messages through the outbox (each sent once), the
   * agent's task with its script for manual steps, a hand-off's file, a fee where allowed;
   * all recorded in the timeline. Idempotent on stepKey: a retry finishes what is left.
   */
  performStep(
    input: DebtRef & {
      stepKey: string;
      action: ActionKind;
      template?: string;
      scheduledAt: string;
      performedAt: string;
      /** Set by runs that publish their status through {@link recordDebtProgress}: a hand-off then records when, not the status. */
      statusByWorkflow?: boolean;
    },
  ): Promise<void>;
  /** Writes a timeline entry, once per `key` (by default its kind and instant: give one when a turn writes several of a kind). */
  recordDebtEvent(
    input: DebtRef & { kind: string; summary: string; at: string; data?: Record<string, unknown>; key?: string },
  ): Promise<void>;
  /**
   * Creates a task for an agent (call, visit, decision to chase), once per key; the timeline
   * says so at `at` (by default its due time, which is now for most tasks).
   */
  createAgentTask(input: DebtRef & { title: string; body: string; dueAt: string; key: string; at?: string }): Promise<void>;
  /**
   * Publishes where the case stands on the debt's row — its status, the step done last and
   * the next action — for lists, filters and landlords, with no call to Temporal. Called
   * when they change (runs with the `debt-progress` patch); a closed row is left alone.
   */
  recordDebtProgress(input: DebtRef & DebtCaseProgress): Promise<void>;
  /** Before `debt-progress`: mirrors the workflow's pause into the debt's status (OPEN ⇄ PAUSED). Kept so those runs replay. */
  setDebtPaused(input: DebtRef & { paused: boolean }): Promise<void>;
  /** Before `debt-progress`: mirrors a payment plan into the debt's status (OPEN ⇄ PAYMENT_PLAN). Kept so those runs replay. */
  setDebtOnPlan(input: DebtRef & { onPlan: boolean }): Promise<void>;
  closeDebt(input: DebtRef & { status: 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF'; reason: string; at: string }): Promise<void>;
}
