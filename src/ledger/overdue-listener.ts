import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../domain/calendar-date';
import type { Cents } from '../domain/money';

/** What a lease owes past due, as the ledger just recomputed it. */
export interface LeaseOverdue {
  leaseId: string;
  /** Outstanding on charges due before today; 0 or less when nothing is overdue. */
  amountCents: Cents;
  /** The oldest due date still unpaid, null when nothing is overdue. */
  oldestUnpaidDueDate: IsoDate | null;
}

/** What changed on one lease's open debt. */
export interface DebtChange {
  leaseId: string;
  debtId: string;
  amountCents: Cents;
  oldestUnpaidDueDate: IsoDate | null;
  /** The debt owes nothing any more: it closed RESOLVED. */
  resolved: boolean;
}

/** What the debts of some leases made of their new overdue money. */
export interface OverdueOutcome {
  /** The debt each lease had open before (one cleared now included), by lease id: its timeline gets the lease's payments. */
  openDebtIds: Map<string, string>;
  /** The open debts whose amount or oldest unpaid due date changed. */
  changes: DebtChange[];
}

/**
 * The ledger's port to the dunning engine, which sits above it: "the overdue money of
 * these leases was recomputed, in this transaction". The debt feature implements it and
 * registers itself with `LedgerService.registerOverdueListener` at start-up; the ledger
 * knows no debt table. Called with the leases locked, on the caller's transaction: what
 * the listener writes commits or rolls back with the ledger's entries.
 */
export interface OverdueListener {
  onOverdueChanged(manager: EntityManager, workspaceId: string, overdue: LeaseOverdue[]): Promise<OverdueOutcome>;
}

/** No listener: nothing to bring in line (a ledger used outside the application, e.g. a seed). */
export const NO_OVERDUE_OUTCOME: OverdueOutcome = { openDebtIds: new Map(), changes: [] };
