import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { ScenarioDefinition } from '../../src/domain/scenario';
import { ScenarioCatalogService } from '../../src/scenarios/scenario-catalog.service';
import { ScenarioDefinitionView } from '../../src/scenarios/scenario-definition.object';
import { formatScenario, parseScenarioFile, ScenarioFormat } from '../../src/scenarios/scenario-format';
import { ScenarioVersion, ScenarioVersionRecord } from '../../src/scenarios/scenario-version.entity';
import { Scenario, ScenarioRecord } from '../../src/scenarios/scenario.entity';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { ScenarioDefinitionInput } from './scenario-definition.input';
import { ScenarioFormatEnum } from './scenario-format.enum';

/** A version as the API shows it: its definition with the defaults made explicit. */
type ScenarioVersionView = Omit<ScenarioVersionRecord, 'definition'> & { definition: ScenarioDefinitionView };
/** A scenario as the API shows it: every definition with the defaults made explicit. */
type ScenarioView = Omit<ScenarioRecord, 'draft' | 'versions'> & { draft: ScenarioDefinitionView | null; versions: ScenarioVersionView[] };

const versionView = (v: ScenarioVersionRecord): ScenarioVersionView => ({ ...v, definition: ScenarioDefinitionView.of(v.definition) });
const scenarioView = (s: ScenarioRecord): ScenarioView => ({
  ...s,
  draft: s.draft && ScenarioDefinitionView.of(s.draft),
  versions: s.versions.map(versionView),
});

/**
 * Admins edit scenarios (draft → publish → archive, JSON/YAML import and export); everyone
 * reads them, with the insurer-deadline warnings of each.
 */
@Resolver(() => Scenario)
export class ScenarioResolver {
  constructor(private readonly catalog: ScenarioCatalogService) {}

  @Query(() => [Scenario], { description: 'Every scenario of the workspace, shipped ones included.' })
  async scenarios(@CurrentActor() actor: Actor) {
    return (await this.catalog.list(actor.workspaceId)).map(scenarioView);
  }

  @Query(() => Scenario)
  async scenario(@CurrentActor() actor: Actor, @Args('key') key: string) {
    return scenarioView(await this.catalog.get(actor.workspaceId, key));
  }

  /** Batched: a list of scenarios reads the insured leases and the rules once (ScenarioCatalogService.warningsOf). */
  @ResolveField(() => [String], {
    description:
      'Hand-offs of the latest version (or the draft) that fall after the insurer claim deadline of leases that would get this scenario.',
  })
  async warnings(scenario: ScenarioView, _args: unknown, context: GraphqlRequestContext) {
    const { actor, loaders } = rowScope(context);
    const definition = scenario.draft ?? scenario.versions[scenario.versions.length - 1]?.definition;
    if (!definition) return [];
    // Not cached by key: a request may save a scenario's draft twice, each answer with its own warnings.
    const loader = loaders.of<{ key: string; definition: ScenarioDefinition }, string[]>(
      'scenario.warnings',
      (items) => this.catalog.warningsOf(actor.workspaceId, items),
      { cache: false },
    );
    return loader.load({ key: scenario.key, definition: definition as ScenarioDefinition });
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Scenario, { description: 'Creates a scenario or replaces its draft (validated as a whole).' })
  async saveScenarioDraft(
    @CurrentActor() actor: Actor,
    @Args('definition', { type: () => ScenarioDefinitionInput }) definition: ScenarioDefinitionInput,
  ) {
    return scenarioView(await this.catalog.saveDraft(actor, definition as ScenarioDefinition));
  }

  @RequireRoles('ADMIN')
  @Mutation(() => ScenarioVersion, { description: 'Publishes the draft as the next immutable version; new debts get it from now on.' })
  async publishScenario(@CurrentActor() actor: Actor, @Args('key') key: string) {
    return versionView(await this.catalog.publish(actor, key));
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Scenario, { description: 'Retires a scenario: no new debt gets it; running debts keep their version.' })
  async archiveScenario(@CurrentActor() actor: Actor, @Args('key') key: string) {
    return scenarioView(await this.catalog.archive(actor, key));
  }

  @RequireRoles('ADMIN')
  @Mutation(() => [Scenario], {
    description: 'Imports scenarios as drafts, all or nothing: one scenario, a list, or { scenarios: [...] }.',
  })
  async importScenarios(
    @CurrentActor() actor: Actor,
    @Args('format', { type: () => ScenarioFormatEnum }) format: ScenarioFormat,
    @Args('text') text: string,
  ) {
    return (await this.catalog.importDrafts(actor, parseScenarioFile(text, format))).map(scenarioView);
  }

  @Query(() => String, { description: 'A scenario as JSON or YAML: a version, the draft, or by default the latest published version.' })
  async exportScenario(
    @CurrentActor() actor: Actor,
    @Args('key') key: string,
    @Args('format', { type: () => ScenarioFormatEnum }) format: ScenarioFormat,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
    @Args('draft', { nullable: true }) draft?: boolean,
  ) {
    return formatScenario(
      await this.catalog.definition(actor.workspaceId, key, { version: version ?? undefined, draft: draft ?? undefined }),
      format,
    );
  }
}
