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
}

export interface DebtRef {
  workspaceId: string;
  debtId: string;
}

export interface DebtActivities {
  readDebtState(ref: DebtRef): Promise<DebtLiveState>;
  /** Carries out (for now: records in the timeline) one step's action; idempotent on stepKey. */
  performStep(
    input: DebtRef & { stepKey: string; action: ActionKind; template?: string; scheduledAt: string; performedAt: string },
  ): Promise<void>;
  recordDebtEvent(input: DebtRef & { kind: string; summary: string; at: string; data?: Record<string, unknown> }): Promise<void>;
  /** Creates a task for an agent (call, visit, decision to chase). */
  createAgentTask(input: DebtRef & { title: string; body: string; dueAt: string; key: string }): Promise<void>;
  /** Mirrors the workflow's pause into the debt's status (OPEN ⇄ PAUSED) for lists and landlords. */
  setDebtPaused(input: DebtRef & { paused: boolean }): Promise<void>;
  closeDebt(input: DebtRef & { status: 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF'; reason: string; at: string }): Promise<void>;
}
