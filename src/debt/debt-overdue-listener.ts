import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { DebtChange, LeaseOverdue, OverdueListener, OverdueOutcome } from '../ledger/overdue-listener';
import { DebtRepository } from './debt.repository';

/**
 * The dunning engine's side of the ledger's port: when the ledger recomputes what some
 * leases owe past due, their open debts take the new amount and oldest unpaid due date, in
 * the ledger's transaction; a debt that owes nothing any more closes RESOLVED at once (the
 * ledger's fact, see DebtRepository.applyBalance). Registers itself with the ledger at start.
 */
@Injectable()
export class DebtOverdueListener implements OverdueListener, OnModuleInit {
  constructor(private readonly ledger: LedgerService) {}

  onModuleInit(): void {
    this.ledger.registerOverdueListener(this);
  }

  async onOverdueChanged(manager: EntityManager, workspaceId: string, overdue: LeaseOverdue[]): Promise<OverdueOutcome> {
    const debts = new DebtRepository(manager);
    const byLease = new Map(overdue.map((o) => [o.leaseId, o]));
    const openDebtIds = new Map<string, string>();
    const changes: DebtChange[] = [];
    for (const debt of await debts.openOnLeases(workspaceId, [...byLease.keys()])) {
      openDebtIds.set(debt.leaseId, debt.id);
      const now = byLease.get(debt.leaseId)!;
      if (debt.amountCents === now.amountCents && debt.oldestUnpaidDueDate === now.oldestUnpaidDueDate) continue;
      await debts.applyBalance(
        { workspaceId, debtId: debt.id },
        { amountCents: now.amountCents, oldestUnpaidDueDate: now.oldestUnpaidDueDate },
      );
      changes.push({
        leaseId: debt.leaseId,
        debtId: debt.id,
        amountCents: Math.max(now.amountCents, 0),
        oldestUnpaidDueDate: now.oldestUnpaidDueDate,
        resolved: now.amountCents <= 0,
      });
    }
    return { openDebtIds, changes };
  }
}
