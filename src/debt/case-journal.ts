import type { EntityManager } from 'typeorm';
import type { DebtRef } from '../../activities/debt.activities.types';

type Db = Pick<EntityManager, 'query'>;

/** Where a debt stands; the first four are open (its workflow runs), the others closed. */
export const DEBT_STATUSES = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED', 'RESOLVED', 'WRITTEN_OFF', 'CANCELLED'] as const;
export type DebtStatus = (typeof DEBT_STATUSES)[number];

export const TASK_KINDS = ['CALL', 'VISIT', 'SOCIAL_REFERRAL', 'FOLLOW_UP'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** A task moves TODO → IN_PROGRESS → DONE (Twenty's Task statuses). */
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who wrote a timeline entry: the debt's workflow, a provider's report (SYSTEM), or an API key. */
export const JOURNAL_ACTOR_KINDS = ['SYSTEM', 'API_KEY', 'WORKFLOW'] as const;
export type JournalActor = { kind: (typeof JOURNAL_ACTOR_KINDS)[number]; id: string };

/**
 * Writes one timeline entry of a debt, once per key (`debt:<debt>:<key>`): a retried
 * activity or a provider's repeated report records it once.
 */
export async function writeDebtEvent(
  db: Db,
  ref: DebtRef,
  entry: { kind: string; summary: string; key: string; data?: Record<string, unknown>; at: string; actor: JournalActor },
): Promise<void> {
  await db.query(
    `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (workspace_id, idempotency_key) DO NOTHING`,
    [ref.workspaceId, ref.debtId, entry.kind, entry.at, entry.actor.kind, entry.actor.id, entry.summary, JSON.stringify(entry.data ?? {}), `debt:${ref.debtId}:${entry.key}`],
  );
}

/** Opens a task for an agent once per key; true when this call created it. */
export async function openTask(
  db: Db,
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
