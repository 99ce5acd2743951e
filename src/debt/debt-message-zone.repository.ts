import type { EntityManager } from 'typeorm';
import type { MessageZone } from '../messaging/templates/message-zones';

type Db = Pick<EntityManager, 'query'>;

/** One step's zones as stored, with the lease kind its template is read for. */
export interface StoredStepZones {
  debtId: string;
  stepKey: string;
  templateKey: string;
  zones: MessageZone[];
  sensitiveAcknowledged: boolean;
  updatedAt: string;
  leaseKind: string;
}

/** The `debt_message_zone` table's SQL: free-text zones per debt and step, always within the caller's workspace. */
export class DebtMessageZoneRepository {
  constructor(private readonly db: Db) {}

  /** Clears a step's zones. */
  async clear(workspaceId: string, debtId: string, stepKey: string): Promise<void> {
    await this.db.query('DELETE FROM debt_message_zone WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3', [
      workspaceId,
      debtId,
      stepKey,
    ]);
  }

  /** Deletes every zone set on a debt (its retention is over: the texts go); how many steps had some. */
  async deleteOfDebt(workspaceId: string, debtId: string): Promise<number> {
    const rows: unknown[] = await this.db.query(
      'WITH gone AS (DELETE FROM debt_message_zone WHERE workspace_id = $1 AND debt_id = $2 RETURNING step_key) SELECT step_key FROM gone',
      [workspaceId, debtId],
    );
    return rows.length;
  }

  /** Sets (replaces) a step's zones; returns when they were set. */
  async set(
    workspaceId: string,
    debtId: string,
    step: { stepKey: string; templateKey: string; zones: MessageZone[]; sensitiveAcknowledged: boolean; setBy: string },
  ): Promise<string> {
    const [row]: Array<{ updated_at: Date }> = await this.db.query(
      `INSERT INTO debt_message_zone (workspace_id, debt_id, step_key, template_key, zones, sensitive_acknowledged, set_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workspace_id, debt_id, step_key) DO UPDATE
         SET template_key = EXCLUDED.template_key, zones = EXCLUDED.zones, sensitive_acknowledged = EXCLUDED.sensitive_acknowledged,
             set_by = EXCLUDED.set_by, updated_at = now()
       RETURNING updated_at`,
      [workspaceId, debtId, step.stepKey, step.templateKey, JSON.stringify(step.zones), step.sensitiveAcknowledged, step.setBy],
    );
    return new Date(row.updated_at).toISOString();
  }

  /** The zones of these debts' steps that queued no message yet, oldest set first: one statement for any number of debts. */
  async pending(workspaceId: string, debtIds: readonly string[]): Promise<StoredStepZones[]> {
    const rows: Array<{
      debt_id: string;
      step_key: string;
      template_key: string;
      zones: MessageZone[];
      sensitive_acknowledged: boolean;
      updated_at: Date;
      lease_kind: string;
    }> = await this.db.query(
      `SELECT z.debt_id, z.step_key, z.template_key, z.zones, z.sensitive_acknowledged, z.updated_at, l.kind AS lease_kind
         FROM debt_message_zone z
         JOIN debt d ON d.workspace_id = z.workspace_id AND d.id = z.debt_id
         JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
         WHERE z.workspace_id = $1 AND z.debt_id = ANY($2::uuid[])
           AND NOT EXISTS (SELECT 1 FROM outbound_message m WHERE m.workspace_id = z.workspace_id AND m.debt_id = z.debt_id AND m.step_key = z.step_key)
         ORDER BY z.updated_at, z.step_key`,
      [workspaceId, [...new Set(debtIds)]],
    );
    return rows.map((r) => ({
      debtId: r.debt_id,
      stepKey: r.step_key,
      templateKey: r.template_key,
      zones: r.zones,
      sensitiveAcknowledged: r.sensitive_acknowledged,
      updatedAt: new Date(r.updated_at).toISOString(),
      leaseKind: r.lease_kind,
    }));
  }
}
