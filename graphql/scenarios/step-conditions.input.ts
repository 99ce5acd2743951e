import { Field, InputType, Int } from '@nestjs/graphql';
import { LeaseKind, TenantProfile } from '../../src/domain/scenario';
import { LeaseKindEnum, TenantProfileEnum } from '../enums';

/** A step's conditions as written (see StepConditionsView); checked with the whole definition by the domain. */
@InputType()
export class StepConditionsInput {
  @Field(() => Int, { nullable: true }) minBalanceCents?: number;
  @Field(() => [TenantProfileEnum], { nullable: true }) profiles?: TenantProfile[];
  @Field(() => [LeaseKindEnum], { nullable: true }) leaseKinds?: LeaseKind[];
}
