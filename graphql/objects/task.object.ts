import { Args, Field, ID, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { RelanceError } from '../../src/common/relance.error';
import { DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import { addDays, isIsoDate } from '../../src/domain/calendar-date';
import { RecordStore } from '../../src/records/record-store';
import { RecordTable } from '../../src/records/record-table';
import { TASK_OUTCOMES, TaskOutcome } from '../../workflows/debt.messages';
import { recordResolverFor } from '../records/record-resolver.factory';

export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export const TASK_KINDS = ['CALL', 'VISIT', 'SOCIAL_REFERRAL', 'FOLLOW_UP'] as const;
/** A promise to pay further out than this is a payment plan, not a promise. */
export const PROMISE_MAX_DAYS = 60;
const REPORT_MAX = 5_000;

@ObjectType({ description: 'A recovery task for an agent (Twenty Task shape): a call, a visit, a decision to chase.' })
export class Task {
  @Field(() => ID) id: string;
  @Field(() => ID) debtId: string;
  @Field({ description: TASK_KINDS.join(', ') }) kind: string;
  @Field(() => String, { nullable: true, description: 'The scenario step that asked for it.' }) stepKey: string | null;
  @Field() title: string;
  @Field() body: string;
  @Field() dueAt: string;
  @Field({ description: TASK_STATUSES.join(', ') }) status: string;
  @Field(() => String, { nullable: true, description: TASK_OUTCOMES.join(', ') }) outcome: string | null;
  @Field(() => String, { nullable: true }) promisedDate: string | null;
  @Field(() => String, { nullable: true, description: 'The agent’s report (call notes).' }) report: string | null;
  @Field(() => String, { nullable: true }) completedAt: string | null;
  @Field() createdAt: string;
}

export const TASK_TABLE: RecordTable = {
  name: 'Task', table: 'task', alias: 'tk',
  landlordScope: `EXISTS (SELECT 1 FROM debt y JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
    WHERE y.workspace_id = tk.workspace_id AND y.id = tk.debt_id AND x.landlord_id = $L)`,
  defaultOrder: [{ dueAt: 'AscNullsLast' }],
  fields: {
    id: { column: 'id', type: 'uuid' },
    debtId: { column: 'debt_id', type: 'uuid', query: true },
    kind: { column: 'kind', type: 'enum', values: TASK_KINDS, query: true },
    stepKey: { column: 'step_key', type: 'string', nullable: true, query: true },
    title: { column: 'title', type: 'string', query: true },
    body: { column: 'body', type: 'string' },
    dueAt: { column: 'due_at', type: 'timestamp', query: true },
    status: { column: 'status', type: 'enum', values: TASK_STATUSES, query: true },
    outcome: { column: 'outcome', type: 'enum', values: TASK_OUTCOMES, nullable: true, query: true },
    promisedDate: { column: 'promised_date', type: 'date', nullable: true, query: true },
    report: { column: 'report', type: 'string', nullable: true },
    completedAt: { column: 'completed_at', type: 'timestamp', nullable: true, query: true },
    createdAt: { column: 'created_at', type: 'timestamp', query: true },
  },
};

export const TaskResolver = recordResolverFor({ name: 'Task', plural: 'tasks', node: Task, table: TASK_TABLE });

/**
 * Completing a task with its structured outcome. The row, the timeline entry and the
 * message to the debt's workflow go together: if the workflow cannot be told, nothing is
 * written and the agent gets the error.
 */
@Resolver(() => Task)
export class TaskMutationsResolver {
  private readonly tasks: RecordStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: DebtWorkflowsService,
  ) {
    this.tasks = new RecordStore(TASK_TABLE, dataSource);
  }

  @WriteAccess()
  @Mutation(() => Task, {
    description:
      'Completes a task with its outcome: a promise to pay (with the promised date) holds the scenario until then, ' +
      'a dispute pauses it, a wrong number opens a task to find the right one.',
  })
  async completeTask(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('outcome', { description: TASK_OUTCOMES.join(', ') }) outcome: string,
    @Args('report', { description: 'What happened (call notes); 1 to 5,000 characters.' }) report: string,
    @Args('promisedDate', { nullable: true, description: 'With PROMISE_TO_PAY: YYYY-MM-DD, within 60 days.' }) promisedDate?: string,
  ) {
    const completion = checkCompletion(outcome, report, promisedDate ?? undefined);
    await this.tasks.get(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const [task]: Array<{ debt_id: string; status: string; title: string }> = await manager.query(
        'SELECT debt_id, status, title FROM task WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [actor.workspaceId, id],
      );
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
    return this.tasks.get(actor, id);
  }
}

function checkCompletion(outcome: string, report: string, promisedDate?: string) {
  if (!TASK_OUTCOMES.includes(outcome as TaskOutcome)) {
    throw new RelanceError('BAD_USER_INPUT', `outcome must be one of ${TASK_OUTCOMES.join(', ')}`, { field: 'outcome' });
  }
  const text = report.trim();
  if (text.length < 1 || text.length > REPORT_MAX) {
    throw new RelanceError('BAD_USER_INPUT', `report must be 1 to ${REPORT_MAX} characters`, { field: 'report' });
  }
  if (outcome === 'PROMISE_TO_PAY') {
    const today = todayIn();
    if (!isIsoDate(promisedDate)) throw new RelanceError('BAD_USER_INPUT', 'A promise to pay needs its date, as YYYY-MM-DD', { field: 'promisedDate' });
    if (promisedDate < today || promisedDate > addDays(today, PROMISE_MAX_DAYS)) {
      throw new RelanceError('BAD_USER_INPUT', `promisedDate must be between today and ${PROMISE_MAX_DAYS} days from now`, { field: 'promisedDate' });
    }
  } else if (promisedDate !== undefined) {
    throw new RelanceError('BAD_USER_INPUT', 'promisedDate goes only with the PROMISE_TO_PAY outcome', { field: 'promisedDate' });
  }
  return { outcome: outcome as TaskOutcome, report: text, ...(outcome === 'PROMISE_TO_PAY' ? { promisedDate } : {}) };
}
