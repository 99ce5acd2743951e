import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DebtActivities, DebtLiveState, DebtRef } from '../../activities/debt.activities.types';

/**
 * What the debt workflow's activities do to the database: read the live balance, write
 * the timeline (each entry once, keyed by workflow and step), close the debt. Real
 * channels (letters, SMS, tasks) plug in here with the next issue; for now each action is
 * recorded in the timeline, where agents and landlords see it.
 */
@Injectable()
export class DebtCaseService implements DebtActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async readDebtState(ref: DebtRef): Promise<DebtLiveState> {
    const [row] = await this.dataSource.query(
      `SELECT amount_cents::float8 AS amount, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor, status
       FROM debt WHERE workspace_id = $1 AND id = $2`,
      [ref.workspaceId, ref.debtId],
    );
    if (!row) throw new Error(`debt ${ref.debtId} does not exist in workspace ${ref.workspaceId}`);
    // A debt closed outside the workflow (resolved by the ledger) reads as paid.
    const open = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'].includes(row.status);
    return { balanceCents: open ? row.amount : 0, anchor: row.anchor };
  }

  async performStep(input: Parameters<DebtActivities['performStep']>[0]): Promise<void> {
    await this.insertEvent(input, `ACTION_${input.action}`, `${input.action} (${input.stepKey}) carried out`, `step:${input.stepKey}`, {
      stepKey: input.stepKey,
      template: input.template,
      scheduledAt: input.scheduledAt,
    }, input.performedAt);
  }

  async recordDebtEvent(input: Parameters<DebtActivities['recordDebtEvent']>[0]): Promise<void> {
    await this.insertEvent(input, input.kind, input.summary, `${input.kind}:${input.at}`, input.data ?? {}, input.at);
  }

  async createAgentTask(input: Parameters<DebtActivities['createAgentTask']>[0]): Promise<void> {
    await this.insertEvent(input, 'TASK_CREATED', input.title, `task:${input.key}`, { body: input.body, dueAt: input.dueAt }, input.dueAt);
  }

  async setDebtPaused(input: Parameters<DebtActivities['setDebtPaused']>[0]): Promise<void> {
    await this.dataSource.query(
      `UPDATE debt SET status = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status = $4`,
      [input.workspaceId, input.debtId, input.paused ? 'PAUSED' : 'OPEN', input.paused ? 'OPEN' : 'PAUSED'],
    );
  }

  async closeDebt(input: Parameters<DebtActivities['closeDebt']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [debt] = await manager.query('SELECT status FROM debt WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [
        input.workspaceId,
        input.debtId,
      ]);
      // Already closed by the ledger (a payment cleared it): its timeline says so already.
      if (!debt || !['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'].includes(debt.status)) return;
      await manager.query(
        `UPDATE debt SET status = $3, closed_at = COALESCE(closed_at, $4::timestamptz), updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [input.workspaceId, input.debtId, input.status, input.at],
      );
      await this.insertEvent(input, `DEBT_${input.status}`, `Debt ${input.status.toLowerCase().replace('_', ' ')}: ${input.reason}`, 'close', {}, input.at, manager);
    });
  }

  private async insertEvent(
    ref: DebtRef,
    kind: string,
    summary: string,
    key: string,
    data: Record<string, unknown>,
    at: string,
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key)
       VALUES ($1, $2, $3, $4, 'WORKFLOW', $5, $6, $7, $8)
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING`,
      [ref.workspaceId, ref.debtId, kind, at, `debt:${ref.workspaceId}:${ref.debtId}`, summary, JSON.stringify(data), `debt:${ref.debtId}:${key}`],
    );
  }
}
