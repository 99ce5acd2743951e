import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { TaskOutcome } from '../../workflows/debt.messages';
import { DebtWorkflowsService } from './debt-workflows.service';

export interface CheckedCompletion {
  outcome: TaskOutcome;
  report: string;
  promisedDate?: string;
}

/**
 * Completing a task, from the API or from the CRM's webhook: the row, the timeline entry
 * and the message to the debt's workflow go together. If the workflow cannot be told,
 * nothing is written and the caller gets the error.
 */
@Injectable()
export class TaskCompletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: DebtWorkflowsService,
  ) {}

  async complete(actor: Actor, id: string, completion: CheckedCompletion): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [task]: Array<{ debt_id: string; status: string; title: string }> = await manager.query(
        'SELECT debt_id, status, title FROM task WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [actor.workspaceId, id],
      );
      if (!task) throw new RelanceError('NOT_FOUND', `No task ${id}`, { field: 'id' });
      if (task.status === 'DONE') throw new RelanceError('BAD_USER_INPUT', 'This task is already completed', { field: 'id' });
      await manager.query(
        `UPDATE task SET status = 'DONE', outcome = $3, promised_date = $4, report = $5, completed_at = now(),
           completed_by = $6, updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [actor.workspaceId, id, completion.outcome, completion.promisedDate ?? null, completion.report, `api-key:${actor.apiKeyId}`],
      );
      await this.workflows.recordAgentEvent(
        actor, task.debt_id, 'TASK_COMPLETED',
        `${task.title}: ${completion.outcome}${completion.promisedDate ? ` (promised by ${completion.promisedDate})` : ''}`,
        { taskId: id, ...completion },
        manager,
      );
      await this.workflows.taskCompleted(actor, task.debt_id, { taskId: id, ...completion });
    });
  }
}
