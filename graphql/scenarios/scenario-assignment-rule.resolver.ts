import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { ScenarioAssignmentRule } from '../../src/scenarios/scenario-assignment-rule.entity';
import { ScenarioCatalogService } from '../../src/scenarios/scenario-catalog.service';
import { ScenarioAssignmentRuleInput } from './scenario-assignment-rule.input';

/** The rules that give new debts their scenario: everyone reads them, admins replace them. */
@Resolver(() => ScenarioAssignmentRule)
export class ScenarioAssignmentRuleResolver {
  constructor(private readonly catalog: ScenarioCatalogService) {}

  @Query(() => [ScenarioAssignmentRule])
  scenarioAssignmentRules(@CurrentActor() actor: Actor) {
    return this.catalog.rules(actor.workspaceId);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => [ScenarioAssignmentRule], {
    description:
      'Replaces the assignment rules, in order. A lease’s scenarioOverride still wins. Only a rule with profile PRECARIOUS reaches precarious tenants, ' +
      'and it may not give them a formal notice before D+45 nor a hand-off before D+75; no rule reaches a vulnerable tenant.',
  })
  setScenarioAssignmentRules(
    @CurrentActor() actor: Actor,
    @Args('rules', { type: () => [ScenarioAssignmentRuleInput] }) rules: ScenarioAssignmentRuleInput[],
  ) {
    return this.catalog.setRules(actor, rules);
  }
}
