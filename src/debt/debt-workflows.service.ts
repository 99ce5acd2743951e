import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { ScenarioCatalogService } from '../scenarios/scenario-catalog.service';
import { APPROVABLE_ACTIONS, LeaseKind, reachablePreference, sharedPreference, TenantContact, TenantProfile } from '../domain/scenario';
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
import { Installment, validatePaymentPlan } from '../domain/payment-plan';
import { LandlordMandate, PAYMENT_PLAN_APPROVAL } from '../domain/dunning-plan';
import { todayIn } from '../common/clock';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';
import { DEFAULT_GRACE_DAYS } from './arrears-detection';
import { writeDebtEvent } from './case-journal';
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
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (event) => {
      if (!event.debtId) return;
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
      const [row] = await this.dataSource.query('SELECT status FROM debt WHERE workspace_id = $1 AND id = $2', [workspaceId, debtId]);
      if (!row || statuses.includes(row.status)) return;
      if (Date.now() >= deadline) {
        this.logger.warn(`Debt ${debtId} still reads ${row.status} ${SETTLE_TIMEOUT_MS} ms after a message expecting ${statuses.join(' or ')}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends the message; the statuses the debt's row will read once the workflow has acted on it, when it changes. */
  private async send(actor: Actor, debtId: string, message: DebtMessage): Promise<string[] | undefined> {
    const status = await this.status(actor.workspaceId, debtId);
    if (!status) throw new RelanceError('BAD_USER_INPUT', 'This debt has no running dunning workflow', { field: 'id' });
    const by = `api-key:${actor.apiKeyId}`;
    const handle = (await this.temporal.getClient()).workflow.getHandle<typeof debtDunning>(debtWorkflowId(actor.workspaceId, debtId));
    switch (message.kind) {
      case 'pause':
        if (status.status === 'PAUSED') throw new RelanceError('BAD_USER_INPUT', 'The debt is already paused', { field: 'id' });
        if (message.until && Date.parse(message.until) <= Date.now()) {
          throw new RelanceError('BAD_USER_INPUT', 'until must be in the future', { field: 'until' });
        }
        await handle.signal(pauseSignal, { reason: message.reason, until: message.until, by });
        await this.recordAgentEvent(actor, debtId, 'PAUSED', `Paused${message.until ? ` until ${message.until}` : ''}: ${message.reason}`, {
          reason: message.reason, until: message.until,
        });
        return ['PAUSED'];
      case 'resume':
        if (status.status !== 'PAUSED') throw new RelanceError('BAD_USER_INPUT', 'The debt is not paused', { field: 'id' });
        await handle.signal(resumeSignal, { by });
        await this.recordAgentEvent(actor, debtId, 'RESUMED', 'Resumed by an agent');
        return ['OPEN', 'ESCALATED', 'PAYMENT_PLAN', 'RESOLVED'];
      case 'decide': {
        // Runs from before the field existed name it in their next action.
        const awaiting = status.awaitingApproval ?? (status.status === 'AWAITING_APPROVAL' ? status.nextAction?.stepKey : undefined);
        if (awaiting !== message.stepKey) {
          const known = message.stepKey === PAYMENT_PLAN_APPROVAL || !status.steps || status.steps.includes(message.stepKey);
          const what = awaiting === PAYMENT_PLAN_APPROVAL ? 'the payment plan ("payment-plan")' : awaiting;
          throw new RelanceError(
            'BAD_USER_INPUT',
            !known
              ? `Unknown step ${message.stepKey}: this debt's scenario has ${status.steps!.join(', ')}` +
                  (awaiting ? `; the approval awaited is ${what}` : '; no approval is awaited')
              : awaiting
                ? `The approval awaited is ${what}, not ${message.stepKey}`
                : `No approval is awaited on this debt (${message.stepKey} is not waiting for a decision)`,
            { field: 'stepKey' },
          );
        }
        // The workflow writes the decision to the timeline itself (it acts on it there).
        await handle.signal(landlordDecisionSignal, { stepKey: message.stepKey, approve: message.approve, comment: message.comment, by });
        break;
      }
      case 'cancel':
        await handle.signal(cancelSignal, { reason: message.reason, by });
        return ['CANCELLED', 'RESOLVED', 'WRITTEN_OFF'];
      case 'writeOff':
        await handle.signal(writeOffSignal, { reason: message.reason, by });
        return ['WRITTEN_OFF', 'RESOLVED', 'CANCELLED'];
      case 'proposePlan':
        return (await this.proposePlan(actor, debtId, status, message.installments, handle)) === 'ACTIVE' ? ['PAYMENT_PLAN', 'RESOLVED'] : undefined;
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
  ): Promise<'ACTIVE' | 'AWAITING_APPROVAL'> {
    if (status.plan) throw new RelanceError('BAD_USER_INPUT', 'A payment plan is already running on this debt', { field: 'installments' });
    const [debt]: Array<{ amount: number; reserved: boolean }> = await this.dataSource.query(
      `SELECT d.amount_cents::float8 AS amount, 'PAYMENT_PLAN' = ANY(l2.mandate_approval_steps) AS reserved
       FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       JOIN landlord l2 ON l2.workspace_id = l.workspace_id AND l2.id = l.landlord_id
       WHERE d.workspace_id = $1 AND d.id = $2`,
      [actor.workspaceId, debtId],
    );
    const [problem] = validatePaymentPlan(installments, { balanceCents: debt.amount, today: todayIn() });
    if (problem) throw new RelanceError('BAD_USER_INPUT', problem.message, { field: problem.field });
    let result: { status: 'ACTIVE' | 'AWAITING_APPROVAL' };
    try {
      result = await handle.executeUpdate(proposePaymentPlanUpdate, {
        args: [{ installments, requiresLandlordApproval: debt.reserved, by: `api-key:${actor.apiKeyId}` }],
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
    await this.recordAgentEvent(
      actor, debtId, 'PLAN_PROPOSED',
      `Payment plan of ${installments.length} installment(s), ${total} cents from ${installments[0].dueDate} to ${installments[installments.length - 1].dueDate}` +
        (result.status === 'AWAITING_APPROVAL' ? ': waiting for the landlord’s approval' : ': accepted'),
      { installments, status: result.status, approvalKey: result.status === 'AWAITING_APPROVAL' ? PAYMENT_PLAN_APPROVAL : undefined },
    );
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
    await handle.signal(taskCompletedSignal, { ...completion, by: `api-key:${actor.apiKeyId}` });
    return true;
  }

  /**
   * Where the open debt of a lease stands, for a simulation from now: its day 0, the steps
   * done or skipped with when (from the timeline), and when its scenario last resumed and
   * the tenant was last contacted (from the workflow). Undefined when the lease has none.
   */
  async progressOfLease(workspaceId: string, leaseId: string): Promise<DebtSimulationProgress | undefined> {
    const [debt]: Array<{ id: string; anchor: string }> = await this.dataSource.query(
      `SELECT id, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor FROM debt
       WHERE workspace_id = $1 AND lease_id = $2 AND status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')`,
      [workspaceId, leaseId],
    );
    if (!debt) return undefined;
    const [status, events] = await Promise.all([
      this.status(workspaceId, debt.id),
      this.dataSource.query(
        `SELECT DISTINCT ON (data->>'stepKey') data->>'stepKey' AS step_key, occurred_at FROM debt_event
         WHERE workspace_id = $1 AND debt_id = $2 AND data ? 'stepKey'
           AND (kind LIKE 'ACTION\_%' OR kind IN ('STEP_SKIPPED', 'LANDLORD_REJECTED'))
         ORDER BY data->>'stepKey', occurred_at`,
        [workspaceId, debt.id],
      ) as Promise<Array<{ step_key: string; occurred_at: Date }>>,
    ]);
    const when = new Map(events.map((e) => [e.step_key, new Date(e.occurred_at).toISOString()]));
    const doneKeys = status?.done ?? events.map((e) => e.step_key);
    return {
      debtId: debt.id,
      anchor: debt.anchor,
      done: doneKeys.map((stepKey) => ({ stepKey, at: when.get(stepKey) ?? new Date().toISOString() })).sort((a, b) => (a.at < b.at ? -1 : 1)),
      ...(status?.resumedAt ? { resumedAt: status.resumedAt } : {}),
      ...(status?.lastContactAt ? { lastContactAt: status.lastContactAt } : {}),
    };
  }

  /** A timeline entry in the name of the API key that asked for it. */
  async recordAgentEvent(
    actor: Actor,
    debtId: string,
    kind: string,
    summary: string,
    data: Record<string, unknown> = {},
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, actor_kind, actor_id, summary, data)
       VALUES ($1, $2, $3, 'API_KEY', $4, $5, $6)`,
      [actor.workspaceId, debtId, kind, actor.apiKeyId, summary, JSON.stringify(data)],
    );
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
    const facts: Array<{
      id: string; landlord_id: string; approval_steps: string[]; litigation_threshold_cents: number; lease_kind: LeaseKind;
      scenario_override: string | null; scenario_override_set_by_role: string | null; scenario_override_reason: string | null;
      gli_claim_deadline_days: number | null; profile: TenantProfile; profile_reason: string; vulnerable: boolean;
      contacts: TenantContact[];
    }> = await this.dataSource.query(
      `SELECT d.id, l.landlord_id, ll.mandate_approval_steps AS approval_steps,
              ll.mandate_litigation_threshold_cents AS litigation_threshold_cents, l.kind AS lease_kind, l.gli_claim_deadline_days,
              l.scenario_override, l.scenario_override_set_by_role, l.scenario_override_reason,
              d.profile, d.profile_reason, COALESCE(d.profile_facts->'tenants' @> '[{"vulnerable": true}]', false) AS vulnerable,
              (SELECT COALESCE(json_agg(json_build_object('preferredChannel', t.preferred_channel, 'email', t.email, 'phone', t.phone,
                                                          'consentEmail', t.consent_email, 'consentSms', t.consent_sms)), '[]'::json)
               FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
               WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id) AS contacts
       FROM debt d
       JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
       WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[]) AND d.status = 'OPEN'`,
      [workspaceId, debtIds],
    );
    const client = await this.temporal.getClient();
    const started: string[] = [];
    for (const fact of facts) {
      const profile = fact.profile;
      const { definition: scenario, label, choice } = await this.scenarios.resolveForNewDebt(workspaceId, {
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
        workspaceId, debtId: fact.id, scenario, pursueFromCents: PURSUE_FROM_CENTS, profile, leaseKind: fact.lease_kind,
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
        const updated: unknown[] = await manager.query(
          `UPDATE debt SET workflow_id = $3, scenario_version = $4, scenario_reason = $5, updated_at = now()
           WHERE workspace_id = $1 AND id = $2 AND workflow_id IS NULL RETURNING id`,
          [workspaceId, fact.id, workflowId, label, choice.reason.slice(0, 1000)],
        );
        if (updated.length === 0) return;
        await writeDebtEvent(manager, { workspaceId, debtId: fact.id }, {
          kind: 'SCENARIO_CHOSEN',
          key: 'scenario-chosen',
          at: new Date().toISOString(),
          actor: { kind: 'SYSTEM', id: 'scenario-assignment' },
          summary: `Scenario ${label}: ${choice.reason}`,
          data: { profile, profileReason: fact.profile_reason, scenarioVersion: label, scenarioKey: choice.key, source: choice.source, scenarioReason: choice.reason },
        });
      });
      started.push(workflowId);
    }
    this.logger.log(`Started ${started.length} debt workflow(s) in workspace ${workspaceId}`);
    return started;
  }
}

/** The dunning side of a landlord's mandate: the step actions it reserves, and its litigation threshold. */
export function mandateOf(approvalSteps: string[], litigationThresholdCents: number): LandlordMandate {
  return {
    approvalActions: APPROVABLE_ACTIONS.filter((action) => approvalSteps.includes(action)),
    litigationThresholdCents,
  };
}
