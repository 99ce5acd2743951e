import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Parent, Query, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { Allow } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { RelanceError } from '../../src/common/relance.error';
import { isIsoDate } from '../../src/domain/calendar-date';
import { oldestUnpaid } from '../../src/domain/ledger';
import { loadLeaseLedger } from '../../src/ledger/lease-ledger';
import {
  ActionKind,
  CatchUpPolicy,
  catchUpOf,
  LeaseKind,
  PreferredChannel,
  reachablePreference,
  ScenarioDefinition,
  sharedPreference,
  TenantContact,
  TenantProfile,
} from '../../src/domain/scenario';
import { worstProfile } from '../../src/domain/scenario-assignment';
import { SimulatedEvent as SimulatedEventRecord, SimulationInput, simulateScenario } from '../../src/domain/scenario-simulation';
import { DebtWorkflowsService, mandateOf } from '../../src/debt/debt-workflows.service';
import { RecordStore } from '../../src/records/record-store';
import { checkDefinition, ScenarioCatalogService, ScenarioRecord, ScenarioVersionRecord } from '../../src/scenarios/scenario-catalog.service';
import { formatScenario, parseScenarioFile, ScenarioFormat } from '../../src/scenarios/scenario-format';
import { ScenarioStatus } from '../../src/scenarios/scenario-catalog.service';
import { ActionKindEnum, CatchUpPolicyEnum, LeaseKindEnum, PreferredChannelEnum, ScenarioStatusEnum, SimulatedEventKindEnum, TenantProfileEnum } from '../enums';
import { LEASE_TABLE } from './lease.object';

enum ScenarioFormatEnum {
  JSON = 'JSON',
  YAML = 'YAML',
}
registerEnumType(ScenarioFormatEnum, { name: 'ScenarioFormat' });

@ObjectType('StepConditions')
class StepConditionsView {
  @Field(() => Int, { nullable: true, description: 'Runs only while the overdue balance is at least this.' }) minBalanceCents?: number;
  @Field(() => [TenantProfileEnum], { nullable: true, description: 'Runs only for these tenant profiles.' }) profiles?: TenantProfile[];
  @Field(() => [LeaseKindEnum], { nullable: true, description: 'Runs only on these lease kinds.' }) leaseKinds?: LeaseKind[];
}

@InputType()
class StepConditionsInput {
  @Field(() => Int, { nullable: true }) minBalanceCents?: number;
  @Field(() => [TenantProfileEnum], { nullable: true }) profiles?: TenantProfile[];
  @Field(() => [LeaseKindEnum], { nullable: true }) leaseKinds?: LeaseKind[];
}

@ObjectType('StepCatchUp', { description: 'What happens to a step whose moment passed before the scenario (re)started.' })
class StepCatchUpView {
  @Field(() => CatchUpPolicyEnum) policy: CatchUpPolicy['policy'];
  @Field(() => Int, { nullable: true, description: 'With WITHIN_DAYS: at most this many days late.' }) days?: number;
}

@InputType()
class StepCatchUpInput {
  @Field(() => CatchUpPolicyEnum) policy: CatchUpPolicy['policy'];
  @Field(() => Int, { nullable: true }) days?: number;
}

@ObjectType('ScenarioStep')
class ScenarioStepView {
  @Field() key: string;
  @Field(() => Int, { description: 'Days after the oldest unpaid due date.' }) dayOffset: number;
  @Field(() => ActionKindEnum) action: ActionKind;
  @Field(() => String, { nullable: true }) template?: string;
  @Field(() => StepConditionsView, { nullable: true }) conditions?: StepConditionsView;
  @Field() requiresLandlordApproval: boolean;
  @Field({ description: 'A person does it (a task); the engine schedules it.' }) manual: boolean;
  @Field(() => String, { nullable: true, description: 'Steps sharing a group are one message by several channels; the tenant’s preferred channel picks one.' })
  channelGroup?: string;
  @Field(() => StepCatchUpView, { description: 'Its own catch-up policy, or its action’s default.' }) catchUp: StepCatchUpView;
}

@InputType()
class ScenarioStepInput {
  @Field() key: string;
  @Field(() => Int) dayOffset: number;
  @Field(() => ActionKindEnum) action: ActionKind;
  @Field(() => String, { nullable: true }) template?: string;
  @Field(() => StepConditionsInput, { nullable: true }) conditions?: StepConditionsInput;
  @Field({ nullable: true }) requiresLandlordApproval?: boolean;
  @Field({ nullable: true }) manual?: boolean;
  @Field(() => String, { nullable: true }) channelGroup?: string;
  @Field(() => StepCatchUpInput, { nullable: true, description: 'Unset: the action’s default (courteous messages within 7 days, letters 14, legal and human steps always).' })
  catchUp?: StepCatchUpInput;
}

@ObjectType('ScenarioDefinition')
class ScenarioDefinitionView {
  @Field() key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [ScenarioStepView]) steps: ScenarioStepView[];
}

// Inputs of this file are checked by the domain (validateScenario and the checks below),
// which name every field's path; @Allow() only lets them through the class-validator pipe.
@InputType({ description: 'A scenario as data: ordered steps, each an action at a day offset (README, docs/scenarios.md).' })
class ScenarioDefinitionInput {
  @Allow()
  @Field() key: string;
  @Allow()
  @Field() name: string;
  @Allow()
  @Field(() => String, { nullable: true }) description?: string;
  @Allow()
  @Field(() => [ScenarioStepInput]) steps: ScenarioStepInput[];
}

@ObjectType()
class ScenarioVersion {
  @Field(() => Int) version: number;
  @Field({ description: 'What a debt on this version records: `<key>@<version>` or `<key>@builtin-2`.' }) label: string;
  @Field(() => String, { nullable: true, description: 'Null for a shipped scenario.' }) publishedAt: string | null;
  @Field(() => ScenarioDefinitionView) definition: ScenarioDefinitionView;
}

@ObjectType({ description: 'A dunning scenario: shipped (read-only) or the workspace’s own, with its draft and versions.' })
class Scenario {
  @Field() key: string;
  @Field() name: string;
  @Field({ description: 'Shipped with Relance: read-only; a published version of the same key supersedes it.' }) builtin: boolean;
  @Field(() => ScenarioStatusEnum) status: ScenarioStatus;
  @Field(() => ScenarioDefinitionView, { nullable: true }) draft: ScenarioDefinitionView | null;
  @Field(() => [ScenarioVersion], { description: 'Published versions, oldest first; immutable.' }) versions: ScenarioVersion[];
}

@ObjectType('ScenarioAssignmentRule', { description: 'New debts matching every criterion set get the scenario (first matching rule wins).' })
class AssignmentRuleView {
  @Field() scenarioKey: string;
  @Field(() => LeaseKindEnum, { nullable: true }) leaseKind?: LeaseKind | null;
  @Field(() => TenantProfileEnum, { nullable: true }) profile?: TenantProfile | null;
  @Field(() => ID, { nullable: true }) landlordId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: leases with rent-guarantee insurance only; false: without only.' }) hasRentGuarantee?: boolean | null;
}

@InputType()
class ScenarioAssignmentRuleInput {
  @Field() scenarioKey: string;
  @Field(() => LeaseKindEnum, { nullable: true }) leaseKind?: LeaseKind | null;
  @Field(() => TenantProfileEnum, { nullable: true }) profile?: TenantProfile | null;
  @Field(() => ID, { nullable: true }) landlordId?: string | null;
  @Field(() => Boolean, { nullable: true }) hasRentGuarantee?: boolean | null;
}

@InputType({ description: 'A debt that does not exist: its oldest unpaid due date and overdue balance.' })
class HypotheticalDebtInput {
  @Allow()
  @Field({ description: 'Day 0, YYYY-MM-DD.' }) anchor: string;
  @Allow()
  @Field(() => Int) balanceCents: number;
  @Allow()
  @Field(() => TenantProfileEnum, { defaultValue: 'UNKNOWN' }) profile: TenantProfile;
  @Allow()
  @Field(() => LeaseKindEnum, { defaultValue: 'RESIDENTIAL_UNFURNISHED' }) leaseKind: LeaseKind;
  @Allow()
  @Field(() => PreferredChannelEnum, { nullable: true, description: 'The tenant’s preferred channel: a channel group goes by the closest one.' })
  preferredChannel?: PreferredChannel | null;
}

@InputType()
class SimulatedPaymentInput {
  @Field({ description: 'YYYY-MM-DD' }) date: string;
  @Field(() => Int) amountCents: number;
}

type SimulatedEventKind = SimulatedEventRecord['kind'];

@ObjectType({ description: 'One entry of a simulated calendar.' })
class SimulatedEvent {
  @Field() at: string;
  @Field(() => SimulatedEventKindEnum) kind: SimulatedEventKind;
  @Field(() => String, { nullable: true }) stepKey?: string;
  @Field(() => ActionKindEnum, { nullable: true }) action?: string;
  @Field(() => String, { nullable: true, description: 'When the step was due before the contact calendar moved it.' }) movedFrom?: string;
  @Field({ description: 'The step waits for the landlord (the simulation assumes approval).' }) needsApproval: boolean;
  @Field(() => String, { nullable: true }) reason?: string;
}

const view = (definition: ScenarioDefinition): ScenarioDefinitionView => ({
  ...definition,
  steps: definition.steps.map((s) => ({
    ...s,
    requiresLandlordApproval: Boolean(s.requiresLandlordApproval),
    manual: Boolean(s.manual),
    catchUp: catchUpOf(s),
  })),
});
const versionView = (v: ScenarioVersionRecord): ScenarioVersion => ({ ...v, definition: view(v.definition) });
const scenarioView = (s: ScenarioRecord): Scenario => ({ ...s, draft: s.draft && view(s.draft), versions: s.versions.map(versionView) });
const MAX_SIMULATED_PAYMENTS = 100;

/**
 * Admins edit scenarios (draft → publish → archive, JSON/YAML import and export) and the
 * rules that give new debts their scenario; admins and agents preview a scenario's
 * calendar with `simulateScenario` before anything runs.
 */
@Resolver(() => Scenario)
export class ScenarioResolver {
  private readonly leases: RecordStore;

  constructor(
    private readonly catalog: ScenarioCatalogService,
    private readonly debts: DebtWorkflowsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.leases = new RecordStore(LEASE_TABLE, dataSource);
  }

  @Query(() => [Scenario], { description: 'Every scenario of the workspace, shipped ones included.' })
  async scenarios(@CurrentActor() actor: Actor) {
    return (await this.catalog.list(actor.workspaceId)).map(scenarioView);
  }

  @Query(() => Scenario)
  async scenario(@CurrentActor() actor: Actor, @Args('key') key: string) {
    return scenarioView(await this.catalog.get(actor.workspaceId, key));
  }

  @ResolveField(() => [String], {
    description: 'Hand-offs of the latest version (or the draft) that fall after the insurer claim deadline of leases that would get this scenario.',
  })
  async warnings(@CurrentActor() actor: Actor, @Parent() scenario: Scenario) {
    const definition = scenario.draft ?? scenario.versions[scenario.versions.length - 1]?.definition;
    return definition ? this.catalog.warnings(actor.workspaceId, scenario.key, definition as ScenarioDefinition) : [];
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Scenario, { description: 'Creates a scenario or replaces its draft (validated as a whole).' })
  async saveScenarioDraft(@CurrentActor() actor: Actor, @Args('definition', { type: () => ScenarioDefinitionInput }) definition: ScenarioDefinitionInput) {
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
  @Mutation(() => [Scenario], { description: 'Imports scenarios as drafts, all or nothing: one scenario, a list, or { scenarios: [...] }.' })
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
    return formatScenario(await this.catalog.definition(actor.workspaceId, key, { version: version ?? undefined, draft: draft ?? undefined }), format);
  }

  @Query(() => [AssignmentRuleView])
  scenarioAssignmentRules(@CurrentActor() actor: Actor) {
    return this.catalog.rules(actor.workspaceId);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => [AssignmentRuleView], {
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

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => [SimulatedEvent], {
    description:
      'The calendar a scenario would produce — a published version, the draft, or a definition not saved yet — for a real lease ' +
      '(its overdue balance, oldest unpaid due date, tenants, kind and landlord’s mandate) or a hypothetical debt, with optional payments.',
  })
  async simulateScenario(
    @CurrentActor() actor: Actor,
    @Args('scenarioKey', { nullable: true }) scenarioKey?: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
    @Args('draft', { nullable: true, description: 'With scenarioKey: simulate its draft.' }) draft?: boolean,
    @Args('definition', { type: () => ScenarioDefinitionInput, nullable: true }) definition?: ScenarioDefinitionInput,
    @Args('leaseId', { type: () => ID, nullable: true }) leaseId?: string,
    @Args('debt', { type: () => HypotheticalDebtInput, nullable: true }) debt?: HypotheticalDebtInput,
    @Args('payments', { type: () => [SimulatedPaymentInput], nullable: true }) payments?: SimulatedPaymentInput[],
  ) {
    if (Boolean(scenarioKey) === Boolean(definition)) {
      throw new RelanceError('BAD_USER_INPUT', 'Give either scenarioKey or definition', { field: 'scenarioKey' });
    }
    if (Boolean(leaseId) === Boolean(debt)) throw new RelanceError('BAD_USER_INPUT', 'Give either leaseId or debt', { field: 'leaseId' });
    const scenario = definition
      ? checkDefinition(definition, 'definition')
      : await this.catalog.definition(actor.workspaceId, scenarioKey!, { version: version ?? undefined, draft: draft ?? undefined });
    const facts = leaseId ? await this.leaseFacts(actor, leaseId) : checkHypothetical(debt!);
    if ((payments ?? []).length > MAX_SIMULATED_PAYMENTS) {
      throw new RelanceError('BAD_USER_INPUT', `At most ${MAX_SIMULATED_PAYMENTS} payments`, { field: 'payments' });
    }
    (payments ?? []).forEach((p, i) => {
      if (!isIsoDate(p.date)) throw new RelanceError('BAD_USER_INPUT', 'date must be YYYY-MM-DD', { field: `payments[${i}].date` });
      if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0) {
        throw new RelanceError('BAD_USER_INPUT', 'amountCents must be above 0', { field: `payments[${i}].amountCents` });
      }
    });
    return simulateScenario(scenario, { ...facts, payments: payments ?? [] }).map((e) => ({ ...e, needsApproval: Boolean(e.needsApproval) }));
  }

  /** A real lease as the simulator sees it: its overdue balance and oldest unpaid due date today. */
  private async leaseFacts(actor: Actor, leaseId: string): Promise<SimulationInput> {
    const lease = (await this.leases.get(actor, leaseId)) as { kind: LeaseKind };
    const params = [actor.workspaceId, leaseId];
    const [ledger, tenants, [landlord]] = await Promise.all([
      loadLeaseLedger(this.dataSource, actor.workspaceId, leaseId),
      this.dataSource.query(
        `SELECT CASE WHEN t.vulnerable THEN 'PRECARIOUS' ELSE COALESCE(t.profile_override, t.profile) END AS profile,
                t.preferred_channel AS "preferredChannel", t.email, t.phone, t.consent_email AS "consentEmail", t.consent_sms AS "consentSms"
         FROM lease_tenant lt
         JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id WHERE lt.workspace_id = $1 AND lt.lease_id = $2`,
        params,
      ),
      this.dataSource.query(
        `SELECT ll.mandate_approval_steps AS steps, ll.mandate_litigation_threshold_cents AS threshold
         FROM lease l JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id WHERE l.workspace_id = $1 AND l.id = $2`,
        params,
      ),
    ]);
    const today = todayIn();
    const oldest = oldestUnpaid(ledger, today);
    if (!oldest) throw new RelanceError('BAD_USER_INPUT', 'Nothing is overdue on this lease: simulate a hypothetical debt instead', { field: 'leaseId' });
    const balanceCents = ledger.charges.filter((c) => c.charge.dueDate < today).reduce((sum, c) => sum + c.outstandingCents, 0);
    // From now: the open debt's steps done are listed on their real dates; a lease with no
    // debt yet is simulated as if one opened now.
    const progress = await this.debts.progressOfLease(actor.workspaceId, leaseId).catch((error: unknown) => {
      throw new RelanceError('UNAVAILABLE', 'Temporal did not answer for this lease’s debt', { cause: error });
    });
    const preferredChannel = sharedPreference(tenants.map((t: TenantContact) => reachablePreference(t)));
    return {
      anchor: progress?.anchor ?? oldest.charge.dueDate,
      balanceCents,
      profile: worstProfile(tenants.map((t: { profile: TenantProfile }) => t.profile)),
      leaseKind: lease.kind,
      mandate: mandateOf(landlord.steps, landlord.threshold),
      from: new Date(),
      ...(preferredChannel ? { preferredChannel } : {}),
      ...(progress ? { done: progress.done, resumedAt: progress.resumedAt, lastContactAt: progress.lastContactAt } : {}),
    };
  }
}

function checkHypothetical(debt: HypotheticalDebtInput): SimulationInput {
  if (!isIsoDate(debt.anchor)) throw new RelanceError('BAD_USER_INPUT', 'anchor must be YYYY-MM-DD', { field: 'debt.anchor' });
  if (!Number.isSafeInteger(debt.balanceCents) || debt.balanceCents <= 0) {
    throw new RelanceError('BAD_USER_INPUT', 'balanceCents must be above 0', { field: 'debt.balanceCents' });
  }
  return {
    anchor: debt.anchor, balanceCents: debt.balanceCents, profile: debt.profile, leaseKind: debt.leaseKind,
    ...(debt.preferredChannel ? { preferredChannel: debt.preferredChannel } : {}),
  };
}
