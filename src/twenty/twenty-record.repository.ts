import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TwentyRecordKind } from './twenty-record.entity';

/**
 * Each kind's source rows with their version (what makes them due), what Twenty gets of
 * them as one JSON object, and when their content last changed (`changed_at`; `daily`:
 * the version also moves each day, for what shows days late). `$1` is the workspace, `$2`
 * today's date: what shows days late is due again each day it is late. A lease party
 * moves with its person (its name, and the Twenty Person it points at: a tenant whose
 * e-mail changes may leave a shared one). These read the leases', ledger's, debt's,
 * tasks' and timeline's tables without writing them — the CRM projection, like
 * debt-letter-facts.
 */
const SOURCES: Record<TwentyRecordKind, string> = {
  PERSON: `
    SELECT t.id, t.updated_at::text AS version,
      json_build_object('firstName', t.first_name, 'lastName', t.last_name, 'email', t.email, 'phone', t.phone) AS data,
      t.updated_at AS changed_at, false AS daily
    FROM tenant t WHERE t.workspace_id = $1
    UNION ALL
    SELECT g.id, g.updated_at::text, json_build_object('firstName', g.first_name, 'lastName', g.last_name, 'email', g.email, 'phone', g.phone),
      g.updated_at, false
    FROM guarantor g WHERE g.workspace_id = $1`,
  COMPANY: `
    SELECT ll.id, ll.updated_at::text AS version, json_build_object('name', ll.company_name) AS data,
      ll.updated_at AS changed_at, false AS daily
    FROM landlord ll WHERE ll.workspace_id = $1 AND ll.kind = 'LEGAL_ENTITY' AND ll.company_name IS NOT NULL`,
  LEASE: `
    SELECT l.id,
      concat_ws('|', l.updated_at::text, u.updated_at::text, p.updated_at::text, ll.updated_at::text,
        CASE WHEN l.oldest_unpaid_due_date IS NOT NULL OR l.ends_on IS NOT NULL THEN $2::text END) AS version,
      json_build_object('reference', l.reference, 'unitAddress', concat_ws(', ', u.label, p.address_line1, concat_ws(' ', p.postal_code, p.city)),
        'monthlyRentCents', l.monthly_rent_cents, 'monthlyChargesCents', l.monthly_charges_cents, 'balanceCents', l.balance_cents,
        'oldestUnpaidDueDate', l.oldest_unpaid_due_date, 'endsOn', l.ends_on, 'landlordId', ll.id, 'landlordKind', ll.kind,
        'landlordName', COALESCE(ll.company_name, concat_ws(' ', ll.first_name, ll.last_name))) AS data,
      GREATEST(l.updated_at, u.updated_at, p.updated_at, ll.updated_at) AS changed_at,
      l.oldest_unpaid_due_date IS NOT NULL OR l.ends_on IS NOT NULL AS daily
    FROM lease l
    JOIN unit u ON u.workspace_id = l.workspace_id AND u.id = l.unit_id
    JOIN property p ON p.workspace_id = u.workspace_id AND p.id = u.property_id
    JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
    WHERE l.workspace_id = $1`,
  LEASE_PARTY: `
    SELECT md5(lt.lease_id::text || lt.tenant_id::text)::uuid AS id, t.updated_at::text AS version,
      json_build_object('leaseId', lt.lease_id, 'personId', lt.tenant_id, 'role', 'TENANT',
        'name', concat_ws(' ', t.first_name, t.last_name)) AS data,
      GREATEST(l.created_at, t.updated_at) AS changed_at, false AS daily
    FROM lease_tenant lt
    JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
    JOIN lease l ON l.workspace_id = lt.workspace_id AND l.id = lt.lease_id
    WHERE lt.workspace_id = $1
    UNION ALL
    SELECT md5(lg.lease_id::text || lg.guarantor_id::text)::uuid, g.updated_at::text,
      json_build_object('leaseId', lg.lease_id, 'personId', lg.guarantor_id, 'role', 'GUARANTOR',
        'name', concat_ws(' ', g.first_name, g.last_name)),
      GREATEST(l.created_at, g.updated_at), false
    FROM lease_guarantor lg
    JOIN guarantor g ON g.workspace_id = lg.workspace_id AND g.id = lg.guarantor_id
    JOIN lease l ON l.workspace_id = lg.workspace_id AND l.id = lg.lease_id
    WHERE lg.workspace_id = $1`,
  DEBT: `
    SELECT d.id, concat_ws('|', d.updated_at::text, CASE WHEN d.closed_at IS NULL THEN $2::text END) AS version,
      json_build_object('leaseId', d.lease_id, 'reference', l.reference, 'openedOn', d.opened_on, 'amountCents', d.amount_cents,
        'oldestUnpaidDueDate', d.oldest_unpaid_due_date, 'status', d.status, 'currentStep', d.current_step,
        'nextActionKind', d.next_action_kind, 'nextActionStepKey', d.next_action_step_key, 'nextActionAt', d.next_action_at,
        'scenario', d.scenario_version, 'profile', d.profile, 'closed', d.closed_at IS NOT NULL) AS data,
      d.updated_at AS changed_at, d.closed_at IS NULL AS daily
    FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
    WHERE d.workspace_id = $1`,
  TASK: `
    SELECT t.id, t.updated_at::text AS version,
      json_build_object('debtId', t.debt_id, 'title', t.title, 'body', t.body, 'dueAt', t.due_at, 'status', t.status,
        'outcome', t.outcome, 'promisedDate', t.promised_date, 'report', t.report) AS data,
      t.updated_at AS changed_at, false AS daily
    FROM task t WHERE t.workspace_id = $1`,
  NOTE: `
    SELECT e.id, 'v1' AS version,
      json_build_object('debtId', e.debt_id, 'kind', e.kind, 'summary', e.summary, 'occurredAt', e.occurred_at) AS data,
      e.occurred_at AS changed_at, false AS daily
    FROM debt_event e WHERE e.workspace_id = $1`,
  // v2: the note links to the letter's shared link (DocumentService.shareLink); v1 notes, with a link that needed a key, are rewritten.
  LETTER: `
    SELECT doc.id, 'v2' AS version,
      json_build_object('debtId', doc.debt_id, 'title', doc.title, 'fileName', doc.file_name, 'sha256', doc.sha256,
        'createdAt', doc.created_at) AS data,
      doc.created_at AS changed_at, false AS daily
    FROM document doc WHERE doc.workspace_id = $1 AND doc.debt_id IS NOT NULL AND NOT doc.draft`,
};

/**
 * A source row `s` and its outbox row `r` (if any) that Twenty has not acknowledged all of:
 * never sent, changed since, or with an answer to write back.
 */
const PENDING = '(r.relance_id IS NULL OR r.synced_version IS DISTINCT FROM s.version OR r.pending_flag IS NOT NULL)';

/**
 * The start of `$2` (today) in Europe/Paris, the zone todayIn() dates Relance's days in by
 * default and the sync goes by: when a row that shows days late became due again.
 */
const TODAY_STARTED = "($2::text::date::timestamp AT TIME ZONE 'Europe/Paris')";

/**
 * Since when a pending row `s`/`r` has had something Twenty lacks: the answer to write back
 * (`pending_flag_at`), or its content's change — its last change, or, when Twenty has
 * that content and only the day moved, the start of today. The last change stands for the
 * oldest one not acknowledged: Relance keeps no history of the changes in between.
 */
const PENDING_SINCE = `LEAST(r.pending_flag_at,
  CASE WHEN r.relance_id IS NULL OR r.synced_version IS DISTINCT FROM s.version THEN
    CASE WHEN s.daily AND r.synced_at >= s.changed_at THEN GREATEST(r.synced_at, ${TODAY_STARTED}) ELSE s.changed_at END
  END)`;

/** Whether the Relance row of a shared kind behind a `twenty_record` row `o` still exists (a deleted tenant shares nothing). */
const STILL_THERE: Partial<Record<TwentyRecordKind, string>> = {
  PERSON: `EXISTS (SELECT 1 FROM tenant t WHERE t.workspace_id = o.workspace_id AND t.id = o.relance_id)
    OR EXISTS (SELECT 1 FROM guarantor g WHERE g.workspace_id = o.workspace_id AND g.id = o.relance_id)`,
  COMPANY: 'EXISTS (SELECT 1 FROM landlord ll WHERE ll.workspace_id = o.workspace_id AND ll.id = o.relance_id)',
};

/** A source row due for Twenty. */
export interface DueRecord {
  id: string;
  version: string;
  twentyId: string | null;
  /** The taskTarget or noteTarget Twenty confirmed for this task or note, null until it has. */
  linkTwentyId: string | null;
  /** Fields to write on the task's Twenty record, and when they were set (see TwentyRecord.pendingFlag). */
  pendingFlag: Record<string, string | null> | null;
  pendingFlagAt: string | null;
  data: Record<string, unknown>;
}

/** What Twenty confirmed of a record: all of it, so its version is acknowledged. */
export interface Acknowledgement {
  twentyId: string;
  version: string;
  /** The link to its Debt record (tasks, notes), null for a record that has none. */
  linkTwentyId: string | null;
  /** The pending flag that went with it (its `pendingFlagAt`): cleared unless a newer one replaced it meanwhile. */
  flagAt: string | null;
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

  /**
   * Up to `limit` rows of a kind Twenty has not acknowledged all of (see PENDING), not
   * waiting out a backoff; never-sent rows first, then the longest since acknowledged.
   */
  async due(workspaceId: string, kind: TwentyRecordKind, today: string, limit: number): Promise<DueRecord[]> {
    return this.dataSource.query(
      `SELECT s.id, s.version, r.twenty_id AS "twentyId", r.link_twenty_id AS "linkTwentyId", r.pending_flag AS "pendingFlag",
              to_json(r.pending_flag_at) #>> '{}' AS "pendingFlagAt", s.data
       FROM (${SOURCES[kind]}) s
       LEFT JOIN twenty_record r ON r.workspace_id = $1 AND r.kind = $3 AND r.relance_id = s.id
       -- ($2, today, is typed here for the kinds whose source does not use it.)
       WHERE $2::text IS NOT NULL AND ${PENDING}
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
       WHERE $2::text IS NOT NULL AND ${PENDING}`,
    );
    return this.dataSource.query(parts.join(' UNION ALL '), [workspaceId, today]);
  }

  /**
   * How long the oldest change Twenty has not acknowledged has waited, in seconds (0 when
   * none waits): over every pending row (see PENDING_SINCE), failing ones included — never
   * counted from before `notBefore`, when Relance was installed in this Twenty (what
   * changed before had nowhere to go).
   */
  async lagSeconds(workspaceId: string, today: string, notBefore: string | null): Promise<number> {
    const kinds = Object.keys(SOURCES) as TwentyRecordKind[];
    const parts = kinds.map(
      (kind) => `SELECT min(GREATEST(${PENDING_SINCE}, $3::timestamptz)) AS since
       FROM (${SOURCES[kind]}) s
       LEFT JOIN twenty_record r ON r.workspace_id = $1 AND r.kind = '${kind}' AND r.relance_id = s.id
       WHERE ${PENDING}`,
    );
    const [row]: Array<{ seconds: number }> = await this.dataSource.query(
      `SELECT GREATEST(0, COALESCE(round(extract(epoch FROM now() - min(since))), 0))::int AS seconds FROM (${parts.join(' UNION ALL ')}) p`,
      [workspaceId, today, notBefore],
    );
    return row.seconds;
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

  /** Twenty has all of the record at this version: it is not due until its source changes or a new flag comes. */
  async markSynced(workspaceId: string, kind: TwentyRecordKind, relanceId: string, ack: Acknowledgement): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO twenty_record (workspace_id, kind, relance_id, twenty_id, synced_version, synced_at, link_twenty_id)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (workspace_id, kind, relance_id) DO UPDATE SET twenty_id = EXCLUDED.twenty_id,
         synced_version = EXCLUDED.synced_version, synced_at = now(), attempts = 0, next_attempt_at = NULL, last_error = NULL, failed_at = NULL,
         link_twenty_id = EXCLUDED.link_twenty_id,
         pending_flag = CASE WHEN twenty_record.pending_flag_at IS NOT DISTINCT FROM $7::timestamptz THEN NULL ELSE twenty_record.pending_flag END,
         pending_flag_at = CASE WHEN twenty_record.pending_flag_at IS NOT DISTINCT FROM $7::timestamptz THEN NULL ELSE twenty_record.pending_flag_at END`,
      [workspaceId, kind, relanceId, ack.twentyId, ack.version, ack.linkTwentyId, ack.flagAt],
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

  /**
   * Sets the fields to write on a task's Twenty record, replacing any not sent yet, and
   * makes the task due now (a backoff it was waiting out included); false when the
   * workspace has no such task.
   */
  async flag(workspaceId: string, taskId: string, fields: Record<string, string | null>): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO twenty_record (workspace_id, kind, relance_id, pending_flag, pending_flag_at)
       SELECT t.workspace_id, 'TASK', t.id, $3::jsonb, clock_timestamp() FROM task t WHERE t.workspace_id = $1 AND t.id = $2
       ON CONFLICT (workspace_id, kind, relance_id) DO UPDATE SET
         pending_flag = EXCLUDED.pending_flag, pending_flag_at = EXCLUDED.pending_flag_at, next_attempt_at = NULL
       RETURNING relance_id`,
      [workspaceId, taskId, JSON.stringify(fields)],
    );
    return rows.length > 0;
  }

  /**
   * Whether another Relance row, still there, is linked to this Twenty record of a shared
   * kind (PERSON, COMPANY): then no one of them writes it (see TwentySyncService).
   */
  async sharedWithAnother(workspaceId: string, kind: TwentyRecordKind, twentyId: string, relanceId: string): Promise<boolean> {
    const stillThere = STILL_THERE[kind];
    if (!stillThere) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM twenty_record o
       WHERE o.workspace_id = $1 AND o.kind = $2 AND o.twenty_id = $3 AND o.relance_id <> $4 AND (${stillThere})
       LIMIT 1`,
      [workspaceId, kind, twentyId, relanceId],
    );
    return rows.length > 0;
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

  /**
   * The Relance row a Twenty record of a kind mirrors, in this workspace only. Meant for
   * the kinds one Relance row each (tasks, debts…); of a shared Twenty person or company,
   * the first of its rows by id.
   */
  async relanceIdOf(workspaceId: string, kind: TwentyRecordKind, twentyId: string): Promise<string | undefined> {
    const [row]: Array<{ relanceId: string }> = await this.dataSource.query(
      `SELECT relance_id AS "relanceId" FROM twenty_record WHERE workspace_id = $1 AND kind = $2 AND twenty_id = $3
       ORDER BY relance_id LIMIT 1`,
      [workspaceId, kind, twentyId],
    );
    return row?.relanceId;
  }

  /**
   * Forgets the records of these kinds (their Twenty objects were uninstalled), or all of
   * the workspace's. Forgetting the debts forgets the tasks' links to them too: the tasks
   * are due again, to be linked to the Debt records sent anew.
   */
  async forget(workspaceId: string, kinds?: TwentyRecordKind[]): Promise<void> {
    await this.dataSource.query('DELETE FROM twenty_record WHERE workspace_id = $1 AND ($2::text[] IS NULL OR kind = ANY($2::text[]))', [
      workspaceId,
      kinds ?? null,
    ]);
    if (kinds?.includes('DEBT'))
      await this.dataSource.query(
        `UPDATE twenty_record SET link_twenty_id = NULL, synced_version = NULL
         WHERE workspace_id = $1 AND kind = 'TASK' AND link_twenty_id IS NOT NULL`,
        [workspaceId],
      );
  }
}
