import { Field, ID, InputType } from '@nestjs/graphql';
import { LeaseKind, TenantProfile } from '../../src/domain/scenario';
import { LeaseKindEnum, TenantProfileEnum } from '../enums';

/** One rule of `setScenarioAssignmentRules`; the catalog checks it names a usable scenario and a landlord of the workspace. */
@InputType()
export class ScenarioAssignmentRuleInput {
  @Field() scenarioKey: string;
  @Field(() => LeaseKindEnum, { nullable: true }) leaseKind?: LeaseKind | null;
  @Field(() => TenantProfileEnum, { nullable: true }) profile?: TenantProfile | null;
  @Field(() => ID, { nullable: true }) landlordId?: string | null;
  @Field(() => Boolean, { nullable: true }) hasRentGuarantee?: boolean | null;
}
