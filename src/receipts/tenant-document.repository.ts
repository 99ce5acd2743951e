import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TenantDocumentDue } from '../domain/receipts';
import { RecordRepository } from '../records/record.repository';
import { TENANT_DOCUMENT_TABLE, TenantDocument, TenantDocumentDeliveryStatus } from './tenant-document.entity';

/** A database handle: the data source, or the caller's transaction. */
type Db = Pick<EntityManager, 'query'>;

/** A document owed, as the ledger's transaction queues it. */
export interface OwedDocument {
  leaseId: string;
  due: TenantDocumentDue;
}

/** A queued document, as the issuer reads it back. */
export interface PendingDocument {
  id: string;
  leaseId: string;
  due: TenantDocumentDue;
  createdAt: string;
}

/** An issued document whose e-mail is due. */
export interface DocumentToSend {
  id: string;
  leaseId: string;
  documentId: string;
  sha256: string;
  due: TenantDocumentDue;
  attempts: number;
}

/** The amount a document states: a quittance's rent and charges, a reçu's payment, a notice's total to pay. */
function amountOf(due: TenantDocumentDue): number {
  switch (due.kind) {
    case 'QUITTANCE':
      return due.rentCents + due.chargesCents;
    case 'RECU':
      return due.amountCents;
    case 'RENT_NOTICE':
      return due.rentCents + due.chargesCents;
  }
}

const firstPeriod = (due: TenantDocumentDue): string | null => (due.kind === 'RECU' ? (due.parts[0]?.period ?? null) : due.period);

/**
 * The `tenant_document` table's SQL, within the caller's workspace (and landlord, for
 * LANDLORD keys): the record API's reads; the ledger transaction's queueing (once per
 * key); the issuer's claim of pending rows (FOR UPDATE SKIP LOCKED: two processes never
 * render the same one); and the e-mail's claim, outcome and backoff.
 */
@Injectable()
export class TenantDocumentRepository extends RecordRepository<TenantDocument> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(TENANT_DOCUMENT_TABLE, dataSource);
  }

  /** Queues documents owed, in the caller's transaction; a key already queued or issued is left as it is. Returns how many are new. */
  async queue(db: Db, workspaceId: string, owed: readonly OwedDocument[], createdAt: string): Promise<number> {
    if (owed.length === 0) return 0;
    const rows: unknown[] = await db.query(
      `INSERT INTO tenant_document (workspace_id, lease_id, kind, document_key, period, charge_id, payment_id, amount_cents, facts, created_at)
       SELECT $1, o.lease_id, o.kind, o.document_key, o.period, o.charge_id, o.payment_id, o.amount_cents, o.facts, $3
       FROM jsonb_to_recordset($2::jsonb) AS o(lease_id uuid, kind text, document_key text, period text, charge_id uuid, payment_id uuid, amount_cents integer, facts jsonb)
       ORDER BY o.document_key
       ON CONFLICT (workspace_id, document_key) DO NOTHING
       RETURNING id`,
      [
        workspaceId,
        JSON.stringify(
          owed.map(({ leaseId, due }) => ({
            lease_id: leaseId,
            kind: due.kind,
            document_key: due.key,
            period: firstPeriod(due),
            charge_id: due.kind === 'RECU' ? null : due.chargeId,
            payment_id: due.kind === 'RECU' ? due.paymentId : null,
            amount_cents: amountOf(due),
            facts: due,
          })),
        ),
        createdAt,
      ],
    );
    return rows.length;
  }

  /** Workspaces with documents to render, or e-mails due by `now`. */
  async workspacesWithWork(now: string): Promise<string[]> {
    const rows: Array<{ workspace_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT workspace_id FROM tenant_document
       WHERE status = 'PENDING' OR (delivery_status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= $1))`,
      [now],
    );
    return rows.map((r) => r.workspace_id);
  }

  /**
   * The oldest pending document of the workspace, locked in the caller's transaction (rows
   * another process is rendering are skipped); undefined when none is left.
   */
  async claimPending(db: Db, workspaceId: string): Promise<PendingDocument | undefined> {
    const [row]: Array<{ id: string; lease_id: string; facts: TenantDocumentDue; created_at: Date }> = await db.query(
      `SELECT id, lease_id, facts, created_at FROM tenant_document
       WHERE workspace_id = $1 AND status = 'PENDING' ORDER BY created_at, document_key LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [workspaceId],
    );
    return row && { id: row.id, leaseId: row.lease_id, due: row.facts, createdAt: new Date(row.created_at).toISOString() };
  }

  /** A pending document made: its PDF, and whether it is to be e-mailed or posted (and why not e-mailed). */
  async markIssued(
    db: Db,
    workspaceId: string,
    id: string,
    issued: {
      documentId: string;
      sha256: string;
      issuedAt: string;
      delivery: 'NOT_ASKED' | 'PENDING' | 'TO_PRINT' | 'SKIPPED';
      reason: string | null;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE tenant_document SET status = 'ISSUED', document_id = $3, sha256 = $4, issued_at = $5, delivery_status = $6, delivery_error = $7
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, issued.documentId, issued.sha256, issued.issuedAt, issued.delivery, issued.reason],
    );
  }

  /** Issued documents of the workspace whose e-mail is due by `now`, oldest first. */
  async dueToSend(workspaceId: string, now: string, limit: number): Promise<DocumentToSend[]> {
    const rows: Array<{
      id: string;
      lease_id: string;
      document_id: string;
      sha256: string;
      facts: TenantDocumentDue;
      delivery_attempts: number;
    }> = await this.dataSource.query(
      `SELECT id, lease_id, document_id, sha256, facts, delivery_attempts FROM tenant_document
         WHERE workspace_id = $1 AND status = 'ISSUED' AND delivery_status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
         ORDER BY created_at, document_key LIMIT $3`,
      [workspaceId, now, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      leaseId: r.lease_id,
      documentId: r.document_id,
      sha256: r.sha256,
      due: r.facts,
      attempts: r.delivery_attempts,
    }));
  }

  /** The e-mail's claim: PENDING → SENDING in one statement, so that one process alone sends it. */
  async claimDelivery(workspaceId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE tenant_document SET delivery_status = 'SENDING', delivery_attempts = delivery_attempts + 1
         WHERE workspace_id = $1 AND id = $2 AND delivery_status = 'PENDING' RETURNING id)
       SELECT id FROM claimed`,
      [workspaceId, id],
    );
    return rows.length > 0;
  }

  /** What became of the e-mail: SENT, SKIPPED or FAILED for good, TO_PRINT instead, or PENDING again until `retryAt`. */
  async settleDelivery(
    workspaceId: string,
    id: string,
    outcome: { status: Exclude<TenantDocumentDeliveryStatus, 'NOT_ASKED' | 'SENDING' | 'PRINTED'>; error?: string; retryAt?: string },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE tenant_document SET delivery_status = $3::varchar, delivery_error = $4, next_attempt_at = $5,
              delivered_at = CASE WHEN $3::varchar = 'SENT' THEN now() ELSE NULL END
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, outcome.status, outcome.error ?? null, outcome.retryAt ?? null],
    );
  }

  /**
   * Records documents of the print queue printed and posted, all or none: false, and nothing
   * changed, when one of them left the queue meanwhile (another agent recorded it first).
   */
  async markPrinted(workspaceId: string, ids: readonly string[], printedAt: string): Promise<boolean> {
    return this.dataSource
      .transaction(async (manager) => {
        const rows: Array<{ id: string }> = await manager.query(
          `WITH printed AS (
           UPDATE tenant_document SET delivery_status = 'PRINTED', delivered_at = $3
           WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND delivery_status = 'TO_PRINT' RETURNING id)
         SELECT id FROM printed`,
          [workspaceId, ids, printedAt],
        );
        if (rows.length === new Set(ids).size) return true;
        // Rolls the statement back: a queue half recorded would hide which letters were posted.
        throw new PrintQueueMoved();
      })
      .catch((error) => {
        if (error instanceof PrintQueueMoved) return false;
        throw error;
      });
  }
}

/** One of the documents being recorded as printed left the queue meanwhile. */
class PrintQueueMoved extends Error {}
