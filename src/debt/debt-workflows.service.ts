import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { chooseScenario, worstProfile } from '../domain/scenario-assignment';
import { LeaseKind, TenantProfile } from '../domain/scenario';
import { LedgerEvents } from '../ledger/ledger-events';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import {
  cancelSignal,
  debtWorkflowId,
  DebtWorkflowStatus,
  landlordDecisionSignal,
  pauseSignal,
  paymentRecordedSignal,
  resumeSignal,
  statusQuery,
  writeOffSignal,
} from '../../workflows/debt.messages';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { debtDunning, DebtDunningInput } from '../../workflows/debt.workflow';

/** What agents and landlords can tell a debt's workflow. */
export type DebtMessage =
  | { kind: 'pause'; reason: string; until?: string }
  | { kind: 'resume' }
  | { kind: 'decide'; stepKey: string; approve: boolean; comment?: string }
  | { kind: 'cancel'; reason: string }
  | { kind: 'writeOff'; reason: string };

/** Below this overdue balance a debt is not pursued (cents): 10 €. */
export const PURSUE_FROM_CENTS = 1_000;

/**
 * Starts each open debt's workflow and tells it about payments. Starting is idempotent:
 * the workflow id is `debt:<workspaceId>:<debtId>` and a second start of a running one
 * attaches to it. The scenario is chosen once, at start, and the debt stays pinned to it.
 */
@Injectable()
export class DebtWorkflowsService implements OnModuleInit {
  private readonly logger = new Logger('DebtWorkflows');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
    private readonly events: LedgerEvents,
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
   * sense now (BAD_USER_INPUT otherwise, and nothing is sent).
   */
  async message(actor: Actor, debtId: string, message: DebtMessage): Promise<void> {
    const status = await this.status(actor.workspaceId, debtId);
    if (!status) throw new RelanceError('BAD_USER_INPUT', 'This debt has no running dunning workflow', { field: 'id' });
    const by = `api-key:${actor.apiKeyId}`;
    const handle = (await this.temporal.getClient()).workflow.getHandle(debtWorkflowId(actor.workspaceId, debtId));
    switch (message.kind) {
      case 'pause':
        if (status.status === 'PAUSED') throw new RelanceError('BAD_USER_INPUT', 'The debt is already paused', { field: 'id' });
        if (message.until && Date.parse(message.until) <= Date.now()) {
          throw new RelanceError('BAD_USER_INPUT', 'until must be in the future', { field: 'until' });
        }
        await handle.signal(pauseSignal, { reason: message.reason, until: message.until, by });
        break;
      case 'resume':
        if (status.status !== 'PAUSED') throw new RelanceError('BAD_USER_INPUT', 'The debt is not paused', { field: 'id' });
        await handle.signal(resumeSignal, { by });
        break;
      case 'decide': {
        const awaiting = status.status === 'AWAITING_APPROVAL' ? status.nextAction?.stepKey : undefined;
        if (awaiting !== message.stepKey) {
          throw new RelanceError(
            'BAD_USER_INPUT',
            awaiting ? `The approval asked for is ${awaiting}, not ${message.stepKey}` : 'No approval is awaited on this debt',
            { field: 'stepKey' },
          );
        }
        await handle.signal(landlordDecisionSignal, { stepKey: message.stepKey, approve: message.approve, comment: message.comment, by });
        break;
      }
      case 'cancel':
        await handle.signal(cancelSignal, { reason: message.reason, by });
        break;
      case 'writeOff':
        await handle.signal(writeOffSignal, { reason: message.reason, by });
        break;
    }
  }

  /**
   * Like {@link start}, but an unreachable Temporal only defers: the debts stay open with
   * no workflow id, and the next detection run starts them.
   */
  async startOrDefer(workspaceId: string, debtIds: string[]): Promise<void> {
    try {
      await this.start(workspaceId, debtIds);
    } catch (error) {
      this.logger.warn(`Debt workflows not started yet (${debtIds.length} waiting): ${String(error)}`);
    }
  }

  /** Starts the workflows of these debts (those not started yet). Returns the workflow ids. */
  async start(workspaceId: string, debtIds: string[]): Promise<string[]> {
    if (debtIds.length === 0) return [];
    const facts: Array<{
      id: string; lease_kind: LeaseKind; scenario_override: string | null; gli_claim_deadline_days: number | null;
      profiles: TenantProfile[] | null;
    }> = await this.dataSource.query(
      `SELECT d.id, l.kind AS lease_kind, l.scenario_override, l.gli_claim_deadline_days,
              array_agg(COALESCE(t.profile_override, t.profile)) FILTER (WHERE t.id IS NOT NULL) AS profiles
       FROM debt d
       JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       LEFT JOIN lease_tenant lt ON lt.workspace_id = l.workspace_id AND lt.lease_id = l.id
       LEFT JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
       WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[]) AND d.status = 'OPEN'
       GROUP BY d.id, l.id`,
      [workspaceId, debtIds],
    );
    const client = await this.temporal.getClient();
    const started: string[] = [];
    for (const fact of facts) {
      const profile = worstProfile(fact.profiles ?? []);
      const scenario = chooseScenario({
        scenarioOverride: fact.scenario_override,
        profile,
        leaseKind: fact.lease_kind,
        gliClaimDeadlineDays: fact.gli_claim_deadline_days,
      });
      const workflowId = debtWorkflowId(workspaceId, fact.id);
      const input: DebtDunningInput = {
        workspaceId, debtId: fact.id, scenario, pursueFromCents: PURSUE_FROM_CENTS, profile, leaseKind: fact.lease_kind,
      };
      await client.workflow.start<typeof debtDunning>('debtDunning', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      await this.dataSource.query(
        `UPDATE debt SET workflow_id = $3, scenario_version = $4, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND workflow_id IS NULL`,
        [workspaceId, fact.id, workflowId, `${scenario.key}@builtin-1`],
      );
      started.push(workflowId);
    }
    this.logger.log(`Started ${started.length} debt workflow(s) in workspace ${workspaceId}`);
    return started;
  }
}
