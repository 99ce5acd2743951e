import { Field, ObjectType } from '@nestjs/graphql';
import { catchUpOf, ScenarioDefinition } from '../domain/scenario';
import { ScenarioStepView } from './scenario-step.object';

/**
 * A scenario as data (src/domain/scenario.ts `ScenarioDefinition`) as the API shows it: the
 * jsonb of a draft or a version, no table of its own.
 */
@ObjectType('ScenarioDefinition')
export class ScenarioDefinitionView {
  @Field() key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [ScenarioStepView]) steps: ScenarioStepView[];

  /**
   * The definition with each step's defaults made explicit, for the API only: what is
   * stored, exported and simulated stays the definition as written.
   */
  static of(definition: ScenarioDefinition): ScenarioDefinitionView {
    return {
      ...definition,
      steps: definition.steps.map((s) => ({
        ...s,
        requiresLandlordApproval: Boolean(s.requiresLandlordApproval),
        manual: Boolean(s.manual),
        catchUp: catchUpOf(s),
      })),
    };
  }
}
