import { registerEnumType } from '@nestjs/graphql';

/** The GraphQL enum of the formats scenarios travel in (src/scenarios/scenario-format.ts `ScenarioFormat`). */
export enum ScenarioFormatEnum {
  JSON = 'JSON',
  YAML = 'YAML',
}
registerEnumType(ScenarioFormatEnum, { name: 'ScenarioFormat' });
