import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long accepted deliveries are remembered: far longer than the signature's five minutes. */
const KEPT_FOR = "interval '2 days'";

/** The `twenty_webhook_event` table's SQL, always within one workspace (but the purge). */
@Injectable()
export class TwentyWebhookEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Admits an event once: DUPLICATE when its key was seen, STALE when an event about the same
   * record at a later version was (it is remembered as STALE, so a replay of it is a duplicate),
   * NEW otherwise (remembered, outcome to settle).
   */
  async admit(
    workspaceId: string,
    event: { key: string; objectName: string; recordId: string; version: string | null },
  ): Promise<'NEW' | 'DUPLICATE' | 'STALE'> {
    await this.dataSource.query(`DELETE FROM twenty_webhook_event WHERE received_at < now() - ${KEPT_FOR}`);
    const [newer]: unknown[] = event.version
      ? await this.dataSource.query(
          `SELECT 1 FROM twenty_webhook_event WHERE workspace_id = $1 AND object_name = $2 AND record_id = $3 AND record_version > $4::timestamptz
           LIMIT 1`,
          [workspaceId, event.objectName, event.recordId, event.version],
        )
      : [];
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO twenty_webhook_event (workspace_id, delivery_key, object_name, record_id, record_version, outcome)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workspace_id, delivery_key) DO NOTHING RETURNING delivery_key`,
      [workspaceId, event.key, event.objectName, event.recordId, event.version, newer ? 'STALE' : 'PENDING'],
    );
    if (rows.length === 0) return 'DUPLICATE';
    return newer ? 'STALE' : 'NEW';
  }

  async settle(workspaceId: string, key: string, outcome: string): Promise<void> {
    await this.dataSource.query('UPDATE twenty_webhook_event SET outcome = $3 WHERE workspace_id = $1 AND delivery_key = $2', [
      workspaceId,
      key,
      outcome,
    ]);
  }

  async forget(workspaceId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM twenty_webhook_event WHERE workspace_id = $1 AND delivery_key = $2', [workspaceId, key]);
  }
}
