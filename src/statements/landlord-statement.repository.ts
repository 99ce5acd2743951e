import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { LANDLORD_STATEMENT_TABLE, LandlordStatement, StatementEmailStatus } from './landlord-statement.entity';
import type { StatementFigures } from './statement-figures';

/** A database handle: the data source, or the caller's transaction. */
type Db = Pick<EntityManager, 'query'>;

/** A statement as the issuing run reads it back. */
export type IssuedStatementRow = Pick<LandlordStatement, 'id' | 'landlordId' | 'month' | 'documentId' | 'sha256' | 'emailStatus'>;

export type NewStatement = Pick<
  LandlordStatement,
  'landlordId' | 'month' | 'documentId' | 'sha256' | 'figures' | 'emailStatus' | 'createdAt'
> & {
  emailError: string | null;
};

const ROW = `id, landlord_id AS "landlordId", month, document_id AS "documentId", sha256, email_status AS "emailStatus"`;

/**
 * The `landlord_statement` table's SQL, within the caller's workspace (and landlord, for a
 * LANDLORD key or session): the record API's reads, the issuing run's insert (once per
 * landlord and month), and the e-mail's claim and outcome.
 */
@Injectable()
export class LandlordStatementRepository extends RecordRepository<LandlordStatement> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(LANDLORD_STATEMENT_TABLE, dataSource);
  }

  /** The statements of some landlords for a month, already issued. */
  async ofMonth(
    workspaceId: string,
    month: string,
    landlordIds: readonly string[],
    db: Db = this.dataSource,
  ): Promise<IssuedStatementRow[]> {
    if (landlordIds.length === 0) return [];
    return db.query(`SELECT ${ROW} FROM landlord_statement WHERE workspace_id = $1 AND month = $2 AND landlord_id = ANY($3::uuid[])`, [
      workspaceId,
      month,
      [...landlordIds],
    ]);
  }

  /** Keeps a statement; undefined when the landlord's month already has one (then nothing is written). */
  async insert(workspaceId: string, s: NewStatement, db: Db = this.dataSource): Promise<IssuedStatementRow | undefined> {
    const [row]: IssuedStatementRow[] = await db.query(
      `INSERT INTO landlord_statement (workspace_id, landlord_id, month, document_id, sha256, figures, email_status, email_error, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (workspace_id, landlord_id, month) DO NOTHING
       RETURNING ${ROW}`,
      [workspaceId, s.landlordId, s.month, s.documentId, s.sha256, JSON.stringify(s.figures), s.emailStatus, s.emailError, s.createdAt],
    );
    return row;
  }

  /** The frozen figures of a statement (the e-mail's text is made of them). */
  async figuresOf(workspaceId: string, id: string): Promise<StatementFigures | undefined> {
    const [row]: Array<{ figures: StatementFigures }> = await this.dataSource.query(
      'SELECT figures FROM landlord_statement WHERE workspace_id = $1 AND id = $2',
      [workspaceId, id],
    );
    return row?.figures;
  }

  /**
   * The e-mail's claim: PENDING → SENDING, in one statement, so that one run alone sends
   * it. False when it is not (or no longer) PENDING.
   */
  async claimEmail(workspaceId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE landlord_statement SET email_status = 'SENDING'
         WHERE workspace_id = $1 AND id = $2 AND email_status = 'PENDING' RETURNING id)
       SELECT id FROM claimed`,
      [workspaceId, id],
    );
    return rows.length > 0;
  }

  /** What became of the e-mail: SENT (with its time), SKIPPED or FAILED (with why), or PENDING again (a retry). */
  async settleEmail(
    workspaceId: string,
    id: string,
    outcome: { status: Exclude<StatementEmailStatus, 'NOT_ASKED' | 'SENDING'>; error?: string; at?: string },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE landlord_statement SET email_status = $3, email_error = $4, emailed_at = $5
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, outcome.status, outcome.error ?? null, outcome.status === 'SENT' ? (outcome.at ?? new Date().toISOString()) : null],
    );
  }
}
