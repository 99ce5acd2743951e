import { Field, InputType } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { ScenarioStepInput } from './scenario-step.input';

// Scenario inputs are checked by the domain (validateScenario and the catalog's checks),
// which name every field's path; @Allow() only lets them through the class-validator pipe.
@InputType({ description: 'A scenario as data: ordered steps, each an action at a day offset (README, docs/scenarios.md).' })
export class ScenarioDefinitionInput {
  @Allow()
  @Field()
  key: string;
  @Allow()
  @Field()
  name: string;
  @Allow()
  @Field(() => String, { nullable: true })
  description?: string;
  @Allow()
  @Field(() => [ScenarioStepInput])
  steps: ScenarioStepInput[];
}
