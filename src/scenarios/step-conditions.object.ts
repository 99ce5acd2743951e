import { Field, Int, ObjectType } from '@nestjs/graphql';
import { enumOf } from '../common/graphql-enums';
import { LEASE_KINDS, LeaseKind, TENANT_PROFILES, TenantProfile } from '../domain/scenario';

/** When a step runs (src/domain/scenario.ts `StepConditions`), as the API shows it: part of a stored definition, no table. */
@ObjectType('StepConditions')
export class StepConditionsView {
  @Field(() => Int, { nullable: true, description: 'Runs only while the overdue balance is at least this.' }) minBalanceCents?: number;
  @Field(() => [enumOf(TENANT_PROFILES)], { nullable: true, description: 'Runs only for these tenant profiles.' })
  profiles?: TenantProfile[];
  @Field(() => [enumOf(LEASE_KINDS)], { nullable: true, description: 'Runs only on these lease kinds.' }) leaseKinds?: LeaseKind[];
}
