import { Field, Int, ObjectType } from '@nestjs/graphql';
import { enumOf } from '../common/graphql-enums';
import { CATCH_UP_POLICIES, CatchUpPolicy } from '../domain/scenario';

/** A step's catch-up policy (src/domain/scenario.ts `CatchUpPolicy`), as the API shows it: part of a stored definition, no table. */
@ObjectType('StepCatchUp', { description: 'What happens to a step whose moment passed before the scenario (re)started.' })
export class StepCatchUpView {
  @Field(() => enumOf(CATCH_UP_POLICIES)) policy: CatchUpPolicy['policy'];
  @Field(() => Int, { nullable: true, description: 'With WITHIN_DAYS: at most this many days late.' }) days?: number;
}
