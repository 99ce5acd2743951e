import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ANONYMISED_TEXT } from '../domain/retention';
import { DebtEventDb, DebtEventEntry, DebtEventRepository, stepTimes } from './debt-event.repository';

export { DEBT_CLOSED_KEY, JOURNAL_ACTOR_KINDS } from './debt-event.repository';
export type { DebtEventDb, DebtEventEntry, JournalActor } from './debt-event.repository';

/**
 * The debt timeline, as other features write it: every entry once per key, in the
 * caller's transaction when it passes its manager. The ledger (payments, credit notes,
 * a debt cleared) and the dunning engine (steps, messages, decisions) both write here;
 * nobody else touches `debt_event`.
 */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes one entry of a debt's timeline, once per key. */
  async record(ref: { workspaceId: string; debtId: string }, entry: DebtEventEntry, db: DebtEventDb = this.dataSource): Promise<void> {
    await new DebtEventRepository(db).record(ref, entry);
  }

  /** Writes entries of several debts of one workspace in one statement, once per key each, in the order given. */
  async recordMany(
    workspaceId: string,
    entries: Array<DebtEventEntry & { debtId: string }>,
    db: DebtEventDb = this.dataSource,
  ): Promise<void> {
    await new DebtEventRepository(db).recordMany(workspaceId, entries);
  }

  /**
   * Replaces the free text of a closed debt's timeline (call reports, agents' reasons and
   * notes, landlords' comments, zone texts) with a fixed marker, in the caller's transaction,
   * once its retention is over: kinds, dates, amounts and step keys stay. How many entries
   * changed; the audit line of the purge is the caller's own entry ({@link record}).
   */
  anonymiseOfDebt(ref: { workspaceId: string; debtId: string }, db: DebtEventDb): Promise<number> {
    return new DebtEventRepository(db).anonymiseFreeText(ref, ANONYMISED_TEXT);
  }
}

/**
 * Writes timeline entries of several debts on the caller's transaction, once per key each:
 * for code that runs without the application too (arrears detection in the demo seed).
 */
export function recordDebtEvents(db: DebtEventDb, workspaceId: string, entries: Array<DebtEventEntry & { debtId: string }>): Promise<void> {
  return new DebtEventRepository(db).recordMany(workspaceId, entries);
}

/** Writes one timeline entry on the caller's handle, once per key (see {@link recordDebtEvents}). */
export function recordDebtEvent(db: DebtEventDb, ref: { workspaceId: string; debtId: string }, entry: DebtEventEntry): Promise<void> {
  return new DebtEventRepository(db).record(ref, entry);
}

/** When each step of a debt was first done, skipped or rejected (a simulation from now starts from them). */
export function stepTimesOf(db: DebtEventDb, workspaceId: string, debtId: string): Promise<Array<{ stepKey: string; at: string }>> {
  return stepTimes(db, workspaceId, debtId);
}
