import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { Installment } from '../domain/payment-plan';
import { RecordRepository } from '../records/record.repository';
import { ApprovalKind, ApprovalRequest, APPROVAL_REQUEST_TABLE } from './approval-request.entity';

/** A database handle: the data source, or a transaction's manager so the write commits with the caller's. */
export type ApprovalDb = Pick<EntityManager, 'query'>;

/** One request of one debt, as the workflow names it: its step (or "payment-plan") and when it asked. */
export interface ApprovalRef {
  workspaceId: string;
  debtId: string;
  stepKey: string;
  requestedAt: string;
}

export interface NewApprovalRequest extends ApprovalRef {
  kind: ApprovalKind;
  action: string | null;
  deadlineAt: string;
  documentId?: string | null;
  planInstallments?: Installment[] | null;
}

/** A request as the notices need it: its row and the landlord's mandate channels. */
export interface RequestedApproval {
  id: string;
  landlordId: string;
  kind: ApprovalKind;
  status: ApprovalRequest['status'];
  deadlineAt: string;
  remindedAt: string | null;
  /** The landlord's `mandateInformationChannels` (EMAIL, POSTAL, PORTAL). */
  informationChannels: string[];
}

const REQUEST_COLUMNS = `ar.id, ar.landlord_id AS "landlordId", ar.kind, ar.status, to_json(ar.deadline_at) #>> '{}' AS "deadlineAt",
  to_json(ar.reminded_at) #>> '{}' AS "remindedAt", ll.mandate_information_channels AS "informationChannels"`;

/**
 * The `approval_request` table: the generic record API for the extranet's Decisions page
 * (a LANDLORD actor sees its own landlord's rows), and the writes of the workflow's
 * activities (request, reminder, lapse) and of the decision, each once.
 */
@Injectable()
export class ApprovalRequestRepository extends RecordRepository<ApprovalRequest> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(APPROVAL_REQUEST_TABLE, dataSource);
  }

  /**
   * Writes a request once (a retried activity finds it again), for the landlord of the
   * debt's lease; undefined when the debt does not exist.
   */
  async insertRequest(db: ApprovalDb, r: NewApprovalRequest): Promise<RequestedApproval | undefined> {
    await db.query(
      `INSERT INTO approval_request (workspace_id, debt_id, landlord_id, kind, step_key, action, requested_at, deadline_at, document_id, plan_installments)
       SELECT d.workspace_id, d.id, l.landlord_id, $3, $4, $5, $6, $7, $8, $9::jsonb
       FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       WHERE d.workspace_id = $1 AND d.id = $2
       ON CONFLICT (workspace_id, debt_id, step_key, requested_at) DO NOTHING`,
      [
        r.workspaceId,
        r.debtId,
        r.kind,
        r.stepKey,
        r.action,
        r.requestedAt,
        r.deadlineAt,
        r.documentId ?? null,
        r.planInstallments ? JSON.stringify(r.planInstallments) : null,
      ],
    );
    return this.find(db, r);
  }

  /** A landlord's requests still awaiting a decision, the nearest deadline first. */
  async pendingOfLandlord(
    workspaceId: string,
    landlordId: string,
  ): Promise<Array<{ debtId: string; leaseId: string; stepKey: string; deadlineAt: string }>> {
    return this.dataSource.query(
      `SELECT ar.debt_id AS "debtId", d.lease_id AS "leaseId", ar.step_key AS "stepKey", to_json(ar.deadline_at) #>> '{}' AS "deadlineAt"
       FROM approval_request ar JOIN debt d ON d.workspace_id = ar.workspace_id AND d.id = ar.debt_id
       WHERE ar.workspace_id = $1 AND ar.landlord_id = $2 AND ar.status = 'PENDING'
       ORDER BY ar.deadline_at, ar.id`,
      [workspaceId, landlordId],
    );
  }

  /** A request and its landlord's mandate channels. */
  async find(db: ApprovalDb, r: ApprovalRef): Promise<RequestedApproval | undefined> {
    const [row] = await db.query(
      `SELECT ${REQUEST_COLUMNS}
       FROM approval_request ar JOIN landlord ll ON ll.workspace_id = ar.workspace_id AND ll.id = ar.landlord_id
       WHERE ar.workspace_id = $1 AND ar.debt_id = $2 AND ar.step_key = $3 AND ar.requested_at = $4`,
      [r.workspaceId, r.debtId, r.stepKey, r.requestedAt],
    );
    return row;
  }

  /** Marks a still-pending request reminded (once); false when it was decided, lapsed or reminded already. */
  async markReminded(db: ApprovalDb, r: ApprovalRef, at: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH reminded AS (
         UPDATE approval_request SET reminded_at = $5
         WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3 AND requested_at = $4 AND status = 'PENDING' AND reminded_at IS NULL
         RETURNING id)
       SELECT id FROM reminded`,
      [r.workspaceId, r.debtId, r.stepKey, r.requestedAt, at],
    );
    return rows.length > 0;
  }

  /** A still-pending request lapses at its deadline; false when it was decided (or lapsed) already. */
  async markLapsed(db: ApprovalDb, r: ApprovalRef, at: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH lapsed AS (
         UPDATE approval_request SET status = 'LAPSED', decided_at = $5
         WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3 AND requested_at = $4 AND status = 'PENDING'
         RETURNING id)
       SELECT id FROM lapsed`,
      [r.workspaceId, r.debtId, r.stepKey, r.requestedAt, at],
    );
    return rows.length > 0;
  }

  /**
   * Records a decision on the debt's pending request for `stepKey`, within the actor's
   * scope (a landlord decides only its own). Returns the request's id, or undefined when
   * none is pending (a run started before requests were rows).
   */
  async decide(
    db: ApprovalDb,
    actor: Actor,
    debtId: string,
    stepKey: string,
    decision: { approve: boolean; comment: string | null; by: string; at: string },
  ): Promise<string | undefined> {
    const scope = this.scope(actor, 6);
    const rows: Array<{ id: string }> = await db.query(
      `WITH decided AS (
         UPDATE approval_request ar SET status = $3, decision_comment = $4, decided_by = $5, decided_at = $6
         WHERE ar.id = (
           SELECT ar.id FROM approval_request ar
           WHERE ar.debt_id = $1 AND ar.step_key = $2 AND ar.status = 'PENDING' AND ${scope.sql}
           ORDER BY ar.requested_at DESC LIMIT 1 FOR UPDATE)
         RETURNING ar.id)
       SELECT id FROM decided`,
      [debtId, stepKey, decision.approve ? 'APPROVED' : 'REJECTED', decision.comment, decision.by, decision.at, ...scope.params],
    );
    return rows[0]?.id;
  }

  /** Replaces the landlord's comments on a debt's decisions with `marker`, in the caller's transaction; how many requests changed. */
  async anonymiseOfDebt(db: ApprovalDb, workspaceId: string, debtId: string, marker: string): Promise<number> {
    const rows: unknown[] = await db.query(
      `WITH changed AS (
         UPDATE approval_request SET decision_comment = $3
         WHERE workspace_id = $1 AND debt_id = $2 AND decision_comment IS NOT NULL AND decision_comment <> $3
         RETURNING id)
       SELECT id FROM changed`,
      [workspaceId, debtId, marker],
    );
    return rows.length;
  }
}
