import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { RecordService } from '../records/record.service';
import { DebtMessageZoneRepository } from './debt-message-zone.repository';
import { Debt, DEBT_TABLE } from './debt.entity';
import { DebtDb, DebtRepository } from './debt.repository';

/** What anonymising a closed debt purged in the debt feature's own tables. */
export interface AnonymisedDebt {
  /** Columns of the debt's row that held text about its tenants (profile and scenario reasons, profile facts). */
  debtFields: number;
  /** Steps whose free-text zones were deleted. */
  messageZones: number;
}

/**
 * Debts through the generic record API (read-only: the ledger opens and closes them, their
 * workflow moves them), within the caller's scope, and the retention run's reads and writes
 * of closed debts. The state writes are DebtRepository's.
 */
@Injectable()
export class DebtService extends RecordService<Debt> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super(new RecordRepository<Debt>(DEBT_TABLE, dataSource));
  }

  /**
   * A page of the workspace's closed debts not anonymised yet that closed on or before
   * `lastClosingDay` (a day of `timeZone`), oldest closed first, after the previous page's last.
   */
  dueForAnonymisation(
    workspaceId: string,
    page: { lastClosingDay: string; timeZone: string; limit: number; after?: { closedAt: string; id: string } },
  ): Promise<Array<{ id: string; closedAt: string }>> {
    return new DebtRepository(this.dataSource).dueForAnonymisation(workspaceId, page);
  }

  /**
   * Locks a closed debt not anonymised yet in the caller's transaction: the day it closed in
   * `timeZone`; undefined when there is nothing to anonymise (open, gone, or done already).
   */
  lockForAnonymisation(
    ref: { workspaceId: string; debtId: string },
    timeZone: string,
    db: DebtDb,
  ): Promise<{ closedOn: string } | undefined> {
    return new DebtRepository(db).lockForAnonymisation(ref, timeZone);
  }

  /**
   * Anonymises what the debt feature keeps about a closed debt's tenants, in the caller's
   * transaction, and stamps the debt `anonymisedAt` (once: undefined when it was already).
   */
  async anonymise(ref: { workspaceId: string; debtId: string }, db: DebtDb): Promise<AnonymisedDebt | undefined> {
    const debtFields = await new DebtRepository(db).anonymise(ref);
    if (debtFields === undefined) return undefined;
    const messageZones = await new DebtMessageZoneRepository(db).deleteOfDebt(ref.workspaceId, ref.debtId);
    return { debtFields, messageZones };
  }
}
