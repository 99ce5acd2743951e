import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TwentyRecordKind } from './twenty-record.entity';

/**
 * Each kind's source rows with their version (what makes them due) and what Twenty gets of
 * them, as one JSON object. `$1` is the workspace, `$2` today's date: what shows days late
 * is due again each day it is late. These read the leases', ledger's, debt's, tasks' and
 * timeline's tables without writing them — the CRM projection, like debt-letter-facts.
 */
const SOURCES: Record<TwentyRecordKind, string> = {
  PERSON: `
    SELECT t.id, t.updated_at::text AS version,
      json_build_object('firstName', t.first_name, 'lastName', t.last_name, 'email', t.email, 'phone', t.phone) AS data
    FROM tenant t WHERE t.workspace_id = $1
    UNION ALL
    SELECT g.id, g.updated_at::text, json_build_object('firstName', g.first_name, 'lastName', g.last_name, 'email', g.email, 'phone', g.phone)
    FROM guarantor g WHERE g.workspace_id = $1`,
  COMPANY: `
    SELECT ll.id, ll.updated_at::text AS version, json_build_object('name', ll.company_name) AS data
    FROM landlord ll WHERE ll.workspace_id = $1 AND ll.kind = 'LEGAL_ENTITY' AND ll.company_name IS NOT NULL`,
  LEASE: `
    SELECT l.id,
      concat_ws('|', l.updated_at::text, u.updated_at::text, p.updated_at::text, ll.updated_at::text,
        CASE WHEN l.oldest_unpaid_due_date IS NOT NULL OR l.ends_on IS NOT NULL THEN $2::text END) AS version,
      json_build_object('reference', l.reference, 'unitAddress', concat_ws(', ', u.label, p.address_line1, concat_ws(' ', p.postal_code, p.city)),
        'monthlyRentCents', l.monthly_rent_cents, 'monthlyChargesCents', l.monthly_charges_cents, 'balanceCents', l.balance_cents,
        'oldestUnpaidDueDate', l.oldest_unpaid_due_date, 'endsOn', l.ends_on, 'landlordId', ll.id, 'landlordKind', ll.kind,
        'landlordName', COALESCE(ll.company_name, concat_ws(' ', ll.first_name, ll.last_name))) AS data
    FROM lease l
    JOIN unit u ON u.workspace_id = l.workspace_id AND u.id = l.unit_id
    JOIN property p ON p.workspace_id = u.workspace_id AND p.id = u.property_id
    JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
    WHERE l.workspace_id = $1`,
  LEASE_PARTY: `
    SELECT md5(lt.lease_id::text || lt.tenant_id::text)::uuid AS id, 'v1' AS version,
      json_build_object('leaseId', lt.lease_id, 'personId', lt.tenant_id, 'role', 'TENANT',
        'name', concat_ws(' ', t.first_name, t.last_name)) AS data
    FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
    WHERE lt.workspace_id = $1
    UNION ALL
    SELECT md5(lg.lease_id::text || lg.guarantor_id::text)::uuid, 'v1',
      json_build_object('leaseId', lg.lease_id, 'personId', lg.guarantor_id, 'role', 'GUARANTOR',
        'name', concat_ws(' ', g.first_name, g.last_name))
    FROM lease_guarantor lg JOIN guarantor g ON g.workspace_id = lg.workspace_id AND g.id = lg.guarantor_id
    WHERE lg.workspace_id = $1`,
  DEBT: `
    SELECT d.id, concat_ws('|', d.updated_at::text, CASE WHEN d.closed_at IS NULL THEN $2::text END) AS version,
      json_build_object('leaseId', d.lease_id, 'reference', l.reference, 'openedOn', d.opened_on, 'amountCents', d.amount_cents,
        'oldestUnpaidDueDate', d.oldest_unpaid_due_date, 'status', d.status, 'currentStep', d.current_step,
        'nextActionKind', d.next_action_kind, 'nextActionStepKey', d.next_action_step_key, 'nextActionAt', d.next_action_at,
        'scenario', d.scenario_version, 'profile', d.profile, 'closed', d.closed_at IS NOT NULL) AS data
    FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
    WHERE d.workspace_id = $1`,
  TASK: `
    SELECT t.id, t.updated_at::text AS version,
      json_build_object('debtId', t.debt_id, 'title', t.title, 'body', t.body, 'dueAt', t.due_at, 'status', t.status,
        'outcome', t.outcome, 'promisedDate', t.promised_date, 'report', t.report) AS data
    FROM task t WHERE t.workspace_id = $1`,
  NOTE: `
    SELECT e.id, 'v1' AS version,
      json_build_object('debtId', e.debt_id, 'kind', e.kind, 'summary', e.summary, 'occurredAt', e.occurred_at) AS data
    FROM debt_event e WHERE e.workspace_id = $1`,
  LETTER: `
    SELECT doc.id, 'v1' AS version,
      json_build_object('debtId', doc.debt_id, 'title', doc.title, 'fileName', doc.file_name, 'sha256', doc.sha256,
        'createdAt', doc.created_at) AS data
    FROM document doc WHERE doc.workspace_id = $1 AND doc.debt_id IS NOT NULL AND NOT doc.draft`,
};

/** A source row due for Twenty. */
export interface DueRecord {
  id: string;
  version: string;
  twentyId: string | null;
  data: Record<string, unknown>;
}

export interface KindBacklog {
  kind: TwentyRecordKind;
  pending: number;
  failing: number;
}

export interface SyncFailure {
  kind: TwentyRecordKind;
  relanceId: string;
  attempts: number;
  lastError: string;
  failedAt: string;
  nextAttemptAt: string | null;
}

/** The `twenty_record` table's SQL (the sync's outbox), always within one workspace. */
@Injectable()
export class TwentyRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` rows of a kind whose version Twenty has not acknowledged, not waiting out a backoff; oldest changes first. */
  async due(workspaceId: string, kind: TwentyRecordKind, today: string, limit: number): Promise<DueRecord[]> {
    return this.dataSource.query(
      `SELECT s.id, s.version, r.twenty_id AS "twentyId", s.data
       FROM (${SOURCES[kind]}) s
       LEFT JOIN twenty_record r ON r.workspace_id = $1 AND r.kind = $3 AND r.relance_id = s.id
       -- ($2, today, is typed here for the kinds whose source does not use it.)
       WHERE $2::text IS NOT NULL AND (r.relance_id IS NULL OR r.synced_version IS DISTINCT FROM s.version)
         AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= now())
       ORDER BY r.synced_at NULLS FIRST, s.id
       LIMIT $4`,
      [workspaceId, today, kind, limit],
    );
  }

  /** How many rows of each kind are due (waiting out a backoff included), and how many of them last failed. */
  async backlog(workspaceId: string, today: string): Promise<KindBacklog[]> {
    const kinds = Object.keys(SOURCES) as TwentyRecordKind[];
    const parts = kinds.map(
      (kind) => `SELECT '${kind}' AS kind, count(*)::int AS pending, count(r.failed_at)::int AS failing
       FROM (${SOURCES[kind]}) s
       LEFT JOIN twenty_record r ON r.workspace_id = $1 AND r.kind = '${kind}' AND r.relance_id = s.id
       WHERE $2::text IS NOT NULL AND (r.relance_id IS NULL OR r.synced_version IS DISTINCT FROM s.version)`,
    );
    return this.dataSource.query(parts.join(' UNION ALL '), [workspaceId, today]);
  }

  /** The rows whose last push failed, most recent first. */
  async failures(workspaceId: string, limit: number): Promise<SyncFailure[]> {
    return this.dataSource.query(
      `SELECT kind, relance_id AS "relanceId", attempts, last_error AS "lastError", to_json(failed_at) #>> '{}' AS "failedAt",
              to_json(next_attempt_at) #>> '{}' AS "nextAttemptAt"
       FROM twenty_record WHERE workspace_id = $1 AND failed_at IS NOT NULL ORDER BY failed_at DESC LIMIT $2`,
      [workspaceId, limit],
    );
  }

  async markSynced(workspaceId: string, kind: TwentyRecordKind, relanceId: string, twentyId: string, version: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO twenty_record (workspace_id, kind, relance_id, twenty_id, synced_version, synced_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (workspace_id, kind, relance_id) DO UPDATE SET twenty_id = EXCLUDED.twenty_id,
         synced_version = EXCLUDED.synced_version, synced_at = now(), attempts = 0, next_attempt_at = NULL, last_error = NULL, failed_at = NULL`,
      [workspaceId, kind, relanceId, twentyId, version],
    );
  }

  /** A refused push: tried again after 30 s, 1 min, 2 min… up to an hour, its error visible meanwhile. */
  async markFailed(workspaceId: string, kind: TwentyRecordKind, relanceId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO twenty_record (workspace_id, kind, relance_id, attempts, next_attempt_at, last_error, failed_at)
       VALUES ($1, $2, $3, 1, now() + interval '30 seconds', $4, now())
       ON CONFLICT (workspace_id, kind, relance_id) DO UPDATE SET attempts = twenty_record.attempts + 1,
         next_attempt_at = now() + make_interval(secs => LEAST(3600, 30 * power(2, LEAST(twenty_record.attempts, 7)))),
         last_error = EXCLUDED.last_error, failed_at = now()`,
      [workspaceId, kind, relanceId, error.slice(0, 1000)],
    );
  }

  /** Twenty's ids of these Relance rows of a kind (the ones it has). */
  async twentyIds(workspaceId: string, kind: TwentyRecordKind, relanceIds: string[]): Promise<Map<string, string>> {
    if (relanceIds.length === 0) return new Map();
    const rows: Array<{ relanceId: string; twentyId: string }> = await this.dataSource.query(
      `SELECT relance_id AS "relanceId", twenty_id AS "twentyId" FROM twenty_record
       WHERE workspace_id = $1 AND kind = $2 AND relance_id = ANY($3::uuid[]) AND twenty_id IS NOT NULL`,
      [workspaceId, kind, relanceIds],
    );
    return new Map(rows.map((r) => [r.relanceId, r.twentyId]));
  }

  /** The Relance row a Twenty record of a kind mirrors, in this workspace only. */
  async relanceIdOf(workspaceId: string, kind: TwentyRecordKind, twentyId: string): Promise<string | undefined> {
    const [row]: Array<{ relanceId: string }> = await this.dataSource.query(
      'SELECT relance_id AS "relanceId" FROM twenty_record WHERE workspace_id = $1 AND kind = $2 AND twenty_id = $3',
      [workspaceId, kind, twentyId],
    );
    return row?.relanceId;
  }

  /** Forgets the records of these kinds (their Twenty objects were uninstalled), or all of the workspace's. */
  async forget(workspaceId: string, kinds?: TwentyRecordKind[]): Promise<void> {
    await this.dataSource.query('DELETE FROM twenty_record WHERE workspace_id = $1 AND ($2::text[] IS NULL OR kind = ANY($2::text[]))', [
      workspaceId,
      kinds ?? null,
    ]);
  }
}
