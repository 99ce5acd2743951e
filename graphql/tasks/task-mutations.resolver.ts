import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { RelanceError } from '../../src/common/relance.error';
import { TASK_KINDS, TASK_STATUSES, TaskKind, TaskStatus } from '../../src/debt/case-journal';
import { TaskCompletionService } from '../../src/debt/task-completion.service';
import { addDays, isIsoDate } from '../../src/domain/calendar-date';
import { findSensitiveTerms, SensitiveCategory } from '../../src/domain/sensitive-terms';
import { RecordStore } from '../../src/records/record-store';
import { RecordTable } from '../../src/records/record-table';
import { TASK_OUTCOMES, TaskOutcome } from '../../workflows/debt.messages';
import { SensitiveCategoryEnum, TaskKindEnum, TaskOutcomeEnum, TaskStatusEnum, TaskTargetKindEnum } from '../enums';
import { recordResolverFor } from '../records/record-resolver.factory';
import { ON_LANDLORD_DEBT } from './ledger.object';

/** A promise to pay further out than this is a payment plan, not a promise. */
export const PROMISE_MAX_DAYS = 60;
const REPORT_MAX = 5_000;

@ObjectType({ description: 'A recovery task for an agent (Twenty Task shape): a call, a visit, a decision to chase.' })
export class Task {
  @Field(() => ID) id: string;
  @Field(() => ID) debtId: string;
  @Field(() => TaskKindEnum) kind: TaskKind;
  @Field(() => String, { nullable: true, description: 'The scenario step that asked for it.' }) stepKey: string | null;
  @Field() title: string;
  @Field() body: string;
  @Field() dueAt: string;
  @Field(() => TaskStatusEnum) status: TaskStatus;
  @Field(() => TaskOutcomeEnum, { nullable: true, description: 'Set when DONE.' }) outcome: TaskOutcome | null;
  @Field(() => String, { nullable: true }) promisedDate: string | null;
  @Field(() => String, { nullable: true, description: 'The agent’s report (call notes).' }) report: string | null;
  @Field(() => String, { nullable: true }) completedAt: string | null;
  @Field(() => String, { nullable: true, description: 'The agent working it: a CRM workspace member id or an e-mail address.' }) assignee: string | null;
  @Field(() => String, { nullable: true, description: 'When it went IN_PROGRESS.' }) startedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Its id in the Twenty workspace it is mirrored to (TWENTY_API_URL).' }) twentyTaskId: string | null;
  @Field() createdAt: string;
}

@ObjectType({ description: 'What a task is about (Twenty TaskTarget): the debt, its lease and the lease’s tenants.' })
export class TaskTarget {
  @Field(() => TaskTargetKindEnum) kind: keyof typeof TaskTargetKindEnum;
  @Field(() => ID) id: string;
  @Field({ description: 'A label to show: the lease reference, the tenant’s name.' }) label: string;
}

@ObjectType({ description: 'A word of a call report that looks like sensitive data.' })
export class SensitiveTerm {
  @Field(() => SensitiveCategoryEnum) category: SensitiveCategory;
  @Field() word: string;
}

export const TASK_TABLE: RecordTable = {
  name: 'Task', table: 'task', alias: 'tk',
  landlordScope: ON_LANDLORD_DEBT('tk'),
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
    assignee: { column: 'assignee', type: 'string', nullable: true, query: true },
    startedAt: { column: 'started_at', type: 'timestamp', nullable: true, query: true },
    twentyTaskId: { column: 'twenty_task_id', type: 'string', nullable: true, query: true },
    createdAt: { column: 'created_at', type: 'timestamp', query: true },
  },
};

export const TaskResolver = recordResolverFor({ name: 'Task', plural: 'tasks', node: Task, table: TASK_TABLE });

/**
 * Working a task: its targets, assigning it, starting it, and completing it with its
 * structured outcome. On completion the row, the timeline entry and the message to the
 * debt's workflow go together: if the workflow cannot be told, nothing is written and the
 * agent gets the error.
 */
@Resolver(() => Task)
export class TaskMutationsResolver {
  private readonly tasks: RecordStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly completion: TaskCompletionService,
  ) {
    this.tasks = new RecordStore(TASK_TABLE, dataSource);
  }

  @ResolveField(() => [TaskTarget], { description: 'The debt, its lease and the lease’s tenants (Twenty TaskTarget).' })
  async targets(@Parent() task: Task): Promise<TaskTarget[]> {
    const rows: TaskTarget[] = await this.dataSource.query(
      `SELECT 'DEBT' AS kind, d.id::text AS id, 'Debt on ' || l.reference AS label, 0 AS rank FROM task t
         JOIN debt d ON d.workspace_id = t.workspace_id AND d.id = t.debt_id JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
         WHERE t.id = $1
       UNION ALL SELECT 'LEASE', l.id::text, l.reference, 1 FROM task t
         JOIN debt d ON d.workspace_id = t.workspace_id AND d.id = t.debt_id JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
         WHERE t.id = $1
       UNION ALL SELECT 'TENANT', x.id::text, concat_ws(' ', x.first_name, x.last_name), 2 FROM task t
         JOIN debt d ON d.workspace_id = t.workspace_id AND d.id = t.debt_id
         JOIN lease_tenant lt ON lt.workspace_id = d.workspace_id AND lt.lease_id = d.lease_id
         JOIN tenant x ON x.workspace_id = lt.workspace_id AND x.id = lt.tenant_id
         WHERE t.id = $1
       ORDER BY rank, label`,
      [task.id],
    );
    return rows.map(({ kind, id, label }) => ({ kind, id, label }));
  }

  @Query(() => [SensitiveTerm], {
    description: 'Words of a call report that look like sensitive data (health, offences, insults, origin, religion…): warn the agent before saving.',
  })
  checkCallReport(@Args('report') report: string): SensitiveTerm[] {
    return findSensitiveTerms(report);
  }

  @WriteAccess()
  @Mutation(() => Task, { description: 'Gives a task to an agent (null: to nobody). A done task keeps its assignee.' })
  async assignTask(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('assignee', { type: () => String, nullable: true, description: 'A CRM workspace member id or an e-mail address.' }) assignee?: string | null,
  ) {
    const value = assignee?.trim() || null;
    if (value !== null && (value.length > 200 || /[\s<>]/.test(value))) {
      throw new RelanceError('BAD_USER_INPUT', 'assignee must be an id or an e-mail address, at most 200 characters, without spaces', { field: 'assignee' });
    }
    await this.changeOpenTask(actor, id, 'assignee = $3', [value]);
    return this.tasks.get(actor, id);
  }

  @WriteAccess()
  @Mutation(() => Task, { description: 'Marks a task IN_PROGRESS (an agent is on it).' })
  async startTask(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    await this.changeOpenTask(actor, id, `status = 'IN_PROGRESS', started_at = COALESCE(started_at, now())`, []);
    return this.tasks.get(actor, id);
  }

  private async changeOpenTask(actor: Actor, id: string, set: string, values: unknown[]): Promise<void> {
    await this.tasks.get(actor, id);
    const changed: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE task SET ${set}, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status <> 'DONE' RETURNING id)
       SELECT id FROM changed`,
      [actor.workspaceId, id, ...values],
    );
    if (changed.length === 0) throw new RelanceError('BAD_USER_INPUT', 'This task is already completed', { field: 'id' });
  }

  @WriteAccess()
  @Mutation(() => Task, {
    description:
      'Completes a task with its outcome: a promise to pay (with the promised date) holds the scenario until then, ' +
      'a dispute pauses it, a wrong number opens a task to find the right one. A report that looks like it holds sensitive data ' +
      '(see checkCallReport) is refused unless acknowledgeSensitiveData is true.',
  })
  async completeTask(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('outcome', { type: () => TaskOutcomeEnum }) outcome: TaskOutcome,
    @Args('report', { description: 'What happened (call notes); 1 to 5,000 characters, factual.' }) report: string,
    @Args('promisedDate', { nullable: true, description: 'With PROMISE_TO_PAY: YYYY-MM-DD, within 60 days.' }) promisedDate?: string,
    @Args('acknowledgeSensitiveData', { nullable: true, description: 'The agent read the sensitive-data warning and confirms the wording.' })
    acknowledgeSensitiveData?: boolean,
  ) {
    const completion = checkCompletion(outcome, report, promisedDate ?? undefined);
    const sensitive = findSensitiveTerms(completion.report);
    if (sensitive.length > 0 && acknowledgeSensitiveData !== true) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `The report seems to hold sensitive data (${sensitive.map((t) => `${t.category.toLowerCase().replace('_', ' ')}: "${t.word}"`).join(', ')}). ` +
          'Call notes must stay factual (CNIL): rephrase, or send acknowledgeSensitiveData: true if the wording is needed.',
        { field: 'report' },
      );
    }
    await this.tasks.get(actor, id);
    await this.completion.complete(actor, id, completion);
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
