import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { TaskOutcome } from '../domain/debt-reducer';
import { RecordRepository } from '../records/record.repository';
import { Task, TASK_TABLE, TaskKind, TaskStatus } from './task.entity';

/** A database handle: the data source, or a transaction's manager so the write commits with the caller's. */
export type TaskDb = Pick<EntityManager, 'query'>;

/** The debt a task is about, in its workspace. */
export interface TaskRef {
  workspaceId: string;
  debtId: string;
}

/** A task to open: `key` (unique within the debt) makes opening it idempotent. */
export interface NewTask {
  key: string;
  kind: TaskKind;
  stepKey?: string | null;
  title: string;
  body: string;
  dueAt: string;
}

/** What a task is about, as its `targets` field lists it. */
export interface TaskTargetRow {
  kind: 'DEBT' | 'LEASE' | 'TENANT';
  id: string;
  label: string;
}

/** A change an agent makes to a task still open. */
export type OpenTaskChange = { assignee: string | null } | { start: true };

/** Titles are cut to the column's size: a long step subject must not fail the step. */
const TITLE_MAX = 300;

/**
 * The `task` table's SQL, always within the caller's workspace (and landlord, for the
 * record API's reads). Opening a task is the table's one insert, idempotent by key.
 */
@Injectable()
export class TaskRepository extends RecordRepository<Task> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(TASK_TABLE, dataSource);
  }

  /** Opens a task for an agent once per key (`debt:<debtId>:<key>`); true when this call created it. */
  async open(ref: TaskRef, task: NewTask, db: TaskDb = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO task (workspace_id, debt_id, key, kind, step_key, title, body, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (workspace_id, key) DO NOTHING RETURNING id`,
      [
        ref.workspaceId,
        ref.debtId,
        `debt:${ref.debtId}:${task.key}`,
        task.kind,
        task.stepKey ?? null,
        task.title.slice(0, TITLE_MAX),
        task.body,
        task.dueAt,
      ],
    );
    return rows.length > 0;
  }

  /**
   * The targets of each task (its debt, the debt's lease, the lease's tenants), in one
   * statement for any number of tasks: in the order asked, an empty list for a task
   * outside the actor's scope.
   */
  async targetsOf(actor: Actor, taskIds: readonly string[]): Promise<TaskTargetRow[][]> {
    const scope = this.scope(actor, 1);
    const rows: Array<TaskTargetRow & { taskId: string }> = await this.dataSource.query(
      `WITH t AS (SELECT tk.id, tk.workspace_id, tk.debt_id FROM task tk WHERE tk.id = ANY($1::uuid[]) AND ${scope.sql}),
            dl AS (SELECT t.id AS task_id, d.id AS debt_id, l.workspace_id, l.id AS lease_id, l.reference FROM t
                   JOIN debt d ON d.workspace_id = t.workspace_id AND d.id = t.debt_id
                   JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id)
       SELECT task_id AS "taskId", 'DEBT' AS kind, debt_id::text AS id, 'Debt on ' || reference AS label, 0 AS rank FROM dl
       UNION ALL SELECT task_id, 'LEASE', lease_id::text, reference, 1 FROM dl
       UNION ALL SELECT dl.task_id, 'TENANT', x.id::text, concat_ws(' ', x.first_name, x.last_name), 2 FROM dl
         JOIN lease_tenant lt ON lt.workspace_id = dl.workspace_id AND lt.lease_id = dl.lease_id
         JOIN tenant x ON x.workspace_id = lt.workspace_id AND x.id = lt.tenant_id
       ORDER BY 1, 5, 4`,
      [[...new Set(taskIds)], ...scope.params],
    );
    const byTask = new Map<string, TaskTargetRow[]>();
    for (const { taskId, kind, id, label } of rows) byTask.set(taskId, [...(byTask.get(taskId) ?? []), { kind, id, label }]);
    return taskIds.map((id) => byTask.get(id) ?? []);
  }

  /** Applies an agent's change to a task of the workspace that is not DONE; false when it is DONE. */
  async changeOpen(workspaceId: string, id: string, change: OpenTaskChange): Promise<boolean> {
    const [set, values] =
      'start' in change ? [`status = 'IN_PROGRESS', started_at = COALESCE(started_at, now())`, []] : ['assignee = $3', [change.assignee]];
    const changed: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE task SET ${set}, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status <> 'DONE' RETURNING id)
       SELECT id FROM changed`,
      [workspaceId, id, ...values],
    );
    return changed.length > 0;
  }

  /** Locks a task of the workspace for its completion, in the caller's transaction. */
  async lockForCompletion(
    workspaceId: string,
    id: string,
    db: TaskDb,
  ): Promise<{ debtId: string; status: TaskStatus; title: string } | undefined> {
    const [task]: Array<{ debtId: string; status: TaskStatus; title: string }> = await db.query(
      'SELECT debt_id AS "debtId", status, title FROM task WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
      [workspaceId, id],
    );
    return task;
  }

  /** Marks a task of the workspace DONE with its outcome, in the caller's transaction. */
  async markDone(
    workspaceId: string,
    id: string,
    completion: { outcome: TaskOutcome; report: string; promisedDate?: string; completedBy: string },
    db: TaskDb,
  ): Promise<void> {
    await db.query(
      `UPDATE task SET status = 'DONE', outcome = $3, promised_date = $4, report = $5, completed_at = now(),
         completed_by = $6, updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, completion.outcome, completion.promisedDate ?? null, completion.report, completion.completedBy],
    );
  }

  /**
   * Replaces the text agents wrote on a debt's tasks with `marker`, in the caller's
   * transaction: each report (call notes) and each body (a follow-up's carries a report or
   * a landlord's comment). Kind, title, outcome, dates and status stay. How many tasks changed.
   */
  async anonymiseOfDebt(ref: TaskRef, marker: string, db: TaskDb): Promise<number> {
    const rows: unknown[] = await db.query(
      `WITH changed AS (
         UPDATE task SET report = CASE WHEN report IS NULL THEN NULL ELSE $3 END, body = $3, updated_at = now()
         WHERE workspace_id = $1 AND debt_id = $2 AND (body <> $3 OR report <> $3)
         RETURNING id)
       SELECT id FROM changed`,
      [ref.workspaceId, ref.debtId, marker],
    );
    return rows.length;
  }

  /** A task's status and assignee in the workspace (undefined: no such task). */
  async state(workspaceId: string, id: string): Promise<{ status: TaskStatus; assignee: string | null } | undefined> {
    const [task]: Array<{ status: TaskStatus; assignee: string | null }> = await this.dataSource.query(
      'SELECT status, assignee FROM task WHERE workspace_id = $1 AND id = $2',
      [workspaceId, id],
    );
    return task;
  }
}
