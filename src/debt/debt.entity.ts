import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { TENANT_PROFILES, TenantProfile } from '../domain/scenario';
import { recordTableOf } from '../records/record-entity';
import { DEBT_STATUSES, DebtStatus } from './case-journal';

/**
 * A lease in arrears (dossier de recouvrement): the one declaration of the `debt` table.
 * The ledger writes its money (amount, oldest unpaid due date, RESOLVED when cleared); its
 * workflow writes the rest of its state (status, current step, next action): see
 * DebtRepository.
 */
@Entity('debt')
@Index('debt_one_open_per_lease', ['workspaceId', 'leaseId'], {
  unique: true,
  where: "status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')",
})
@Index('debt_lateness', ['workspaceId', 'status', 'oldestUnpaidDueDate', 'id'])
@Index('debt_oldest', ['workspaceId', 'oldestUnpaidDueDate', 'id'])
@Index('debt_by_lease', ['workspaceId', 'leaseId', 'openedOn'])
@Index('debt_next_action', ['workspaceId', 'nextActionAt', 'id'])
@Index('debt_status_next_action', ['workspaceId', 'status', 'nextActionAt', 'id'])
// The nightly retention run: closed debts not anonymised yet, by the day they closed.
@Index('debt_due_for_anonymisation', ['workspaceId', 'closedAt', 'id'], { where: 'anonymised_at IS NULL AND closed_at IS NOT NULL' })
@ObjectType({ description: 'A lease in arrears (dossier de recouvrement).' })
export class Debt {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Field(() => ID)
  leaseId: string;

  @Column({ type: 'varchar', length: 16, enum: DEBT_STATUSES })
  @Field(() => enumOf(DEBT_STATUSES))
  status: DebtStatus;

  @Column({ name: 'amount_cents', type: 'bigint' })
  @Field(() => Int, { description: 'Overdue amount still owed, in cents.' })
  amountCents: number;

  @Column({ name: 'oldest_unpaid_due_date', type: 'date', nullable: true })
  @Field(() => String, { nullable: true })
  oldestUnpaidDueDate: string | null;

  /** Computed in SQL from the oldest unpaid due date (see DEBT_TABLE). */
  @Field(() => Int, { description: 'Days since the oldest unpaid due date (Europe/Paris today).' })
  daysLate: number;

  @Column({ name: 'opened_on', type: 'date' })
  @Field()
  openedOn: string;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  closedAt: string | null;

  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      'When the free text written about the tenant on this closed debt was anonymised (the workspace’s retentionMonthsAfterClose after it closed); null until then.',
  })
  anonymisedAt: string | null;

  @Column({ name: 'scenario_version', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  scenarioVersion: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  workflowId: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true, enum: TENANT_PROFILES })
  @Field(() => enumOf(TENANT_PROFILES), {
    nullable: true,
    description:
      'The profile the debt opened with: the worst of its tenants’, their history before it (itself not counted). Null for a debt opened before profiles were explained.',
  })
  profile: TenantProfile | null;

  @Column({ name: 'profile_reason', type: 'varchar', length: 1000, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why that profile, e.g. "tenant Dupont: 2 earlier debts in 12 months".' })
  profileReason: string | null;

  /** What the profile was decided on: the thresholds and each tenant's history then. */
  @Column({ name: 'profile_facts', type: 'jsonb', nullable: true })
  profileFacts: unknown;

  @Column({ name: 'scenario_reason', type: 'varchar', length: 1000, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why its scenario, e.g. "tenant Dupont is vulnerable → precarious-social"; null until its workflow starts.',
  })
  scenarioReason: string | null;

  /** The step done last, as the workflow published it (GraphQL: `currentStep`). */
  @Column({ name: 'current_step', type: 'varchar', length: 100, nullable: true })
  currentStep: string | null;

  /** What the workflow will do next, as it published it (GraphQL: `nextAction`). */
  @Column({ name: 'next_action_kind', type: 'varchar', length: 40, nullable: true })
  nextActionKind: string | null;

  @Column({ name: 'next_action_step_key', type: 'varchar', length: 100, nullable: true })
  nextActionStepKey: string | null;

  @Column({ name: 'next_action_at', type: 'timestamptz', nullable: true })
  nextActionAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Debts are visible to the landlord of their lease. */
export const DEBT_TABLE = recordTableOf(Debt, {
  alias: 'd',
  landlordScope: 'EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = d.workspace_id AND x.id = d.lease_id AND x.landlord_id = $L)',
  defaultOrder: [{ daysLate: 'DescNullsLast' }],
  internal: ['escalatedAt', 'profileFacts'],
  fields: {
    createdAt: { query: true },
    updatedAt: { query: true },
    leaseId: { query: true },
    status: { query: true },
    amountCents: { query: true },
    oldestUnpaidDueDate: { query: true },
    openedOn: { query: true },
    closedAt: { query: true },
    anonymisedAt: { query: true },
    scenarioVersion: { query: true },
    workflowId: { query: true },
    profile: { query: true },
    // Where the case stands, as its workflow publishes it on the row (DebtRepository):
    // read by `currentStep` and `nextAction`, filtered and sorted like any other field.
    currentStep: { query: true },
    nextActionKind: { query: true },
    nextActionStepKey: { query: true },
    nextActionAt: { query: true },
  },
  computed: {
    daysLate: {
      column: 'days_late',
      type: 'int',
      query: true,
      sql: `COALESCE(GREATEST((now() AT TIME ZONE 'Europe/Paris')::date - d.oldest_unpaid_due_date, 0), 0)`,
      // Sorting by the stored date uses the index; the order is the same, reversed.
      sortAs: { field: 'oldestUnpaidDueDate', inverted: true },
    },
  },
});
