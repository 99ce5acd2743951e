import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { compareDates, isIsoDate, IsoDate } from '../domain/calendar-date';
import { claimApprovalDays } from '../domain/debt-reducer';
import { LEGAL_MILESTONES, LegalCalendar, legalCalendar, LegalFacts, LegalMilestone, STEP_MILESTONES } from '../domain/legal-rules';
import { DebtRiskInput, DEFAULT_RISK_WINDOW_DAYS, LegalRiskView, legalRiskView, RISK_WINDOW_BOUNDS } from '../domain/legal-risks';
import { LedgerService } from '../ledger/ledger.service';
import { ScenarioCatalogService } from '../scenarios/scenario-catalog.service';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { debtWorkflowId, legalMilestoneSignal } from '../../workflows/debt.messages';
import { LEGAL_MILESTONE_EVENT, loadDebtsLegalFacts } from './debt-legal-facts.repository';
import { DebtRepository, OPEN_DEBT_STATUSES } from './debt.repository';
import { DebtWorkflowsService } from './debt-workflows.service';

/** Debts whose calendars the risk view reads at once. */
const RISK_PAGE = 500;
/** Deadlines the risk view lists by default, and at most. */
const RISK_ITEMS_DEFAULT = 50;
const RISK_ITEMS_MAX = 500;

/** What an agent records by hand; the others come with their scenario step (src/domain/legal-rules.ts STEP_MILESTONES). */
const AGENT_MILESTONES: readonly LegalMilestone[] = LEGAL_MILESTONES.filter(
  (m) => !Object.values(STEP_MILESTONES).includes(m) || m === 'GUARANTOR_INFORMED',
);

const MILESTONE_WORDS: Record<LegalMilestone, string> = {
  GUARANTOR_INFORMED: 'Guarantor informed of the payment incident',
  COMMANDEMENT_SERVED: 'Commandement de payer served on the tenant',
  COMMANDEMENT_SENT_TO_GUARANTOR: 'Commandement de payer served on the guarantor',
  CCAPEX_REFERRED: 'Case referred to the CCAPEX',
  CAF_REPORTED: 'Non-payment reported to the CAF / MSA',
  LITIGATION_FILE_PREPARED: 'Litigation file prepared',
  INSURER_CLAIM_PREPARED: 'GLI claim prepared',
  INSURER_CLAIM_FILED: 'GLI claim filed with the insurer',
};

/**
 * A debt's legal calendar (src/domain/legal-rules.ts) and the milestones agents record on
 * it. A milestone is a timeline entry: the workflow reads it with the balance before its
 * next turn (it is signalled to take one now) and opens the deadlines it starts.
 */
@Injectable()
export class LegalCalendarService {
  private readonly logger = new Logger('LegalCalendar');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioCatalogService,
    private readonly workflows: DebtWorkflowsService,
    private readonly temporal: TemporalClientProvider,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * The calendars of debts the caller may read (rows already scoped), in their order, as of
   * today in Paris: null for a closed debt or one with nothing overdue. A page of debts costs
   * the same statements whatever its size (one more per distinct workspace scenario version).
   */
  async calendarsOf(workspaceId: string, debtIds: readonly string[]): Promise<Array<LegalCalendar | null>> {
    const read = await this.readCalendars(workspaceId, debtIds, todayIn(), new Map());
    return debtIds.map((id) => read.get(id)?.calendar ?? null);
  }

  /**
   * The open debts' calendars among `debtIds`, with the facts they were read from, as of
   * `today`: one facts statement and one ledger load for them all, and the insurer claim's
   * approval delay once per scenario version (`approvalDays` keeps them across calls).
   */
  private async readCalendars(
    workspaceId: string,
    debtIds: readonly string[],
    today: IsoDate,
    approvalDays: Map<string, number | null>,
  ): Promise<Map<string, { facts: LegalFacts; calendar: LegalCalendar }>> {
    const rows = await loadDebtsLegalFacts(this.dataSource.manager, workspaceId, debtIds, today, (ids) =>
      this.ledger.ledgersOf(workspaceId, ids),
    );
    const read = new Map<string, { facts: LegalFacts; calendar: LegalCalendar }>();
    for (const [id, row] of rows) {
      if (!row.facts || !(OPEN_DEBT_STATUSES as readonly string[]).includes(row.status)) continue;
      if (row.scenarioVersion && !approvalDays.has(row.scenarioVersion)) {
        approvalDays.set(row.scenarioVersion, await this.claimApprovalDays(workspaceId, row.scenarioVersion));
      }
      const days = row.scenarioVersion ? (approvalDays.get(row.scenarioVersion) ?? null) : null;
      read.set(id, { facts: row.facts, calendar: legalCalendar(row.facts, today, days) });
    }
    return read;
  }

  /**
   * The legal risk view of the caller's open debts (a landlord's own only) as of today in
   * Paris: src/domain/legal-risks.ts over the same calendars as each debt's file, read 500
   * debts at a time (each page costs the statements of {@link calendarsOf}).
   */
  async riskView(actor: Actor, options: { windowDays?: number | null; first?: number | null } = {}): Promise<LegalRiskView> {
    const windowDays = options.windowDays ?? DEFAULT_RISK_WINDOW_DAYS;
    if (!Number.isInteger(windowDays) || windowDays < RISK_WINDOW_BOUNDS.min || windowDays > RISK_WINDOW_BOUNDS.max) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `windowDays must be a whole number from ${RISK_WINDOW_BOUNDS.min} to ${RISK_WINDOW_BOUNDS.max}`,
        {
          field: 'windowDays',
        },
      );
    }
    const first = options.first ?? RISK_ITEMS_DEFAULT;
    if (!Number.isInteger(first) || first < 0 || first > RISK_ITEMS_MAX) {
      throw new RelanceError('BAD_USER_INPUT', `first must be a whole number from 0 to ${RISK_ITEMS_MAX}`, { field: 'first' });
    }
    const today = todayIn();
    const debts = new DebtRepository(this.dataSource.manager);
    const inputs: DebtRiskInput[] = [];
    const approvalDays = new Map<string, number | null>();
    for (let after: string | null = null; ;) {
      const ids = await debts.openIds(actor.workspaceId, actor.landlordId ?? null, after, RISK_PAGE);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      const read = await this.readCalendars(actor.workspaceId, ids, today, approvalDays);
      for (const id of ids) {
        const debt = read.get(id);
        if (!debt) continue;
        inputs.push({
          debtId: id,
          leaseReference: debt.facts.lease.reference,
          owedCents: debt.facts.unpaid.reduce((sum, line) => sum + line.outstandingCents, 0),
          calendar: debt.calendar,
        });
      }
      if (ids.length < RISK_PAGE) break;
    }
    return legalRiskView(inputs, today, windowDays, first);
  }

  /** The landlord's delay to decide when the debt's scenario asks approval for its insurer claim, as the workflow counts it. */
  private async claimApprovalDays(workspaceId: string, label: string): Promise<number | null> {
    return claimApprovalDays(await this.scenarios.pinnedDefinition(workspaceId, label));
  }

  /**
   * Records that a milestone happened on `on` (a Paris date, not in the future, not before
   * the debt's first unpaid due date) on an open debt, in the caller's name. Recording it
   * again with another date corrects it: the latest entry counts.
   */
  async recordMilestone(actor: Actor, debtId: string, input: { milestone: string; on: string; note?: string | null }): Promise<void> {
    if (!(LEGAL_MILESTONES as readonly string[]).includes(input.milestone)) {
      throw new RelanceError('BAD_USER_INPUT', `milestone must be one of ${LEGAL_MILESTONES.join(', ')}`, { field: 'milestone' });
    }
    const milestone = input.milestone as LegalMilestone;
    if (!AGENT_MILESTONES.includes(milestone)) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `${milestone} is recorded by its scenario step, not by hand: record ${AGENT_MILESTONES.join(', ')}`,
        {
          field: 'milestone',
        },
      );
    }
    if (!isIsoDate(input.on)) throw new RelanceError('BAD_USER_INPUT', 'on must be a date, YYYY-MM-DD', { field: 'on' });
    const today = todayIn();
    if (compareDates(input.on, today) > 0)
      throw new RelanceError('BAD_USER_INPUT', `on must not be after today (${today})`, { field: 'on' });
    const note = input.note?.trim() || undefined;
    if (note && note.length > 1000) throw new RelanceError('BAD_USER_INPUT', 'note must be at most 1000 characters', { field: 'note' });
    const debt = await new DebtRepository(this.dataSource.manager).openOfDebt(actor.workspaceId, debtId);
    if (!debt) throw new RelanceError('BAD_USER_INPUT', 'The debt is closed: its deadlines are over', { field: 'debtId' });
    const anchor: IsoDate | null = debt.anchor;
    if (anchor && compareDates(input.on, anchor) < 0) {
      throw new RelanceError('BAD_USER_INPUT', `on must not be before the debt's first unpaid due date (${anchor})`, { field: 'on' });
    }
    await this.workflows.recordAgentEvent(actor, debtId, {
      kind: LEGAL_MILESTONE_EVENT,
      key: `milestone:${milestone}:${randomUUID()}`,
      summary: `${MILESTONE_WORDS[milestone]} on ${input.on}${note ? `: ${note}` : ''}`,
      data: { milestone, on: input.on, ...(note ? { note } : {}) },
    });
    // After the commit, so that the turn it wakes reads the milestone. The fact stands even
    // if Temporal does not answer now: the workflow reads it at its next turn.
    try {
      const client = await this.temporal.getClient();
      await client.workflow
        .getHandle(debtWorkflowId(actor.workspaceId, debtId))
        .signal(legalMilestoneSignal, { milestone, on: input.on, by: actorRef(actor) });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) {
        this.logger.warn(`Milestone ${milestone} recorded on debt ${debtId}; its workflow will read it at its next turn: ${String(error)}`);
      }
    }
  }
}
