import { Module } from '@nestjs/common';
import { DebtModule } from '../../src/debt/debt.module';
import { ScenariosModule } from '../../src/scenarios/scenarios.module';
import { ScenarioAssignmentRuleResolver } from './scenario-assignment-rule.resolver';
import { ScenarioSimulationResolver } from './scenario-simulation.resolver';
import { ScenarioResolver } from './scenario.resolver';

/**
 * The scenarios feature's GraphQL surface: its resolvers over the services of
 * ScenariosModule, and DebtModule's for the simulation of a lease's open debt.
 */
@Module({
  imports: [ScenariosModule, DebtModule],
  providers: [ScenarioResolver, ScenarioAssignmentRuleResolver, ScenarioSimulationResolver],
})
export class ScenariosApiModule {}
