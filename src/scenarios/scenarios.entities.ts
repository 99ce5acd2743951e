import { ScenarioAssignmentRule } from './scenario-assignment-rule.entity';
import { ScenarioVersion } from './scenario-version.entity';
import { Scenario } from './scenario.entity';

/** The tables of the scenarios feature: the workspace's scenarios, their published versions, and the rules choosing a new debt's. */
export const SCENARIOS_ENTITIES = [Scenario, ScenarioVersion, ScenarioAssignmentRule];
