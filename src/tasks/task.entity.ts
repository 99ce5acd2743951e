import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { TASK_OUTCOMES, TaskOutcome } from '../domain/debt-reducer';
import { recordTableOf } from '../records/record-entity';

export const TASK_KINDS = ['CALL', 'VISIT', 'SOCIAL_REFERRAL', 'FOLLOW_UP'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** A task moves TODO → IN_PROGRESS → DONE (Twenty's Task statuses). */
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A recovery task for an agent, in the shape of Twenty's Task: the one declaration of the
 * `task` table. `key` makes opening one idempotent (a retried activity opens its task once).
 */
@Entity('task')
// ON CONFLICT target of TaskRepository.open.
@Index('task_workspace_id_key_key', ['workspaceId', 'key'], { unique: true })
@Index('task_workspace_id_id_key', ['workspaceId', 'id'], { unique: true })
// The agents' list (by due date), a debt's tasks, an agent's tasks.
@Index('task_open_by_due', ['workspaceId', 'status', 'dueAt', 'id'])
@Index('task_of_debt', ['workspaceId', 'debtId', 'dueAt'])
@Index('task_by_assignee', ['workspaceId', 'assignee', 'status', 'dueAt'])
@ObjectType({ description: 'A recovery task for an agent (Twenty Task shape): a call, a visit, a decision to chase.' })
export class Task {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'debt_id', type: 'uuid' })
  @Field(() => ID)
  debtId: string;

  /** `debt:<debtId>:<what opened it>`: one task per key. */
  @Column({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'varchar', length: 20, enum: TASK_KINDS })
  @Field(() => enumOf(TASK_KINDS))
  kind: TaskKind;

  @Column({ name: 'step_key', type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'The scenario step that asked for it.' })
  stepKey: string | null;

  @Column({ type: 'varchar', length: 300 })
  @Field()
  title: string;

  @Column({ type: 'text' })
  @Field()
  body: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  @Field()
  dueAt: string;

  @Column({ type: 'varchar', length: 12, enum: TASK_STATUSES })
  @Field(() => enumOf(TASK_STATUSES))
  status: TaskStatus;

  @Column({ type: 'varchar', length: 16, enum: TASK_OUTCOMES, nullable: true })
  @Field(() => enumOf(TASK_OUTCOMES), { nullable: true, description: 'Set when DONE.' })
  outcome: TaskOutcome | null;

  @Column({ name: 'promised_date', type: 'date', nullable: true })
  @Field(() => String, { nullable: true })
  promisedDate: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The agent’s report (call notes).' })
  report: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  completedAt: string | null;

  /** Who completed it: `api-key:<id>` (the webhook's completions are Twenty's pseudo key). */
  @Column({ name: 'completed_by', type: 'varchar', length: 200, nullable: true })
  completedBy: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'The agent working it: a CRM workspace member id or an e-mail address.' })
  assignee: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true, description: 'When it went IN_PROGRESS.' })
  startedAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;
}

/**
 * Landlords see the tasks of their leases' debts, but never an agent's words: a call's
 * report, a task's notes (a wrong-number follow-up carries the report). Tasks are opened by
 * the workflow, never through the record API.
 */
export const TASK_TABLE = recordTableOf(Task, {
  alias: 'tk',
  landlordScope: `EXISTS (SELECT 1 FROM debt y JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
    WHERE y.workspace_id = tk.workspace_id AND y.id = tk.debt_id AND x.landlord_id = $L)`,
  defaultOrder: [{ dueAt: 'AscNullsLast' }],
  internal: ['key', 'completedBy', 'updatedAt'],
  agentsOnly: { report: 'NULL', body: "''" },
  fields: {
    debtId: { query: true },
    kind: { query: true },
    stepKey: { query: true },
    title: { query: true },
    dueAt: { query: true },
    status: { query: true },
    outcome: { query: true },
    promisedDate: { query: true },
    completedAt: { query: true },
    assignee: { query: true },
    startedAt: { query: true },
    createdAt: { query: true },
  },
});
