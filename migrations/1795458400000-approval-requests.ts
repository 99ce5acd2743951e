import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval requests as rows (issue 12): each time a debt's workflow asks the landlord to
 * approve a step or a payment plan, a row says what is asked, until when, whether the
 * landlord was reminded, and what became of it — decided (who, when, which session, with
 * what comment) or lapsed at the deadline. The extranet's Decisions page lists them.
 */
export class ApprovalRequests1795458400000 implements MigrationInterface {
  name = 'ApprovalRequests1795458400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        debt_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('FORMAL_NOTICE', 'HANDOFF', 'FEE', 'PAYMENT_PLAN', 'OTHER')),
        step_key varchar(64) NOT NULL,
        action varchar(32),
        requested_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        reminded_at timestamptz,
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'LAPSED')),
        decided_at timestamptz,
        decision_comment text,
        decided_by varchar(200),
        document_id uuid,
        plan_installments jsonb,
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id) ON DELETE CASCADE
      )`);
    // One row per request: a retried activity inserts nothing twice.
    await q.query('CREATE UNIQUE INDEX approval_request_once ON approval_request (workspace_id, debt_id, step_key, requested_at)');
    // A landlord's decisions to take, newest first; a debt's requests.
    await q.query('CREATE INDEX approval_request_of_landlord ON approval_request (workspace_id, landlord_id, status, requested_at)');
    await q.query('CREATE INDEX approval_request_of_debt ON approval_request (workspace_id, debt_id, requested_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE approval_request');
  }
}
