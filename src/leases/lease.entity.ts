import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { API_KEY_ROLES, ApiKeyRole, actorRef } from '../auth/actor';
import { enumOf } from '../common/graphql-enums';
import { IsCalendarDate } from '../common/validators';
import { MAX_ENTRY_CENTS } from '../domain/money';
import { LEASE_KINDS, LeaseKind } from '../domain/scenario';
import { recordTableOf } from '../records/record-entity';

/**
 * A lease (bail) of one unit, from one landlord: the one declaration of the `lease` table —
 * its columns (TypeORM), its GraphQL fields and its validation. The record API's table spec
 * is derived from it below. Its parties are the `lease_tenant` and `lease_guarantor` rows.
 */
@Entity('lease')
@Index('lease_workspace_id_reference_key', ['workspaceId', 'reference'], { unique: true })
@Index('lease_landlord', ['workspaceId', 'landlordId'])
@Index('lease_unit', ['workspaceId', 'unitId'])
@Index('lease_balance', ['workspaceId', 'balanceCents'])
@Index('lease_oldest_unpaid', ['workspaceId', 'oldestUnpaidDueDate'])
@ObjectType({ description: 'A lease (bail) of one unit, from one landlord.' })
export class Lease {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 50 })
  @Field({ description: 'Unique within the workspace.' })
  @Length(1, 50)
  reference: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @Column({ name: 'landlord_id', type: 'uuid' })
  @Field(() => ID)
  @IsUUID('all', { message: 'landlordId must be a UUID' })
  landlordId: string;

  @Column({ type: 'varchar', length: 24, enum: LEASE_KINDS })
  @Field(() => enumOf(LEASE_KINDS))
  @IsIn(LEASE_KINDS)
  kind: LeaseKind;

  @Column({ name: 'signed_on', type: 'date' })
  @Field()
  @IsCalendarDate()
  signedOn: string;

  @Column({ name: 'starts_on', type: 'date' })
  @Field()
  @IsCalendarDate()
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Column({ name: 'monthly_rent_cents', type: 'integer' })
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  monthlyRentCents: number;

  @Column({ name: 'monthly_charges_cents', type: 'integer' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  monthlyChargesCents?: number;

  @Column({ name: 'due_day', type: 'smallint' })
  @Field(() => Int, {
    nullable: true,
    description:
      'Day of the month rent is due, 1 to 31; 29 to 31 mean that day or the month’s last day when it is shorter (31 → 30 April, 28 or 29 February).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  dueDay?: number;

  @Column({ name: 'housing_benefit_to_landlord', type: 'boolean' })
  @Field({ nullable: true, description: 'Housing benefit (APL/ALS) paid to the landlord.' })
  @IsOptional()
  @IsBoolean()
  housingBenefitToLandlord?: boolean;

  @Column({ name: 'housing_benefit_cents', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  housingBenefitCents?: number | null;

  @Column({ name: 'gli_insurer', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Rent-guarantee insurer (GLI).' })
  @IsOptional()
  @Length(1, 200)
  gliInsurer?: string | null;

  @Column({ name: 'gli_claim_deadline_days', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Days after the first unpaid due date by which the GLI claim must be filed.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  gliClaimDeadlineDays?: number | null;

  @Column({ name: 'gli_documents_required', type: 'text', array: true })
  @Field(() => [String], { nullable: true, description: 'Documents the GLI insurer wants with a claim (listed in the claim task).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 200, { each: true })
  gliDocumentsRequired?: string[];

  @Column({ name: 'gli_claim_regardless', type: 'boolean' })
  @Field({
    nullable: true,
    description:
      "The GLI contract requires the claim whatever the landlord says: the scenario's claim step does not wait for their approval.",
  })
  @IsOptional()
  @IsBoolean()
  gliClaimRegardless?: boolean;

  @Column({ name: 'late_fee_cents', type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      'Late-payment fee the lease provides for, in cents. Fee steps post it on commercial and other leases only: never on residential ones (loi 89-462 art. 4 p).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_00)
  lateFeeCents?: number | null;

  @Column({ name: 'scenario_override', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      'Dunning scenario to use instead of the assignment rules. For a precarious or vulnerable tenant only an ADMIN key’s override applies.',
  })
  @IsOptional()
  @Length(1, 100)
  scenarioOverride?: string | null;

  @Column({ name: 'scenario_override_reason', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the override: shown in the reason of the debts it decides. Cleared when the override changes without one.',
  })
  @IsOptional()
  @Length(1, 500)
  scenarioOverrideReason?: string | null;

  @Column({ name: 'scenario_override_set_by', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who last set the override or its reason: `api-key:<id>`.' })
  scenarioOverrideSetBy?: string | null;

  @Column({ name: 'scenario_override_set_by_role', type: 'varchar', length: 16, nullable: true, enum: API_KEY_ROLES })
  @Field(() => enumOf(API_KEY_ROLES), {
    nullable: true,
    description: 'The role of that key: an ADMIN’s override takes even a vulnerable tenant off the social path.',
  })
  scenarioOverrideSetByRole?: ApiKeyRole | null;

  @Column({ name: 'scenario_override_set_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  scenarioOverrideSetAt?: string | null;

  /** Written by the ledger only (LeaseService.setBalances), from the lease's allocated ledger. */
  @Column({ name: 'balance_cents', type: 'bigint' })
  @Field(() => Int, { description: 'Charges minus payments and credit notes, in cents (negative: in credit).' })
  balanceCents: number;

  /** Written by the ledger only (LeaseService.setBalances), with the balance. */
  @Column({ name: 'oldest_unpaid_due_date', type: 'date', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      'Due date of the oldest charge still owed, due or not yet (null when nothing is owed): sort on it, ascending, for the longest late first.',
  })
  oldestUnpaidDueDate: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Landlords see their own leases. */
export const LEASE_TABLE = recordTableOf(Lease, {
  alias: 'l',
  landlordScope: 'l.landlord_id = $L',
  defaultOrder: [{ reference: 'AscNullsLast' }],
  fields: {
    createdAt: { query: true },
    updatedAt: { query: true },
    reference: { query: true, create: true, update: true },
    unitId: { query: true, create: true },
    landlordId: { query: true, create: true },
    kind: { query: true, create: true, update: true },
    signedOn: { query: true, create: true, update: true },
    startsOn: { query: true, create: true, update: true },
    endsOn: { query: true, create: true, update: true },
    monthlyRentCents: { query: true, create: true, update: true },
    monthlyChargesCents: { query: true, create: true, update: true },
    dueDay: { query: true, create: true, update: true },
    housingBenefitToLandlord: { query: true, create: true, update: true },
    housingBenefitCents: { query: true, create: true, update: true },
    gliInsurer: { query: true, create: true, update: true },
    gliClaimDeadlineDays: { query: true, create: true, update: true },
    // Arrays are written whole and not filtered.
    gliDocumentsRequired: { create: true, update: true },
    gliClaimRegardless: { query: true, create: true, update: true },
    lateFeeCents: { query: true, create: true, update: true },
    scenarioOverride: { query: true, create: true, update: true },
    scenarioOverrideReason: { create: true, update: true },
    scenarioOverrideSetByRole: { query: true },
    balanceCents: { query: true },
    oldestUnpaidDueDate: { query: true },
  },
  // Who set the override, and when; a new override without a reason clears the old reason.
  writerColumns: (actor, input) =>
    input.scenarioOverride === undefined && input.scenarioOverrideReason === undefined
      ? {}
      : {
          scenario_override_set_by: actorRef(actor),
          scenario_override_set_by_role: actor.role,
          scenario_override_set_at: new Date().toISOString(),
          ...(input.scenarioOverrideReason === undefined ? { scenario_override_reason: null } : {}),
        },
});

/** What the ledger recomputed: `lease[i]` gets balance `cents[i]` and oldest unpaid due date `oldestUnpaid[i]` (YYYY-MM-DD). */
export interface LeaseBalances {
  lease: string[];
  cents: number[];
  oldestUnpaid: Array<string | null>;
}
