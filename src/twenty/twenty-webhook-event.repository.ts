import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long deliveries are remembered: far longer than the signature's five minutes. */
const KEPT_FOR = "interval '2 days'";

/** A record in a workspace's Twenty that events are about: its object (`task`, `debt`) and its id there. */
export interface TwentyRecordRef {
  objectName: string;
  recordId: string;
}

/** One event about a record: its delivery key (the record at its version) and that version, the record's `updatedAt`. */
export interface TwentyRecordEvent extends TwentyRecordRef {
  key: string;
  version: string;
}

/**
 * What admitting an event decided: NEW (remembered as PENDING, to apply), RETRY (it was
 * PENDING, Relance having failed to apply it: apply it now), DUPLICATE (already settled),
 * STALE (a later version of the record was seen).
 */
export type Admission = 'NEW' | 'RETRY' | 'DUPLICATE' | 'STALE';

/** A PENDING event given up after two days: logged, then purged. */
export interface AbandonedEvent extends TwentyRecordRef {
  workspaceId: string;
  version: string | null;
}

/** The key of a record's turn row: never an event's (those hash `<event>|<id>|<version>`). */
const turnKey = (record: TwentyRecordRef) => createHash('sha256').update(`turn|${record.objectName}|${record.recordId}`).digest('hex');
/** The key of the row holding the version of the last applied change to one field of a record. */
const fieldKey = (record: TwentyRecordRef, field: string) =>
  createHash('sha256').update(`field|${record.objectName}|${record.recordId}|${field}`).digest('hex');

/**
 * The `twenty_webhook_event` table's SQL, always within one workspace (but the sweep's
 * listing and the purge). Besides the events, the table holds two kinds of rows about a
 * record, told apart by their outcome and keyed so that no event's key can be theirs:
 *
 * - its **turn** while one delivery works on it (CLAIMED). Turns are rows, not a
 *   transaction held open, because applying an event runs the task and debt services on
 *   their own connections (a transaction may not take a second one, see
 *   transaction-guard.ts) and calls Temporal and Twenty, for seconds at worst;
 * - for each field whose changes are taken only from the events that name them (the
 *   assignee, a Debt's agent action), the version of the last event that applied one
 *   (FIELD): an older event's change to it comes too late, a newer one's still counts
 *   even when it arrives after a later version of the record.
 */
@Injectable()
export class TwentyWebhookEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the record's turn for at most `seconds` (a process that dies holding it frees it
   * then): the token to give it back with, undefined while another delivery holds it. One
   * statement: two deliveries racing for a free turn cannot both win it.
   */
  async claimTurn(workspaceId: string, record: TwentyRecordRef, seconds: number): Promise<string | undefined> {
    const rows: Array<{ token: string }> = await this.dataSource.query(
      `INSERT INTO twenty_webhook_event (workspace_id, delivery_key, object_name, record_id, outcome)
       VALUES ($1, $2, $3, $4, 'CLAIMED')
       ON CONFLICT (workspace_id, delivery_key) DO UPDATE SET received_at = now()
         WHERE twenty_webhook_event.received_at < now() - make_interval(secs => $5)
       RETURNING received_at::text AS token`,
      [workspaceId, turnKey(record), record.objectName, record.recordId, seconds],
    );
    return rows[0]?.token;
  }

  /** Gives the turn back, unless it lapsed and another delivery holds it now. */
  async releaseTurn(workspaceId: string, record: TwentyRecordRef, token: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM twenty_webhook_event
       WHERE workspace_id = $1 AND delivery_key = $2 AND outcome = 'CLAIMED' AND received_at = $3::timestamptz`,
      [workspaceId, turnKey(record), token],
    );
  }

  /**
   * Admits an event (see {@link Admission}): DUPLICATE when its key is settled, STALE when
   * an event about the same record at a later version was seen (remembered as STALE, so a
   * replay of it is a duplicate), else it is PENDING until {@link settle}. The checks and
   * the insert hold an advisory lock on the record for their transaction, so they are one
   * step even for a delivery that could not have the record's turn.
   */
  async admit(workspaceId: string, event: TwentyRecordEvent): Promise<Admission> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `twenty_webhook_event|${workspaceId}|${event.objectName}|${event.recordId}`,
      ]);
      const [own]: Array<{ outcome: string }> = await manager.query(
        'SELECT outcome FROM twenty_webhook_event WHERE workspace_id = $1 AND delivery_key = $2',
        [workspaceId, event.key],
      );
      if (own && own.outcome !== 'PENDING') return 'DUPLICATE';
      const [newer]: unknown[] = await manager.query(
        `SELECT 1 FROM twenty_webhook_event
         WHERE workspace_id = $1 AND object_name = $2 AND record_id = $3 AND record_version > $4::timestamptz AND outcome <> 'FIELD'
         LIMIT 1`,
        [workspaceId, event.objectName, event.recordId, event.version],
      );
      if (newer && own) {
        await manager.query(`UPDATE twenty_webhook_event SET outcome = 'STALE' WHERE workspace_id = $1 AND delivery_key = $2`, [
          workspaceId,
          event.key,
        ]);
        return 'STALE';
      }
      if (own) return 'RETRY';
      await manager.query(
        `INSERT INTO twenty_webhook_event (workspace_id, delivery_key, object_name, record_id, record_version, outcome)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [workspaceId, event.key, event.objectName, event.recordId, event.version, newer ? 'STALE' : 'PENDING'],
      );
      return newer ? 'STALE' : 'NEW';
    });
  }

  /** Whether any event about the record is PENDING. */
  async hasPending(workspaceId: string, record: TwentyRecordRef): Promise<boolean> {
    const [row]: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM twenty_webhook_event WHERE workspace_id = $1 AND object_name = $2 AND record_id = $3 AND outcome = 'PENDING' LIMIT 1`,
      [workspaceId, record.objectName, record.recordId],
    );
    return row !== undefined;
  }

  /**
   * Of these fields of the record, those an event later than this one changed, and that
   * change was applied: this event's change to them is overtaken.
   */
  async overtaken(workspaceId: string, event: TwentyRecordEvent, fields: string[]): Promise<Set<string>> {
    if (fields.length === 0) return new Set();
    const keys = new Map(fields.map((field) => [fieldKey(event, field), field]));
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT delivery_key AS key FROM twenty_webhook_event
       WHERE workspace_id = $1 AND delivery_key = ANY($2::text[]) AND outcome = 'FIELD' AND record_version > $3::timestamptz`,
      [workspaceId, [...keys.keys()], event.version],
    );
    return new Set(rows.map((row) => keys.get(row.key)!));
  }

  /**
   * Records what applying the event did, and that its version changed `fields` (see
   * {@link overtaken}); one transaction. The record's other events still PENDING stay so:
   * what they changed may not be in this one's named fields, and the sweep reads it back.
   */
  async settle(workspaceId: string, event: TwentyRecordEvent, outcome: string, fields: string[] = []): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE twenty_webhook_event SET outcome = $3 WHERE workspace_id = $1 AND delivery_key = $2', [
        workspaceId,
        event.key,
        outcome,
      ]);
      if (fields.length === 0) return;
      await manager.query(
        `INSERT INTO twenty_webhook_event (workspace_id, delivery_key, object_name, record_id, record_version, outcome)
         SELECT $1, key, $3, $4, $5::timestamptz, 'FIELD' FROM unnest($2::text[]) AS key
         ON CONFLICT (workspace_id, delivery_key) DO UPDATE SET received_at = now(),
           record_version = GREATEST(twenty_webhook_event.record_version, EXCLUDED.record_version)`,
        [workspaceId, fields.map((field) => fieldKey(event, field)), event.objectName, event.recordId, event.version],
      );
    });
  }

  /** Leaves an event PENDING again (an older event whose change Relance could not apply): the sweep takes it up. */
  async reopen(workspaceId: string, event: TwentyRecordEvent): Promise<void> {
    await this.dataSource.query(`UPDATE twenty_webhook_event SET outcome = 'PENDING' WHERE workspace_id = $1 AND delivery_key = $2`, [
      workspaceId,
      event.key,
    ]);
  }

  /** Settles every PENDING event of the record with `outcome` (the record as it is now was applied, or it is gone). */
  async settlePending(workspaceId: string, record: TwentyRecordRef, outcome: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE twenty_webhook_event SET outcome = $4 WHERE workspace_id = $1 AND object_name = $2 AND record_id = $3 AND outcome = 'PENDING'`,
      [workspaceId, record.objectName, record.recordId, outcome],
    );
  }

  /** Up to `limit` records, of every workspace, with an event PENDING; the longest waiting first. */
  async pendingRecords(limit: number): Promise<Array<TwentyRecordRef & { workspaceId: string }>> {
    return this.dataSource.query(
      `SELECT workspace_id AS "workspaceId", object_name AS "objectName", record_id AS "recordId"
       FROM twenty_webhook_event WHERE outcome = 'PENDING'
       GROUP BY workspace_id, object_name, record_id ORDER BY min(received_at) LIMIT $1`,
      [limit],
    );
  }

  /** Gives up the events PENDING for longer than they are kept (ABANDONED, purged next); returns them. */
  async abandonExpired(): Promise<AbandonedEvent[]> {
    return this.dataSource.query(
      `WITH abandoned AS (
         UPDATE twenty_webhook_event SET outcome = 'ABANDONED' WHERE outcome = 'PENDING' AND received_at < now() - ${KEPT_FOR}
         RETURNING workspace_id, object_name, record_id, record_version)
       SELECT workspace_id AS "workspaceId", object_name AS "objectName", record_id AS "recordId",
         to_json(record_version) #>> '{}' AS version
       FROM abandoned`,
    );
  }

  /**
   * Forgets, in every workspace, the events settled longer ago than they are kept, the
   * turns left by a dead process, and the versions of fields no change has touched since.
   */
  async purge(): Promise<void> {
    await this.dataSource.query(`DELETE FROM twenty_webhook_event WHERE received_at < now() - ${KEPT_FOR} AND outcome <> 'PENDING'`);
  }
}
