import { journalActorOf } from '../timeline/debt-event.entity';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { ApprovalRequestService } from '../approvals/approval-request.service';
import { ScenarioCatalogService } from '../scenarios/scenario-catalog.service';
import { reachablePreference, sharedPreference } from '../domain/scenario';
import { LedgerEvents } from '../ledger/ledger-events';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import {
  cancelSignal,
  debtWorkflowId,
  DebtWorkflowStatus,
  INVALID_PAYMENT_PLAN,
  landlordDecisionSignal,
  pauseSignal,
  paymentRecordedSignal,
  proposePaymentPlanUpdate,
  resumeSignal,
  statusQuery,
  TaskCompletion,
  taskCompletedSignal,
  writeOffSignal,
} from '../../workflows/debt.messages';
import { Installment } from '../domain/payment-plan';
import { DebtCaseMessage, DebtCaseView, refusalOf } from '../domain/debt-reducer';
import { mandateOf, PAYMENT_PLAN_APPROVAL } from '../domain/dunning-plan';
import { Actor, actorRef } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import { DEFAULT_GRACE_DAYS } from './arrears-detection';
import { recordDebtEvent, stepTimesOf } from '../timeline/timeline.service';
import { DebtRepository } from './debt.repository';
import { assessDebtProfiles } from './tenant-profile';

/** What agents and landlords can tell a debt's workflow. */
export type DebtMessage =
  | { kind: 'pause'; reason: string; until?: string }
  | { kind: 'resume' }
  | { kind: 'decide'; stepKey: string; approve: boolean; comment?: string }
  | { kind: 'cancel'; reason: string }
  | { kind: 'writeOff'; reason: string }
  | { kind: 'proposePlan'; installments: Installment[] };

/** An open debt's progress as `simulateScenario` needs it (see {@link DebtWorkflowsService.progressOfLease}). */
export interface DebtSimulationProgress {
  debtId: string;
  anchor: string;
  done: Array<{ stepKey: string; at: string }>;
  resumedAt?: string;
  lastContactAt?: string;
}

/** How long a mutation waits for the workflow to write the state its message produces. */
const SETTLE_TIMEOUT_MS = 10_000;

/** Below this overdue balance a debt is not pursued (cents): 10 €. */
export const PURSUE_FROM_CENTS = 1_000;

/**
 * Starts each open debt's workflow and tells it about payments. Starting is idempotent:
 * the workflow id is `debt:<workspaceId>:<debtId>` and a second start of a running one
 * attaches to it. The scenario version is chosen once, at start (override, assignment rules,
 * shipped default), and the debt stays pinned to it: the workflow carries its definition.
 */
@Injectable()
export class DebtWorkflowsService implements OnModuleInit {
  private readonly logger = new Logger('DebtWorkflows');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
    private readonly events: LedgerEvents,
    private readonly scenarios: ScenarioCatalogService,
    private readonly approvals: ApprovalRequestService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (event) => {
      if (event.kind !== 'PaymentRecorded' || !event.debtId) return;
      const client = await this.temporal.getClient();
      try {
        await client.workflow
          .getHandle(debtWorkflowId(event.workspaceId, event.debtId))
          .signal(paymentRecordedSignal, { paymentId: event.paymentId, amountCents: event.amountCents });
      } catch (error) {
        // A debt whose workflow has ended (or not started) re-reads the ledger anyway.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    });
  }

  /** The live state of a debt's workflow, or undefined when it has none running. */
  async status(workspaceId: string, debtId: string): Promise<DebtWorkflowStatus | undefined> {
    const client = await this.temporal.getClient();
    const handle = client.workflow.getHandle(debtWorkflowId(workspaceId, debtId));
    try {
      if ((await handle.describe()).status.name !== 'RUNNING') return undefined;
      return await handle.query(statusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Sends an agent's or landlord's message to a debt's workflow, after checking it makes
   * sense now (BAD_USER_INPUT otherwise, and nothing is sent), then writes it to the
   * debt's timeline in the caller's name. Returns once the workflow has written the state
   * the message produces on the debt's row (paused, on a plan, cancelled…), so that the
   * mutation answers with it; after a few seconds without it, the row as it stands.
   */
  async message(actor: Actor, debtId: string, message: DebtMessage): Promise<void> {
    const expected = await this.send(actor, debtId, message);
    if (expected) await this.settled(actor.workspaceId, debtId, expected);
  }

  /** Waits (bounded) until the debt's row says one of `statuses`: the workflow writes it through an activity. */
  private async settled(workspaceId: string, debtId: string, statuses: string[]): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const status = await new DebtRepository(this.dataSource).statusOf({ workspaceId, debtId });
      if (!status || statuses.includes(status)) return;
      if (Date.now() >= deadline) {
        this.logger.warn(`Debt ${debtId} still reads ${status} ${SETTLE_TIMEOUT_MS} ms after a message expecting ${statuses.join(' or ')}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends the message; the statuses the debt's row will read once the workflow has acted on it, when it changes. */
  private async send(actor: Actor, debtId: string, message: DebtMessage): Promise<string[] | undefined> {
    const status = await this.status(actor.workspaceId, debtId);
    if (!status) throw new RelanceError('BAD_USER_INPUT', 'This debt has no running dunning workflow', { field: 'id' });
    const by = actorRef(actor);
    // Names this message on the timeline (its entry's key) and, for an Update, at Temporal.
    const messageId = randomUUID();
    const handle = (await this.temporal.getClient()).workflow.getHandle<typeof debtDunning>(debtWorkflowId(actor.workspaceId, debtId));
    // The same rules the workflow applies to the message (src/domain/debt-reducer.ts), for a clear error before anything is sent.
    if (message.kind !== 'proposePlan') refuseIfPointless(caseViewOf(status), message.kind === 'decide' ? { ...message, by } : message);
    switch (message.kind) {
      case 'pause':
        await handle.signal(pauseSignal, { reason: message.reason, until: message.until, by });
        await this.recordAgentEvent(actor, debtId, {
          kind: 'PAUSED',
          key: `message:pause:${messageId}`,
          summary: `Paused${message.until ? ` until ${message.until}` : ''}: ${message.reason}`,
          data: { reason: message.reason, until: message.until },
        });
        return ['PAUSED'];
      case 'resume':
        await handle.signal(resumeSignal, { by });
        await this.recordAgentEvent(actor, debtId, { kind: 'RESUMED', key: `message:resume:${messageId}`, summary: 'Resumed by an agent' });
        return ['OPEN', 'ESCALATED', 'PAYMENT_PLAN', 'RESOLVED'];
      case 'decide':
        // The workflow writes the decision to the timeline itself (it acts on it there). The
        // request's row says who decided, when and why, in the transaction the signal
        // completes: a workflow that cannot be told rolls it back.
        await this.dataSource.transaction(async (manager) => {
          await this.approvals.recordDecision(manager, actor, debtId, message.stepKey, {
            approve: message.approve,
            comment: message.comment ?? null,
            by,
            at: new Date().toISOString(),
          });
          await handle.signal(landlordDecisionSignal, { stepKey: message.stepKey, approve: message.approve, comment: message.comment, by });
        });
        break;
      case 'cancel':
        await handle.signal(cancelSignal, { reason: message.reason, by });
        return ['CANCELLED', 'RESOLVED', 'WRITTEN_OFF'];
      case 'writeOff':
        await handle.signal(writeOffSignal, { reason: message.reason, by });
        return ['WRITTEN_OFF', 'RESOLVED', 'CANCELLED'];
      case 'proposePlan':
        return (await this.proposePlan(actor, debtId, status, message.installments, handle, messageId)) === 'ACTIVE'
          ? ['PAYMENT_PLAN', 'RESOLVED']
          : undefined;
    }
    return undefined;
  }

  /**
   * A payment plan: checked here against the debt's balance for a clear error, then by
   * the workflow's Update validator against the balance it last read (the one that counts);
   * a landlord whose mandate reserves payment plans must approve it.
   */
  private async proposePlan(
    actor: Actor,
    debtId: string,
    status: DebtWorkflowStatus,
    installments: Installment[],
    handle: WorkflowHandle<typeof debtDunning>,
    messageId: string,
  ): Promise<'ACTIVE' | 'AWAITING_APPROVAL'> {
    const debt = await new DebtRepository(this.dataSource.manager).planFacts(actor.workspaceId, debtId);
    refuseIfPointless(caseViewOf(status, debt.amount), { kind: 'proposePlan', installments, requiresLandlordApproval: debt.reserved });
    let result: { status: 'ACTIVE' | 'AWAITING_APPROVAL' };
    try {
      result = await handle.executeUpdate(proposePaymentPlanUpdate, {
        updateId: messageId,
        args: [{ installments, requiresLandlordApproval: debt.reserved, by: actorRef(actor) }],
      });
    } catch (error) {
      const failure = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (failure instanceof ApplicationFailure && failure.type === INVALID_PAYMENT_PLAN) {
        const [problems] = failure.details as [Array<{ field: string; message: string }>];
        throw new RelanceError('BAD_USER_INPUT', problems[0].message, { field: problems[0].field });
      }
      throw error;
    }
    const total = installments.reduce((sum, i) => sum + i.amountCents, 0);
    await this.recordAgentEvent(actor, debtId, {
      kind: 'PLAN_PROPOSED',
      key: `message:plan:${messageId}`,
      summary:
        `Payment plan of ${installments.length} installment(s), ${total} cents from ${installments[0].dueDate} to ${installments[installments.length - 1].dueDate}` +
        (result.status === 'AWAITING_APPROVAL' ? ': waiting for the landlord’s approval' : ': accepted'),
      data: { installments, status: result.status, approvalKey: result.status === 'AWAITING_APPROVAL' ? PAYMENT_PLAN_APPROVAL : undefined },
    });
    return result.status;
  }

  /**
   * Tells a debt's workflow a task is done, with its structured outcome. The task row is
   * written by the caller in a transaction that this signal completes: a workflow that
   * cannot be told rolls it back.
   */
  async taskCompleted(actor: Actor, debtId: string, completion: Omit<TaskCompletion, 'by'>): Promise<boolean> {
    const status = await this.status(actor.workspaceId, debtId);
    if (!status) return false;
    const handle = (await this.temporal.getClient()).workflow.getHandle(debtWorkflowId(actor.workspaceId, debtId));
    await handle.signal(taskCompletedSignal, { ...completion, by: actorRef(actor) });
    return true;
  }

  /**
   * Where the open debt of a lease stands, for a simulation from now: its day 0, the steps
   * done or skipped with when (from the timeline), and when its scenario last resumed and
   * the tenant was last contacted (from the workflow). Undefined when the lease has none.
   */
  async progressOfLease(workspaceId: string, leaseId: string): Promise<DebtSimulationProgress | undefined> {
    const debt = await new DebtRepository(this.dataSource.manager).openOfLease(workspaceId, leaseId);
    if (!debt) return undefined;
    const [status, events] = await Promise.all([
      this.status(workspaceId, debt.id),
      stepTimesOf(this.dataSource.manager, workspaceId, debt.id),
    ]);
    const when = new Map(events.map((e) => [e.stepKey, e.at]));
    const doneKeys = status?.done ?? events.map((e) => e.stepKey);
    return {
      debtId: debt.id,
      anchor: debt.anchor,
      done: doneKeys
        .map((stepKey) => ({ stepKey, at: when.get(stepKey) ?? new Date().toISOString() }))
        .sort((a, b) => (a.at < b.at ? -1 : 1)),
      ...(status?.resumedAt ? { resumedAt: status.resumedAt } : {}),
      ...(status?.lastContactAt ? { lastContactAt: status.lastContactAt } : {}),
    };
  }

  /**
   * A timeline entry in the name of the API key that asked for it, once per key (e.g.
   * `message:pause:<messageId>`, `task:<taskId>:completed`); in the caller's transaction
   * when it passes its manager.
   */
  async recordAgentEvent(
    actor: Actor,
    debtId: string,
    entry: { kind: string; summary: string; key: string; data?: Record<string, unknown> },
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<void> {
    await recordDebtEvent(db, { workspaceId: actor.workspaceId, debtId }, { ...entry, actor: journalActorOf(actor) });
  }

  /**
   * Like {@link start}, but an unreachable Temporal only defers: the debts stay open with
   * no workflow id, and the next detection run starts them.
   */
  async startOrDefer(workspaceId: string, debtIds: string[]): Promise<string[]> {
    try {
      return await this.start(workspaceId, debtIds);
    } catch (error) {
      this.logger.warn(`Debt workflows not started yet (${debtIds.length} waiting): ${String(error)}`);
      return [];
    }
  }

  /**
   * Starts the workflows of these debts (those not started yet). Returns the workflow ids.
   * Each debt's profile is decided first if it has none yet (a debt opened before profiles
   * were explained); its scenario is then chosen, and the debt records why — on its row
   * (`scenario_reason`) and once on its timeline (SCENARIO_CHOSEN).
   */
  async start(workspaceId: string, debtIds: string[]): Promise<string[]> {
    if (debtIds.length === 0) return [];
    await assessDebtProfiles(this.dataSource.manager, workspaceId, debtIds, DEFAULT_GRACE_DAYS);
    const facts = await new DebtRepository(this.dataSource.manager).startFacts(workspaceId, debtIds);
    const client = await this.temporal.getClient();
    const started: string[] = [];
    for (const fact of facts) {
      const profile = fact.profile;
      const {
        definition: scenario,
        label,
        choice,
      } = await this.scenarios.resolveForNewDebt(workspaceId, {
        scenarioOverride: fact.scenario_override,
        scenarioOverrideSetByRole: fact.scenario_override_set_by_role,
        scenarioOverrideReason: fact.scenario_override_reason,
        profile,
        profileReason: fact.profile_reason,
        vulnerable: fact.vulnerable,
        leaseKind: fact.lease_kind,
        landlordId: fact.landlord_id,
        gliClaimDeadlineDays: fact.gli_claim_deadline_days,
      });
      const workflowId = debtWorkflowId(workspaceId, fact.id);
      const input: DebtDunningInput = {
        workspaceId,
        debtId: fact.id,
        scenario,
        pursueFromCents: PURSUE_FROM_CENTS,
        profile,
        leaseKind: fact.lease_kind,
        landlordId: fact.landlord_id,
        mandate: mandateOf(fact.approval_steps, fact.litigation_threshold_cents),
      };
      const preferredChannel = sharedPreference(fact.contacts.map(reachablePreference));
      if (preferredChannel) input.preferredChannel = preferredChannel;
      await client.workflow.start<typeof debtDunning>('debtDunning', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      await this.dataSource.transaction(async (manager) => {
        const pinned = await new DebtRepository(manager).pinWorkflow(workspaceId, fact.id, {
          workflowId,
          scenarioVersion: label,
          scenarioReason: choice.reason,
        });
        if (!pinned) return;
        await recordDebtEvent(
          manager,
          { workspaceId, debtId: fact.id },
          {
            kind: 'SCENARIO_CHOSEN',
            key: 'scenario-chosen',
            at: new Date().toISOString(),
            actor: { kind: 'SYSTEM', id: 'scenario-assignment' },
            summary: `Scenario ${label}: ${choice.reason}`,
            data: {
              profile,
              profileReason: fact.profile_reason,
              scenarioVersion: label,
              scenarioKey: choice.key,
              source: choice.source,
              scenarioReason: choice.reason,
            },
          },
        );
      });
      started.push(workflowId);
    }
    this.logger.log(`Started ${started.length} debt workflow(s) in workspace ${workspaceId}`);
    return started;
  }
}

/**
 * What a service can tell of a case from its workflow's status query, for the reducer's
 * rules; `balanceCents` is the debt's as the database reads it.
 */
export function caseViewOf(status: DebtWorkflowStatus, balanceCents?: number): DebtCaseView {
  // Runs from before the field existed name it in their next action.
  const awaiting = status.awaitingApproval ?? (status.status === 'AWAITING_APPROVAL' ? status.nextAction?.stepKey : undefined);
  return {
    paused: status.status === 'PAUSED',
    awaitingApprovals: awaiting ? [awaiting] : [],
    planRunning: Boolean(status.plan),
    ...(status.steps ? { steps: status.steps } : {}),
    ...(balanceCents !== undefined ? { balanceCents } : {}),
  };
}

/** BAD_USER_INPUT, with the field, when the case would refuse the message; nothing is sent then. */
function refuseIfPointless(view: DebtCaseView, message: DebtCaseMessage): void {
  const refused = refusalOf(view, message, new Date());
  if (refused) throw new RelanceError('BAD_USER_INPUT', refused.message, { field: refused.field });
}
