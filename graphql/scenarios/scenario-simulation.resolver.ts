import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { DebtSimulationProgress, DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import { LegalCalendarService } from '../../src/debt/legal-calendar.service';
import { ScenarioDefinition } from '../../src/domain/scenario';
import { withLegalDeadlines } from '../../src/domain/scenario-simulation';
import { ScenarioSimulationService } from '../../src/scenarios/scenario-simulation.service';
import { HypotheticalDebtInput } from './hypothetical-debt.input';
import { ScenarioDefinitionInput } from './scenario-definition.input';
import { SimulatedEvent } from './simulated-event.object';
import { SimulatedPaymentInput } from './simulated-payment.input';

/**
 * Admins and agents preview a scenario's calendar with `simulateScenario` before anything
 * runs. Here the scenarios feature meets the debt feature above it: a real lease's open
 * debt tells the simulation how far it got.
 */
@Resolver()
export class ScenarioSimulationResolver {
  constructor(
    private readonly simulation: ScenarioSimulationService,
    private readonly debts: DebtWorkflowsService,
    private readonly legal: LegalCalendarService,
  ) {}

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => [SimulatedEvent], {
    description:
      'The calendar a scenario would produce — a published version, the draft, or a definition not saved yet — for a real lease ' +
      "(its overdue balance, oldest unpaid due date, tenants, kind and landlord’s mandate) or a hypothetical debt, with optional payments. A real lease's open debt also shows its legal deadlines (LEGAL entries: the tasks law and the GLI contract open, on their day).",
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
  ): Promise<SimulatedEvent[]> {
    let openDebt: DebtSimulationProgress | undefined;
    const events = await this.simulation.simulate(
      actor,
      {
        scenarioKey: scenarioKey ?? undefined,
        version: version ?? undefined,
        draft: draft ?? undefined,
        definition: (definition ?? undefined) as ScenarioDefinition | undefined,
        leaseId: leaseId ?? undefined,
        debt: debt ?? undefined,
        payments: payments ?? [],
      },
      async (workspaceId, lease) => (openDebt = await this.debts.progressOfLease(workspaceId, lease)),
    );
    // A real lease's open debt: its legal deadlines (the same the workflow keeps) join the calendar.
    const [calendar] = openDebt ? await this.legal.calendarsOf(actor.workspaceId, [openDebt.debtId]) : [null];
    return withLegalDeadlines(events, calendar?.deadlines ?? []).map((e) => ({ ...e, needsApproval: Boolean(e.needsApproval) }));
  }
}
