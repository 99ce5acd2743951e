import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import type { Installment } from '../domain/payment-plan';
import { recordTableOf } from '../records/record-entity';

/** What a landlord is asked to approve: a formal notice, a hand-off, a fee, a payment plan (or another step a scenario flags). */
export const APPROVAL_KINDS = ['FORMAL_NOTICE', 'HANDOFF', 'FEE', 'PAYMENT_PLAN', 'OTHER'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
/** A request waits (PENDING) until the landlord decides (APPROVED, REJECTED) or its deadline passes (LAPSED). */
export const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'LAPSED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * One approval a debt's workflow asked of the landlord: the one declaration of the
 * `approval_request` table. The workflow writes it (through its activities) when it asks,
 * reminds and lapses; the decision is written by the path that signals it to the workflow
 * (`decideApproval`), with who decided (`api-key:<id>` or the extranet's `session:<id>`).
 */
@Entity('approval_request')
@Index('approval_request_once', ['workspaceId', 'debtId', 'stepKey', 'requestedAt'], { unique: true })
@Index('approval_request_of_landlord', ['workspaceId', 'landlordId', 'status', 'requestedAt'])
@Index('approval_request_of_debt', ['workspaceId', 'debtId', 'requestedAt'])
@ObjectType({ description: 'An approval a debt’s workflow asks of the landlord: a formal notice, a hand-off, a payment plan.' })
export class ApprovalRequest {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'debt_id', type: 'uuid' })
  @Field(() => ID)
  debtId: string;

  @Column({ name: 'landlord_id', type: 'uuid' })
  @Field(() => ID)
  landlordId: string;

  @Column({ type: 'varchar', length: 24, enum: APPROVAL_KINDS })
  @Field(() => enumOf(APPROVAL_KINDS))
  kind: ApprovalKind;

  @Column({ name: 'step_key', type: 'varchar', length: 64 })
  @Field({ description: 'The step awaiting the decision, or "payment-plan": what decideApproval names.' })
  stepKey: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'The step’s action (FORMAL_NOTICE, LITIGATION_HANDOFF…); null for a payment plan.' })
  action: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  @Field()
  requestedAt: string;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  @Field({
    description:
      'Without a decision by then the request lapses: the step is not carried out (the plan is dropped) and an agent is asked to chase it.',
  })
  deadlineAt: string;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true, description: 'When the landlord was reminded, before the deadline.' })
  remindedAt: string | null;

  @Column({ type: 'varchar', length: 16, enum: APPROVAL_STATUSES })
  @Field(() => enumOf(APPROVAL_STATUSES))
  status: ApprovalStatus;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  decidedAt: string | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionComment: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Who decided: `api-key:<id>`, or `session:<id>` for a landlord signed in to the extranet.',
  })
  decidedBy: string | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The letter to approve, when the step renders one (GET /documents/<id>).' })
  documentId: string | null;

  /** The plan to approve (kind PAYMENT_PLAN); read through `planInstallments`. */
  @Column({ name: 'plan_installments', type: 'jsonb', nullable: true })
  planInstallments: Installment[] | null;

  /** The debt's lease reference, computed in the list's own statement. */
  @Field(() => String, { nullable: true, description: 'The reference of the debt’s lease.' })
  leaseReference?: string | null;
}

/** A LANDLORD key or session sees its own landlord's requests only. */
export const APPROVAL_REQUEST_TABLE = recordTableOf(ApprovalRequest, {
  alias: 'ar',
  landlordScope: 'ar.landlord_id = $L',
  defaultOrder: [{ requestedAt: 'DescNullsLast' }],
  internal: ['planInstallments'],
  fields: {
    debtId: { query: true },
    landlordId: { query: true },
    kind: { query: true },
    stepKey: { query: true },
    requestedAt: { query: true },
    deadlineAt: { query: true },
    status: { query: true },
    decidedAt: { query: true },
  },
  computed: {
    leaseReference: {
      column: 'lease_reference',
      type: 'string',
      nullable: true,
      sql: `(SELECT l.reference FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
        WHERE d.workspace_id = ar.workspace_id AND d.id = ar.debt_id)`,
    },
    planInstallmentsJson: { column: 'plan_installments_json', type: 'string', nullable: true, sql: 'ar.plan_installments::text' },
  },
});
