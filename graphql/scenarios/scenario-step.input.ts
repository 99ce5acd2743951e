import { Field, InputType, Int } from '@nestjs/graphql';
import { ActionKind } from '../../src/domain/scenario';
import { ActionKindEnum } from '../enums';
import { StepCatchUpInput } from './step-catch-up.input';
import { StepConditionsInput } from './step-conditions.input';

/** One step of a scenario as written: unset flags and catch-up policy take their defaults. */
@InputType()
export class ScenarioStepInput {
  @Field() key: string;
  @Field(() => Int) dayOffset: number;
  @Field(() => ActionKindEnum) action: ActionKind;
  @Field(() => String, { nullable: true }) template?: string;
  @Field(() => StepConditionsInput, { nullable: true }) conditions?: StepConditionsInput;
  @Field({ nullable: true }) requiresLandlordApproval?: boolean;
  @Field({ nullable: true }) manual?: boolean;
  @Field(() => String, { nullable: true }) channelGroup?: string;
  @Field(() => StepCatchUpInput, {
    nullable: true,
    description: 'Unset: the action’s default (courteous messages within 7 days, letters 14, legal and human steps always).',
  })
  catchUp?: StepCatchUpInput;
}
