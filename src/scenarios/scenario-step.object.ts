import { Field, Int, ObjectType } from '@nestjs/graphql';
import { enumOf } from '../common/graphql-enums';
import { ACTION_KINDS, ActionKind } from '../domain/scenario';
import { StepCatchUpView } from './step-catch-up.object';
import { StepConditionsView } from './step-conditions.object';

/**
 * One step of a scenario (src/domain/scenario.ts `ScenarioStep`) as the API shows it, its
 * defaults made explicit (flags false, the action's catch-up policy): part of a stored
 * definition, no table.
 */
@ObjectType('ScenarioStep')
export class ScenarioStepView {
  @Field() key: string;
  @Field(() => Int, { description: 'Days after the oldest unpaid due date.' }) dayOffset: number;
  @Field(() => enumOf(ACTION_KINDS)) action: ActionKind;
  @Field(() => String, { nullable: true }) template?: string;
  @Field(() => StepConditionsView, { nullable: true }) conditions?: StepConditionsView;
  @Field() requiresLandlordApproval: boolean;
  @Field({ description: 'A person does it (a task); the engine schedules it.' }) manual: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Steps sharing a group are one message by several channels; the tenant’s preferred channel picks one.',
  })
  channelGroup?: string;
  @Field(() => StepCatchUpView, { description: 'Its own catch-up policy, or its action’s default.' }) catchUp: StepCatchUpView;
}
