import { Field, InputType, Int } from '@nestjs/graphql';
import { CatchUpPolicy } from '../../src/domain/scenario';
import { CatchUpPolicyEnum } from '../enums';

/** A step's own catch-up policy as written (see StepCatchUpView). */
@InputType()
export class StepCatchUpInput {
  @Field(() => CatchUpPolicyEnum) policy: CatchUpPolicy['policy'];
  @Field(() => Int, { nullable: true }) days?: number;
}
