import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DebtActivities, DebtLiveState, DebtRef } from '../../activities/debt.activities.types';
import { CHANNEL_WORDS } from '../channels/channel-port';
import { NO_PROGRESS, Progress } from '../common/progress';
import { parisParts } from '../domain/french-calendar';
import { formatEuros } from '../domain/money';
import { ActionKind, HANDOFF_ACTIONS, LeaseKind, RESIDENTIAL_LEASE_KINDS, TemplateKey } from '../domain/scenario';
import { recomputeLeaseLedgers } from '../ledger/lease-ledger';
import { DeliveryOutcome, OutboxService, sendsMessages } from '../outbox/outbox.service';
import { DebtLetterFacts, loadDebtLetterFacts } from '../templates/letter-context';
import { TemplateService } from '../templates/template.service';
import { openTask, TaskKind, writeDebtEvent } from './case-journal';
import { TwentySyncService } from '../twenty/twenty-sync.service';

/** Debt statuses in which the workflow still pursues. */
const OPEN_STATUSES = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'];

/** Steps a person carries out: performing them opens a task in the agents' list. */
type StepTaskKind = Exclude<TaskKind, 'FOLLOW_UP'>;
const MANUAL_ACTION_TASKS: Partial<Record<ActionKind, StepTaskKind>> = {
  CALL_TASK: 'CALL',
  VISIT_TASK: 'VISIT',
  SOCIAL_REFERRAL: 'SOCIAL_REFERRAL',
};
const TASK_TITLES: Record<StepTaskKind, string> = {
  CALL: 'Call the tenant about the arrears',
  VISIT: 'Visit the tenant about the arrears',
  SOCIAL_REFERRAL: 'Refer the tenant to a social worker (FSL, CAF)',
};

/**
 * What the debt workflow's activities do to the database: read the live balance, write
 * the timeline (each entry once, keyed by workflow and step), open agents' tasks, close
 * the debt, and carry out steps: messages through the outbox, tasks with their script,
 * hand-off files, fees where the law allows them. Each action is in the timeline, where
 * agents and landlords see it.
 */
@Injectable()
export class DebtCaseService implements DebtActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: TemplateService,
    private readonly outbox: OutboxService,
    private readonly twenty: TwentySyncService,
  ) {}

  async readDebtState(ref: DebtRef & { paymentsSince?: string }): Promise<DebtLiveState> {
    const [row] = await this.dataSource.query(
      `SELECT d.amount_cents::float8 AS amount, to_char(d.oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor, d.status,
              (SELECT COALESCE(sum(p.amount_cents), 0)::float8 FROM payment p
               WHERE p.workspace_id = d.workspace_id AND p.lease_id = d.lease_id AND p.created_at >= $3::timestamptz) AS paid_since
       FROM debt d WHERE d.workspace_id = $1 AND d.id = $2`,
      [ref.workspaceId, ref.debtId, ref.paymentsSince ?? 'infinity'],
    );
    if (!row) throw new Error(`debt ${ref.debtId} does not exist in workspace ${ref.workspaceId}`);
    // A debt closed outside the workflow (resolved by the ledger) reads as paid.
    const open = OPEN_STATUSES.includes(row.status);
    return {
      balanceCents: open ? row.amount : 0,
      anchor: row.anchor,
      ...(ref.paymentsSince ? { paidSinceCents: row.paid_since } : {}),
    };
  }

  /**
   * `progress` hears of real progress only (committed, each message delivered, a provider
   * or the CRM answering): a step stuck on the database stays silent, and its activity's
   * heartbeat timeout ends the attempt.
   */
  async performStep(input: Parameters<DebtActivities['performStep']>[0], progress: Progress = NO_PROGRESS): Promise<void> {
    const at = new Date(input.performedAt);
    const messageIds = await this.dataSource.transaction(async (manager) => {
      await this.insertEvent(input, `ACTION_${input.action}`, `${input.action} (${input.stepKey}) carried out`, `step:${input.stepKey}`, {
        stepKey: input.stepKey,
        template: input.template,
        scheduledAt: input.scheduledAt,
      }, input.performedAt, manager);
      const template = input.template ? this.templates.knownKey(input.template, 'template') : undefined;
      // A step with no text to render and no fee to weigh needs no facts.
      const facts = template || input.action === 'FEE' ? await loadDebtLetterFacts(manager, input.workspaceId, input.debtId, parisParts(at).date) : undefined;
      const kind = MANUAL_ACTION_TASKS[input.action];
      if (kind) {
        const script = template && facts ? await this.templates.render(facts, { key: template, locale: 'fr', profile: facts.profile }, manager) : undefined;
        await this.insertTask(manager, input, {
          key: `step:${input.stepKey}`, kind, stepKey: input.stepKey, dueAt: input.performedAt,
          title: script?.subject || TASK_TITLES[kind],
          body: `${script ? `${script.text}\n\n` : ''}Scenario step ${input.stepKey}. Record the outcome when done.`,
        });
      }
      if (HANDOFF_ACTIONS.includes(input.action)) await this.markEscalated(manager, input, input.performedAt);
      if (!facts) return [];
      if (input.action === 'FEE') await this.postFee(manager, input, facts);
      if (HANDOFF_ACTIONS.includes(input.action) && template) await this.prepareHandoff(manager, input, facts, template, at);
      if (!template || !sendsMessages(input.action)) return [];
      const queued = await this.outbox.enqueueStep(manager, facts, { stepKey: input.stepKey, action: input.action, template, at });
      for (const skip of queued.skipped) {
        await this.insertEvent(input, 'MESSAGE_SKIPPED', `${skip.channel} to ${skip.recipient} not sent: ${skip.reason}`,
          `skip:${input.stepKey}:${skip.channel}:${skip.recipient}`, { stepKey: input.stepKey, ...skip }, input.performedAt, manager);
      }
      if (queued.messageIds.length === 0 && queued.skipped.length > 0 && input.action === 'FORMAL_NOTICE') {
        await this.insertTask(manager, input, {
          key: `unreachable:${input.stepKey}`, kind: 'FOLLOW_UP', stepKey: input.stepKey, dueAt: input.performedAt,
          title: 'The formal notice could not be sent', body: queued.skipped.map((k) => `${k.recipient}: ${k.reason}`).join('\n'),
        });
      }
      return queued.messageIds;
    });
    progress.beat();
    // Outside the transaction: a send must never wait on, or be undone by, a database commit.
    for (const id of messageIds) {
      await this.recordDelivery(input, await this.outbox.deliver(input.workspaceId, id, progress), progress);
      progress.beat();
    }
    await this.twenty.mirrorTasks(input.workspaceId, input.debtId, progress);
  }

  /** The timeline says what went out; a failure also asks an agent to reach the person another way. */
  private async recordDelivery(ref: DebtRef & { stepKey: string; performedAt: string }, outcome: DeliveryOutcome, progress: Progress): Promise<void> {
    const what = `${CHANNEL_WORDS[outcome.channel]} to ${outcome.recipientName}`;
    if (outcome.status !== 'FAILED') {
      await this.insertEvent(ref, 'MESSAGE_SENT', `${what} sent (${outcome.provider}${outcome.recovered ? ', found at the provider after an interrupted send' : ''})`,
        `message:${outcome.id}:sent`, { messageId: outcome.id, stepKey: ref.stepKey, channel: outcome.channel, provider: outcome.provider }, new Date().toISOString());
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      await this.insertEvent(ref, 'MESSAGE_FAILED', `${what} failed: ${outcome.error}`, `message:${outcome.id}:failed`,
        { messageId: outcome.id, stepKey: ref.stepKey, channel: outcome.channel, error: outcome.error }, new Date().toISOString(), manager);
      await this.insertTask(manager, ref, {
        key: `message-failed:${outcome.id}`, kind: 'FOLLOW_UP', stepKey: ref.stepKey, dueAt: new Date().toISOString(),
        title: `${what} failed: check the contact details`,
        body: `${outcome.error}\n\nCorrect the contact details and reach the tenant another way; the scenario goes on with its next steps.`,
      });
    });
    await this.twenty.mirrorTasks(ref.workspaceId, ref.debtId, progress);
  }

  /**
   * A fee step posts the lease's late-payment fee as a ledger charge, and only where the
   * law and the lease allow it: never on a residential lease (loi 89-462 art. 4 p and i),
   * never without a fee written in the lease.
   */
  private async postFee(manager: EntityManager, input: DebtRef & { stepKey: string; performedAt: string }, facts: DebtLetterFacts): Promise<void> {
    const refuse = (kind: string, summary: string) => this.insertEvent(input, kind, summary, `fee:${input.stepKey}`, { stepKey: input.stepKey }, input.performedAt, manager);
    if (RESIDENTIAL_LEASE_KINDS.includes(facts.leaseKind as LeaseKind)) {
      return refuse('FEE_REFUSED', 'No fee posted: reminder fees and penalties cannot be charged to a residential tenant (loi n° 89-462 du 6 juillet 1989, art. 4 p et i)');
    }
    if (!facts.lateFeeCents) return refuse('FEE_SKIPPED', 'No fee posted: the lease provides no late-payment fee');
    const period = facts.asOf.slice(0, 7);
    const posted: unknown[] = await manager.query(
      // A fee is its own part of the ledger, never rent: letters show it on its own line.
      `INSERT INTO charge (workspace_id, lease_id, kind, period, due_date, rent_cents, charges_cents, fee_cents, label)
       VALUES ($1, $2, 'FEE', $3, $4, 0, 0, $5, $6) ON CONFLICT (workspace_id, lease_id, kind, period) DO NOTHING RETURNING id`,
      [input.workspaceId, facts.leaseId, period, facts.asOf, facts.lateFeeCents, `Frais de retard prévus au bail (${input.stepKey})`],
    );
    if (posted.length === 0) return refuse('FEE_SKIPPED', `No fee posted: the lease's fee for ${period} is already posted`);
    await recomputeLeaseLedgers(manager, input.workspaceId, [facts.leaseId], facts.asOf);
    await this.insertEvent(input, 'FEE_POSTED', `Late-payment fee of ${formatEuros(facts.lateFeeCents)} posted, as the lease provides`, `fee:${input.stepKey}`,
      { stepKey: input.stepKey, amountCents: facts.lateFeeCents }, input.performedAt, manager);
  }

  /** A hand-off's file, as a PDF kept with the debt, and the agent's task to transmit it. */
  private async prepareHandoff(
    manager: EntityManager,
    input: DebtRef & { stepKey: string; action: ActionKind; performedAt: string },
    facts: DebtLetterFacts,
    template: TemplateKey,
    at: Date,
  ): Promise<void> {
    const rendered = await this.templates.render(facts, { key: template, locale: 'fr', profile: facts.profile }, manager);
    const document = await this.outbox.storeDocument(manager, facts, {
      key: `debt:${input.workspaceId}:${input.debtId}:${input.stepKey}:FILE`, templateKey: template, recipient: facts.landlord,
      subject: rendered.subject, body: rendered.letterBody, locale: rendered.template.locale, at,
    });
    await this.insertTask(manager, input, {
      key: `handoff:${input.stepKey}`, kind: 'FOLLOW_UP', stepKey: input.stepKey, dueAt: input.performedAt,
      title: input.action === 'INSURER_CLAIM' ? 'Send the claim to the rent-guarantee insurer' : 'Send the file to the litigation partner',
      body: `${rendered.subject}\nDocument ${document.fileName} (SHA-256 ${document.sha256}) is ready in the debt's documents.`,
    });
  }

  async recordDebtEvent(input: Parameters<DebtActivities['recordDebtEvent']>[0]): Promise<void> {
    await this.insertEvent(input, input.kind, input.summary, `${input.kind}:${input.at}`, input.data ?? {}, input.at);
  }

  async createAgentTask(input: Parameters<DebtActivities['createAgentTask']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const created = await this.insertTask(manager, input, { ...input, kind: 'FOLLOW_UP' });
      if (created) {
        await this.insertEvent(input, 'TASK_CREATED', input.title, `task:${input.key}`, { body: input.body, dueAt: input.dueAt }, input.dueAt, manager);
      }
    });
    await this.twenty.mirrorTasks(input.workspaceId, input.debtId);
  }

  async setDebtOnPlan(input: Parameters<DebtActivities['setDebtOnPlan']>[0]): Promise<void> {
    await this.setHeldStatus(input, 'PAYMENT_PLAN', input.onPlan);
  }

  async setDebtPaused(input: Parameters<DebtActivities['setDebtPaused']>[0]): Promise<void> {
    await this.setHeldStatus(input, 'PAUSED', input.paused);
  }

  /**
   * A pause or a payment plan starts (from OPEN or ESCALATED) or ends (back to ESCALATED
   * when the debt was handed off, OPEN otherwise); a debt closed meanwhile is left alone.
   */
  private async setHeldStatus(ref: DebtRef, held: 'PAUSED' | 'PAYMENT_PLAN', on: boolean): Promise<void> {
    await this.dataSource.query(
      on
        ? `UPDATE debt SET status = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status IN ('OPEN', 'ESCALATED')`
        : `UPDATE debt SET status = CASE WHEN escalated_at IS NULL THEN 'OPEN' ELSE 'ESCALATED' END, updated_at = now()
           WHERE workspace_id = $1 AND id = $2 AND status = $3`,
      [ref.workspaceId, ref.debtId, held],
    );
  }

  /** A hand-off was carried out: the debt is ESCALATED from now on (unless a pause or plan holds it). */
  private async markEscalated(manager: EntityManager, ref: DebtRef, at: string): Promise<void> {
    await manager.query(
      `UPDATE debt SET escalated_at = COALESCE(escalated_at, $3::timestamptz),
              status = CASE WHEN status = 'OPEN' THEN 'ESCALATED' ELSE status END, updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [ref.workspaceId, ref.debtId, at],
    );
  }

  async closeDebt(input: Parameters<DebtActivities['closeDebt']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [debt] = await manager.query('SELECT status FROM debt WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [
        input.workspaceId,
        input.debtId,
      ]);
      // Already closed by the ledger (a payment cleared it): its timeline says so already.
      if (!debt || !OPEN_STATUSES.includes(debt.status)) return;
      await manager.query(
        `UPDATE debt SET status = $3, closed_at = COALESCE(closed_at, $4::timestamptz), updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [input.workspaceId, input.debtId, input.status, input.at],
      );
      await this.insertEvent(input, `DEBT_${input.status}`, `Debt ${input.status.toLowerCase().replace('_', ' ')}: ${input.reason}`, 'close', {}, input.at, manager);
    });
  }

  private insertTask(db: Pick<DataSource, 'query'>, ref: DebtRef, task: Parameters<typeof openTask>[2]): Promise<boolean> {
    return openTask(db, ref, task);
  }

  /** The workflow's own timeline entries, written in its name. */
  private insertEvent(
    ref: DebtRef,
    kind: string,
    summary: string,
    key: string,
    data: Record<string, unknown>,
    at: string,
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<void> {
    return writeDebtEvent(db, ref, { kind, summary, key, data, at, actor: { kind: 'WORKFLOW', id: `debt:${ref.workspaceId}:${ref.debtId}` } });
  }
}
