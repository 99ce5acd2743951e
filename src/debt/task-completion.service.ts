import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { TaskOutcome } from '../../workflows/debt.messages';
import { TaskService } from '../tasks/task.service';
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
    private readonly tasks: TaskService,
  ) {}

  async complete(actor: Actor, id: string, completion: CheckedCompletion): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lockForCompletion(actor.workspaceId, id, manager);
      if (!task) throw new RelanceError('NOT_FOUND', `No task ${id}`, { field: 'id' });
      if (task.status === 'DONE') throw new RelanceError('BAD_USER_INPUT', 'This task is already completed', { field: 'id' });
      await this.tasks.markDone(actor, id, completion, manager);
      await this.workflows.recordAgentEvent(
        actor,
        task.debtId,
        {
          kind: 'TASK_COMPLETED',
          // A task is completed once (DONE is refused above): its entry is keyed on it.
          key: `task:${id}:completed`,
          summary: `${task.title}: ${completion.outcome}${completion.promisedDate ? ` (promised by ${completion.promisedDate})` : ''}`,
          data: { taskId: id, ...completion },
        },
        manager,
      );
      await this.workflows.taskCompleted(actor, task.debtId, { taskId: id, ...completion });
    });
  }
}
