import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DebtActivities, DebtLiveState, DebtRef } from '../../activities/debt.activities.types';
import type { ActionKind } from '../domain/scenario';

/** Debt statuses in which the workflow still pursues. */
const OPEN_STATUSES = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'];

export type TaskKind = 'CALL' | 'VISIT' | 'SOCIAL_REFERRAL' | 'FOLLOW_UP';
/** Steps a person carries out: performing them opens a task in the agents' list. */
type StepTaskKind = Exclude<TaskKind, 'FOLLOW_UP'>;
const MANUAL_ACTION_TASKS: Partial<Record<ActionKind, StepTaskKind>> = {
  CALL_TASK: 'CALL',
  VISIT_TASK: 'VISIT',
  SOCIAL_REFERRAL: 'SOCIAL_REFERRAL',
};
const TASK_TITLES: Record<StepTaskKind, string> = {
  CALL: 'Call the tenant about the arrears',
  VISIT: 'Visit the tenant about the arrears',
  SOCIAL_REFERRAL: 'Refer the tenant to a social worker (FSL, CAF)',
};

/**
 * What the debt workflow's activities do to the database: read the live balance, write
 * the timeline (each entry once, keyed by workflow and step), open agents' tasks, close
 * the debt. Real channels (letters, SMS) plug in here with the next issue; for now each
 * action is recorded in the timeline, where agents and landlords see it.
 */
@Injectable()
export class DebtCaseService implements DebtActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async readDebtState(ref: DebtRef & { paymentsSince?: string }): Promise<DebtLiveState> {
    const [row] = await this.dataSource.query(
      `SELECT d.amount_cents::float8 AS amount, to_char(d.oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor, d.status,
              (SELECT COALESCE(sum(p.amount_cents), 0)::float8 FROM payment p
               WHERE p.workspace_id = d.workspace_id AND p.lease_id = d.lease_id AND p.created_at >= $3::timestamptz) AS paid_since
       FROM debt d WHERE d.workspace_id = $1 AND d.id = $2`,
      [ref.workspaceId, ref.debtId, ref.paymentsSince ?? 'infinity'],
    );
    if (!row) throw new Error(`debt ${ref.debtId} does not exist in workspace ${ref.workspaceId}`);
    // A debt closed outside the workflow (resolved by the ledger) reads as paid.
    const open = OPEN_STATUSES.includes(row.status);
    return {
      balanceCents: open ? row.amount : 0,
      anchor: row.anchor,
      ...(ref.paymentsSince ? { paidSinceCents: row.paid_since } : {}),
    };
  }

  async performStep(input: Parameters<DebtActivities['performStep']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.insertEvent(input, `ACTION_${input.action}`, `${input.action} (${input.stepKey}) carried out`, `step:${input.stepKey}`, {
        stepKey: input.stepKey,
        template: input.template,
        scheduledAt: input.scheduledAt,
      }, input.performedAt, manager);
      const kind = MANUAL_ACTION_TASKS[input.action];
      if (kind) {
        await this.insertTask(manager, input, {
          key: `step:${input.stepKey}`, kind, stepKey: input.stepKey, dueAt: input.performedAt,
          title: TASK_TITLES[kind], body: `Scenario step ${input.stepKey}${input.template ? ` (script: ${input.template})` : ''}. Record the outcome when done.`,
        });
      }
    });
  }

  async recordDebtEvent(input: Parameters<DebtActivities['recordDebtEvent']>[0]): Promise<void> {
    await this.insertEvent(input, input.kind, input.summary, `${input.kind}:${input.at}`, input.data ?? {}, input.at);
  }

  async createAgentTask(input: Parameters<DebtActivities['createAgentTask']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const created = await this.insertTask(manager, input, { ...input, kind: 'FOLLOW_UP' });
      if (created) {
        await this.insertEvent(input, 'TASK_CREATED', input.title, `task:${input.key}`, { body: input.body, dueAt: input.dueAt }, input.dueAt, manager);
      }
    });
  }

  async setDebtOnPlan(input: Parameters<DebtActivities['setDebtOnPlan']>[0]): Promise<void> {
    await this.dataSource.query(
      `UPDATE debt SET status = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status = $4`,
      [input.workspaceId, input.debtId, input.onPlan ? 'PAYMENT_PLAN' : 'OPEN', input.onPlan ? 'OPEN' : 'PAYMENT_PLAN'],
    );
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
      if (!debt || !OPEN_STATUSES.includes(debt.status)) return;
      await manager.query(
        `UPDATE debt SET status = $3, closed_at = COALESCE(closed_at, $4::timestamptz), updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [input.workspaceId, input.debtId, input.status, input.at],
      );
      await this.insertEvent(input, `DEBT_${input.status}`, `Debt ${input.status.toLowerCase().replace('_', ' ')}: ${input.reason}`, 'close', {}, input.at, manager);
    });
  }

  /** Inserts a task once per key; true when this call created it. */
  private async insertTask(
    db: Pick<DataSource, 'query'>,
    ref: DebtRef,
    task: { key: string; kind: TaskKind; stepKey?: string; title: string; body: string; dueAt: string },
  ): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO task (workspace_id, debt_id, key, kind, step_key, title, body, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (workspace_id, key) DO NOTHING RETURNING id`,
      [ref.workspaceId, ref.debtId, `debt:${ref.debtId}:${task.key}`, task.kind, task.stepKey ?? null, task.title.slice(0, 300), task.body, task.dueAt],
    );
    return rows.length > 0;
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
