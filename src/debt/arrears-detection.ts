import type { EntityManager } from 'typeorm';
import { IsoDate } from '../domain/calendar-date';
import { recordDebtEvents } from '../timeline/timeline.service';
import { DebtRepository } from './debt.repository';
import { assessDebtProfiles } from './tenant-profile';

/** Days after a due date before unpaid rent counts as arrears and opens a debt. */
export const DEFAULT_GRACE_DAYS = 5;

export interface OpenedDebt {
  debtId: string;
  leaseId: string;
  amountCents: number;
}

/**
 * Opens a debt on every lease of the workspace with money unpaid more than `graceDays`
 * after its due date and no open debt yet, and decides each one's profile from its tenants'
 * history (the debt itself not counted: {@link assessDebtProfiles}). Idempotent: the partial unique index on open
 * debts makes a concurrent second run insert nothing. (The dunning engine adds starting
 * each debt's workflow and a daily Schedule on top of this.)
 */
export async function openDebtsForArrears(
  manager: EntityManager,
  workspaceId: string,
  asOf: IsoDate,
  graceDays = DEFAULT_GRACE_DAYS,
): Promise<OpenedDebt[]> {
  // Lock the candidate leases in id order, as the ledger seam does, so that a payment
  // committing meanwhile is either seen by the insert below or waits for it: never a debt
  // opened on a lease just paid, never a deadlock with a payment batch.
  const debts = new DebtRepository(manager);
  const candidates = await debts.lockArrearsCandidates(workspaceId, asOf, graceDays);
  if (candidates.length === 0) return [];
  const rows = await debts.openForArrears(workspaceId, asOf, graceDays, candidates);
  if (rows.length > 0) {
    await recordDebtEvents(
      manager,
      workspaceId,
      rows.map((r) => ({
        debtId: r.id,
        kind: 'DEBT_OPENED',
        key: 'opened',
        actor: { kind: 'SYSTEM', id: null },
        summary: 'Arrears detected: debt opened',
        data: { amountCents: r.amountCents },
      })),
    );
    await assessDebtProfiles(
      manager,
      workspaceId,
      rows.map((r) => r.id),
      graceDays,
    );
  }
  return rows.map((r) => ({ debtId: r.id, leaseId: r.leaseId, amountCents: r.amountCents }));
}
