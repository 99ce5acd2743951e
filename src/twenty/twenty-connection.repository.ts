import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TwentyConnection } from './twenty-connection.entity';

const COLUMNS = `workspace_id AS "workspaceId", api_url AS "apiUrl", twenty_workspace_id AS "twentyWorkspaceId", api_key_sealed AS "apiKeySealed",
  webhook_secret_sealed AS "webhookSecretSealed", installed_version AS "installedVersion", installed_items AS "installedItems",
  to_json(installed_at) #>> '{}' AS "installedAt", to_json(sync_claimed_until) #>> '{}' AS "syncClaimedUntil",
  sync_failures AS "syncFailures", to_json(sync_next_attempt_at) #>> '{}' AS "syncNextAttemptAt",
  sync_last_error AS "syncLastError", to_json(sync_last_error_at) #>> '{}' AS "syncLastErrorAt",
  to_json(last_synced_at) #>> '{}' AS "lastSyncedAt", to_json(created_at) #>> '{}' AS "createdAt",
  to_json(updated_at) #>> '{}' AS "updatedAt"`;

/** The `twenty_connection` table's SQL: one row per workspace, always looked up by it. */
@Injectable()
export class TwentyConnectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(workspaceId: string): Promise<TwentyConnection | undefined> {
    const [row]: TwentyConnection[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM twenty_connection WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    return row;
  }

  /** Sets the connection; a new URL starts over (nothing installed there yet), the same URL keeps what was installed. */
  async upsert(workspaceId: string, connection: { apiUrl: string; apiKeySealed: string; webhookSecretSealed: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO twenty_connection (workspace_id, api_url, api_key_sealed, webhook_secret_sealed)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id) DO UPDATE SET
         api_key_sealed = EXCLUDED.api_key_sealed, webhook_secret_sealed = EXCLUDED.webhook_secret_sealed,
         installed_version = CASE WHEN twenty_connection.api_url = EXCLUDED.api_url THEN twenty_connection.installed_version ELSE 0 END,
         installed_items = CASE WHEN twenty_connection.api_url = EXCLUDED.api_url THEN twenty_connection.installed_items ELSE '{}' END,
         twenty_workspace_id = CASE WHEN twenty_connection.api_url = EXCLUDED.api_url THEN twenty_connection.twenty_workspace_id END,
         api_url = EXCLUDED.api_url, sync_failures = 0, sync_next_attempt_at = NULL, sync_last_error = NULL, updated_at = now()`,
      [workspaceId, connection.apiUrl, connection.apiKeySealed, connection.webhookSecretSealed],
    );
  }

  /**
   * Records which Twenty workspace the key opens. Another one than recorded before (a new
   * key on a shared server such as Twenty Cloud) has nothing of Relance's: what was
   * installed is forgotten, as for a new URL. Whether it was the first reading, the same
   * workspace, or another one.
   */
  async recordTwentyWorkspace(workspaceId: string, twentyWorkspaceId: string): Promise<'FIRST' | 'SAME' | 'CHANGED'> {
    const rows: Array<{ before: string | null }> = await this.dataSource.query(
      `WITH before AS (SELECT twenty_workspace_id FROM twenty_connection WHERE workspace_id = $1::uuid FOR UPDATE),
       changed AS (
         UPDATE twenty_connection c SET twenty_workspace_id = $2::varchar,
           installed_version = CASE WHEN b.twenty_workspace_id IS DISTINCT FROM $2::varchar AND b.twenty_workspace_id IS NOT NULL THEN 0 ELSE c.installed_version END,
           installed_items = CASE WHEN b.twenty_workspace_id IS DISTINCT FROM $2::varchar AND b.twenty_workspace_id IS NOT NULL THEN '{}' ELSE c.installed_items END,
           installed_at = CASE WHEN b.twenty_workspace_id IS DISTINCT FROM $2::varchar AND b.twenty_workspace_id IS NOT NULL THEN NULL ELSE c.installed_at END,
           updated_at = CASE WHEN b.twenty_workspace_id IS DISTINCT FROM $2::varchar THEN now() ELSE c.updated_at END
         FROM before b WHERE c.workspace_id = $1::uuid RETURNING b.twenty_workspace_id AS before)
       SELECT before FROM changed`,
      [workspaceId, twentyWorkspaceId],
    );
    const before = rows[0]?.before ?? null;
    return before === null ? 'FIRST' : before === twentyWorkspaceId ? 'SAME' : 'CHANGED';
  }

  async remove(workspaceId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query('DELETE FROM twenty_connection WHERE workspace_id = $1', [
      workspaceId,
    ]);
    return count > 0;
  }

  /** Records one installed item (as soon as Twenty created it: an install cut short resumes from there). */
  async recordInstalledItem(workspaceId: string, key: string, id: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE twenty_connection SET installed_items = CASE WHEN $3::text IS NULL THEN installed_items - $2
         ELSE installed_items || jsonb_build_object($2::text, $3::text) END, updated_at = now()
       WHERE workspace_id = $1`,
      [workspaceId, key, id],
    );
  }

  async setInstalledVersion(workspaceId: string, version: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE twenty_connection SET installed_version = $2, installed_at = CASE WHEN $2 = 0 THEN NULL ELSE now() END, updated_at = now()
       WHERE workspace_id = $1`,
      [workspaceId, version],
    );
  }

  /** The connected workspaces with something installed whose sync is due, not claimed by another process. */
  async dueForSync(): Promise<string[]> {
    const rows: Array<{ workspaceId: string }> = await this.dataSource.query(
      `SELECT workspace_id AS "workspaceId" FROM twenty_connection
       WHERE installed_version > 0 AND (sync_next_attempt_at IS NULL OR sync_next_attempt_at <= now())
         AND (sync_claimed_until IS NULL OR sync_claimed_until < now())`,
    );
    return rows.map((r) => r.workspaceId);
  }

  /**
   * Claims a workspace's sync for `seconds`; false when another process holds it, or while
   * it backs off from an outage unless `pastBackoff`.
   */
  async claim(workspaceId: string, seconds: number, options: { pastBackoff: boolean }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE twenty_connection SET sync_claimed_until = now() + make_interval(secs => $2)
         WHERE workspace_id = $1 AND (sync_claimed_until IS NULL OR sync_claimed_until < now())
           AND ($3::boolean OR sync_next_attempt_at IS NULL OR sync_next_attempt_at <= now())
         RETURNING workspace_id)
       SELECT workspace_id FROM claimed`,
      [workspaceId, seconds, options.pastBackoff],
    );
    return rows.length > 0;
  }

  /** Ends a pass: released, and its outcome (an outage backs off: 5 s, 10 s, 20 s… up to 10 minutes). */
  async release(workspaceId: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
    if (outcome.ok) {
      await this.dataSource.query(
        `UPDATE twenty_connection SET sync_claimed_until = NULL, sync_failures = 0, sync_next_attempt_at = NULL, last_synced_at = now()
         WHERE workspace_id = $1`,
        [workspaceId],
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE twenty_connection SET sync_claimed_until = NULL, sync_failures = sync_failures + 1,
         sync_next_attempt_at = now() + make_interval(secs => LEAST(600, 5 * power(2, LEAST(sync_failures, 10)))),
         sync_last_error = $2, sync_last_error_at = now()
       WHERE workspace_id = $1`,
      [workspaceId, outcome.error.slice(0, 1000)],
    );
  }
}
