import { Field, ID, InputType, Int, ObjectType, OmitType, Parent, PartialType, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor, API_KEY_ROLES, ApiKeyRole } from '../../src/auth/actor';
import { CurrentActor } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { aging, daysLate } from '../../src/domain/ledger';
import { loadLeaseLedger } from '../../src/ledger/lease-ledger';
import { MAX_ENTRY_CENTS } from '../../src/domain/money';
import { RecordTable } from '../../src/records/record-table';
import { LEASE_KINDS, LeaseKind } from '../../src/domain/scenario';
import { ApiKeyRoleEnum, LeaseKindEnum } from '../enums';
import { recordResolverFor } from '../records/record-resolver.factory';
import { STAMP_COLUMNS } from './address.fields';
import { IsCalendarDate } from './validation';

@ObjectType({ description: 'Overdue money of a lease by age, in cents.' })
export class LeaseAging {
  @Field(() => Int, { description: '1 to 30 days past due' })
  days0To30: number;

  @Field(() => Int)
  days31To60: number;

  @Field(() => Int)
  days61To90: number;

  @Field(() => Int, { description: 'more than 90 days past due' })
  days90Plus: number;
}

@ObjectType({ description: 'A lease (bail) of one unit, from one landlord.' })
export class Lease {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique within the workspace.' })
  @Length(1, 50)
  reference: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'landlordId must be a UUID' })
  landlordId: string;

  @Field(() => LeaseKindEnum)
  @IsIn(LEASE_KINDS)
  kind: LeaseKind;

  @Field()
  @IsCalendarDate()
  signedOn: string;

  @Field()
  @IsCalendarDate()
  startsOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  monthlyRentCents: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  monthlyChargesCents?: number;

  @Field(() => Int, { nullable: true, description: 'Day of the month rent is due, 1 to 31; 29 to 31 mean that day or the month’s last day when it is shorter (31 → 30 April, 28 or 29 February).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  dueDay?: number;

  @Field({ nullable: true, description: 'Housing benefit (APL/ALS) paid to the landlord.' })
  @IsOptional()
  @IsBoolean()
  housingBenefitToLandlord?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  housingBenefitCents?: number | null;

  @Field(() => String, { nullable: true, description: 'Rent-guarantee insurer (GLI).' })
  @IsOptional()
  @Length(1, 200)
  gliInsurer?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days after the first unpaid due date by which the GLI claim must be filed.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  gliClaimDeadlineDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Late-payment fee the lease provides for, in cents. Fee steps post it on commercial and other leases only: never on residential ones (loi 89-462 art. 4 p).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_00)
  lateFeeCents?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Dunning scenario to use instead of the assignment rules. For a precarious or vulnerable tenant only an ADMIN key’s override applies.',
  })
  @IsOptional()
  @Length(1, 100)
  scenarioOverride?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the override: shown in the reason of the debts it decides. Cleared when the override changes without one.' })
  @IsOptional()
  @Length(1, 500)
  scenarioOverrideReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Who last set the override or its reason: `api-key:<id>`.' })
  scenarioOverrideSetBy?: string | null;

  @Field(() => ApiKeyRoleEnum, { nullable: true, description: 'The role of that key: an ADMIN’s override takes even a vulnerable tenant off the social path.' })
  scenarioOverrideSetByRole?: ApiKeyRole | null;

  @Field(() => String, { nullable: true })
  scenarioOverrideSetAt?: string | null;

  @Field(() => Int, { description: 'Charges minus payments and credit notes, in cents (negative: in credit).' })
  balanceCents: number;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreateLeaseInput extends OmitType(
  Lease,
  ['id', 'balanceCents', 'createdAt', 'updatedAt', 'scenarioOverrideSetBy', 'scenarioOverrideSetByRole', 'scenarioOverrideSetAt'],
  InputType,
) {}

@InputType()
export class UpdateLeaseInput extends PartialType(OmitType(CreateLeaseInput, ['unitId', 'landlordId'], InputType)) {}

export const LEASE_TABLE: RecordTable = {
  name: 'Lease',
  table: 'lease',
  alias: 'l',
  landlordScope: 'l.landlord_id = $L',
  defaultOrder: [{ reference: 'AscNullsLast' }],
  fields: {
    ...STAMP_COLUMNS,
    reference: { column: 'reference', type: 'string', query: true, create: true, update: true },
    unitId: { column: 'unit_id', type: 'uuid', query: true, create: true },
    landlordId: { column: 'landlord_id', type: 'uuid', query: true, create: true },
    kind: { column: 'kind', type: 'enum', values: LEASE_KINDS, query: true, create: true, update: true },
    signedOn: { column: 'signed_on', type: 'date', query: true, create: true, update: true },
    startsOn: { column: 'starts_on', type: 'date', query: true, create: true, update: true },
    endsOn: { column: 'ends_on', type: 'date', nullable: true, query: true, create: true, update: true },
    monthlyRentCents: { column: 'monthly_rent_cents', type: 'int', query: true, create: true, update: true },
    monthlyChargesCents: { column: 'monthly_charges_cents', type: 'int', query: true, create: true, update: true },
    dueDay: { column: 'due_day', type: 'int', query: true, create: true, update: true },
    housingBenefitToLandlord: { column: 'housing_benefit_to_landlord', type: 'boolean', query: true, create: true, update: true },
    housingBenefitCents: { column: 'housing_benefit_cents', type: 'int', nullable: true, query: true, create: true, update: true },
    gliInsurer: { column: 'gli_insurer', type: 'string', nullable: true, query: true, create: true, update: true },
    gliClaimDeadlineDays: { column: 'gli_claim_deadline_days', type: 'int', nullable: true, query: true, create: true, update: true },
    lateFeeCents: { column: 'late_fee_cents', type: 'int', nullable: true, query: true, create: true, update: true },
    scenarioOverride: { column: 'scenario_override', type: 'string', nullable: true, query: true, create: true, update: true },
    scenarioOverrideReason: { column: 'scenario_override_reason', type: 'string', nullable: true, create: true, update: true },
    scenarioOverrideSetBy: { column: 'scenario_override_set_by', type: 'string', nullable: true },
    scenarioOverrideSetByRole: { column: 'scenario_override_set_by_role', type: 'enum', values: API_KEY_ROLES, nullable: true, query: true },
    scenarioOverrideSetAt: { column: 'scenario_override_set_at', type: 'timestamp', nullable: true },
    balanceCents: { column: 'balance_cents', type: 'int', query: true },
  },
  // Who set the override, and when; a new override without a reason clears the old reason.
  writerColumns: (actor, input) =>
    input.scenarioOverride === undefined && input.scenarioOverrideReason === undefined
      ? {}
      : {
          scenario_override_set_by: `api-key:${actor.apiKeyId}`,
          scenario_override_set_by_role: actor.role,
          scenario_override_set_at: new Date().toISOString(),
          ...(input.scenarioOverrideReason === undefined ? { scenario_override_reason: null } : {}),
        },
};

export const LeaseResolver = recordResolverFor({
  name: 'Lease',
  plural: 'leases',
  node: Lease,
  table: LEASE_TABLE,
  createInput: CreateLeaseInput,
  updateInput: UpdateLeaseInput,
});

/** Ledger-derived fields of a lease, computed by the domain core from its entries. */
@Resolver(() => Lease)
export class LeaseLedgerFieldsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private ledgerOf(actor: Actor, lease: Lease) {
    return loadLeaseLedger(this.dataSource, actor.workspaceId, lease.id);
  }

  @ResolveField(() => LeaseAging, { description: 'Overdue money by age, as of today (Europe/Paris).' })
  async aging(@CurrentActor() actor: Actor, @Parent() lease: Lease): Promise<LeaseAging> {
    const buckets = aging(await this.ledgerOf(actor, lease), todayIn());
    return {
      days0To30: buckets.DAYS_0_30,
      days31To60: buckets.DAYS_31_60,
      days61To90: buckets.DAYS_61_90,
      days90Plus: buckets.DAYS_90_PLUS,
    };
  }

  @ResolveField(() => Int, { description: 'Days since the oldest unpaid due date; 0 when nothing is overdue.' })
  async daysLate(@CurrentActor() actor: Actor, @Parent() lease: Lease): Promise<number> {
    return daysLate(await this.ledgerOf(actor, lease), todayIn());
  }
}
