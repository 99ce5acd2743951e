import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RecordRepository } from '../records/record.repository';
import { CreditNote, CREDIT_NOTE_TABLE } from './credit-note.entity';
import type { LedgerDb } from './charge.repository';
import type { CreditEntry } from './payment.repository';

/** The `credit_note` table's SQL, always within the caller's workspace (and landlord, for the record API). */
@Injectable()
export class CreditNoteRepository extends RecordRepository<CreditNote> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(CREDIT_NOTE_TABLE, dataSource);
  }

  /** Inserts one credit note; returns its id. */
  async insert(
    workspaceId: string,
    note: { leaseId: string; amountCents: number; issuedOn: string; reason: string },
    db: EntityManager,
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO credit_note (workspace_id, lease_id, amount_cents, issued_on, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [workspaceId, note.leaseId, note.amountCents, note.issuedOn, note.reason],
    );
    return row.id;
  }

  /**
   * Every credit note of some leases, as allocation credits, in one statement whatever their
   * number: within the workspace (a workspace id, for the ledger's own writes) or what the
   * actor may see.
   */
  ofLeases(scope: Actor | string, leaseIds: readonly string[], db: LedgerDb = this.dataSource): Promise<CreditEntry[]> {
    return selectCreditNotes(
      db,
      typeof scope === 'string' ? { sql: 'cn.workspace_id = $2', params: [scope] } : this.scope(scope, 1),
      leaseIds,
    );
  }
}

/**
 * Every credit note of some leases of a workspace, for callers holding only a database handle
 * (see `loadLeaseLedger`); services use {@link CreditNoteRepository.ofLeases}.
 */
export function creditNotesOfLeases(db: LedgerDb, workspaceId: string, leaseIds: readonly string[]): Promise<CreditEntry[]> {
  return selectCreditNotes(db, { sql: 'cn.workspace_id = $2', params: [workspaceId] }, leaseIds);
}

async function selectCreditNotes(
  db: LedgerDb,
  scope: { sql: string; params: unknown[] },
  leaseIds: readonly string[],
): Promise<CreditEntry[]> {
  if (leaseIds.length === 0) return [];
  const rows: Array<{ id: string; lease_id: string; date: string; amount_cents: number }> = await db.query(
    `SELECT cn.id, cn.lease_id, to_char(cn.issued_on, 'YYYY-MM-DD') AS date, cn.amount_cents
     FROM credit_note cn WHERE cn.lease_id = ANY($1::uuid[]) AND ${scope.sql}`,
    [[...leaseIds], ...scope.params],
  );
  return rows.map((r) => ({ id: r.id, leaseId: r.lease_id, date: r.date, amountCents: r.amount_cents }));
}
