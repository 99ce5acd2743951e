import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DebtActivities, DebtLiveState, DebtRef } from '../../activities/debt.activities.types';
import { CHANNEL_WORDS } from '../messaging/channels/channel-port';
import { todayIn } from '../common/clock';
import { NO_PROGRESS, Progress } from '../common/progress';
import { parisParts } from '../domain/french-calendar';
import { formatEuros } from '../domain/money';
import { ActionKind, HANDOFF_ACTIONS, LeaseKind, RESIDENTIAL_LEASE_KINDS, TemplateKey } from '../domain/scenario';
import { LedgerService } from '../ledger/ledger.service';
import { DeliveryOutcome, OutboxService, sendsMessages } from '../messaging/outbox/outbox.service';
import type { DebtLetterFacts } from '../messaging/templates/letter-context';
import { loadDebtLetterFacts } from './debt-letter-facts.repository';
import { loadDebtLegalFacts } from './debt-legal-facts.repository';
import { TemplateService } from '../messaging/templates/template.service';
import { TaskKind } from './case-journal';
import { DEBT_CLOSED_KEY, recordDebtEvent } from '../timeline/timeline.service';
import { DebtRepository, END_OF_HOLD, OPEN_DEBT_STATUSES } from './debt.repository';
import { NewTask, TaskService } from '../tasks/task.service';

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
    private readonly tasks: TaskService,
    private readonly ledger: LedgerService,
  ) {}

  async readDebtState(ref: DebtRef & { paymentsSince?: string; withLegal?: boolean }): Promise<DebtLiveState> {
    const row = await new DebtRepository(this.dataSource.manager).liveState(ref, ref.paymentsSince);
    if (!row) throw new Error(`debt ${ref.debtId} does not exist in workspace ${ref.workspaceId}`);
    // A debt closed outside the workflow (resolved by the ledger) reads as paid.
    const open = (OPEN_DEBT_STATUSES as readonly string[]).includes(row.status);
    const legal =
      open && ref.withLegal
        ? await loadDebtLegalFacts(this.dataSource.manager, ref.workspaceId, ref.debtId, todayIn(), (ids) =>
            this.ledger.ledgersOf(ref.workspaceId, ids),
          )
        : undefined;
    return {
      balanceCents: open ? row.amount : 0,
      anchor: row.anchor,
      ...(ref.paymentsSince ? { paidSinceCents: row.paid_since } : {}),
      ...(legal ? { legal } : {}),
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
      await this.insertEvent(
        input,
        `ACTION_${input.action}`,
        `${input.action} (${input.stepKey}) carried out`,
        `step:${input.stepKey}`,
        {
          stepKey: input.stepKey,
          template: input.template,
          scheduledAt: input.scheduledAt,
        },
        input.performedAt,
        manager,
      );
      const template = input.template ? this.templates.knownKey(input.template, 'template') : undefined;
      // A step with no text to render and no fee to weigh needs no facts.
      const facts =
        template || input.action === 'FEE'
          ? await loadDebtLetterFacts(manager, input.workspaceId, input.debtId, parisParts(at).date)
          : undefined;
      const kind = MANUAL_ACTION_TASKS[input.action];
      if (kind) {
        const script =
          template && facts
            ? await this.templates.render(facts, { key: template, locale: 'fr', profile: facts.profile }, manager)
            : undefined;
        await this.insertTask(manager, input, {
          key: `step:${input.stepKey}`,
          kind,
          stepKey: input.stepKey,
          dueAt: input.performedAt,
          title: script?.subject || TASK_TITLES[kind],
          body: `${script ? `${script.text}\n\n` : ''}Scenario step ${input.stepKey}. Record the outcome when done.`,
        });
      }
      if (HANDOFF_ACTIONS.includes(input.action)) await this.markEscalated(manager, input, input.performedAt, !input.statusByWorkflow);
      if (!facts) return [];
      if (input.action === 'FEE') await this.postFee(manager, input, facts);
      if (HANDOFF_ACTIONS.includes(input.action) && template) await this.prepareHandoff(manager, input, facts, template, at);
      if (!template || !sendsMessages(input.action)) return [];
      const queued = await this.outbox.enqueueStep(manager, facts, { stepKey: input.stepKey, action: input.action, template, at });
      for (const skip of queued.skipped) {
        await this.insertEvent(
          input,
          'MESSAGE_SKIPPED',
          `${skip.channel} to ${skip.recipient} not sent: ${skip.reason}`,
          `skip:${input.stepKey}:${skip.channel}:${skip.recipient}`,
          { stepKey: input.stepKey, ...skip },
          input.performedAt,
          manager,
        );
      }
      if (queued.messageIds.length === 0 && queued.skipped.length > 0 && input.action === 'FORMAL_NOTICE') {
        await this.insertTask(manager, input, {
          key: `unreachable:${input.stepKey}`,
          kind: 'FOLLOW_UP',
          stepKey: input.stepKey,
          dueAt: input.performedAt,
          title: 'The formal notice could not be sent',
          body: queued.skipped.map((k) => `${k.recipient}: ${k.reason}`).join('\n'),
        });
      }
      return queued.messageIds;
    });
    progress.beat();
    // Outside the transaction: a send must never wait on, or be undone by, a database commit.
    for (const id of messageIds) {
      await this.recordDelivery(input, await this.outbox.deliver(input.workspaceId, id, progress));
      progress.beat();
    }
    await this.tasks.mirrorTasks(input);
  }

  /** The timeline says what went out; a failure also asks an agent to reach the person another way. */
  private async recordDelivery(ref: DebtRef & { stepKey: string; performedAt: string }, outcome: DeliveryOutcome): Promise<void> {
    const what = `${CHANNEL_WORDS[outcome.channel]} to ${outcome.recipientName}`;
    if (outcome.status !== 'FAILED') {
      await this.insertEvent(
        ref,
        'MESSAGE_SENT',
        `${what} sent (${outcome.provider}${outcome.recovered ? ', found at the provider after an interrupted send' : ''})`,
        `message:${outcome.id}:sent`,
        { messageId: outcome.id, stepKey: ref.stepKey, channel: outcome.channel, provider: outcome.provider },
        new Date().toISOString(),
      );
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      await this.insertEvent(
        ref,
        'MESSAGE_FAILED',
        `${what} failed: ${outcome.error}`,
        `message:${outcome.id}:failed`,
        { messageId: outcome.id, stepKey: ref.stepKey, channel: outcome.channel, error: outcome.error },
        new Date().toISOString(),
        manager,
      );
      await this.insertTask(manager, ref, {
        key: `message-failed:${outcome.id}`,
        kind: 'FOLLOW_UP',
        stepKey: ref.stepKey,
        dueAt: new Date().toISOString(),
        title: `${what} failed: check the contact details`,
        body: `${outcome.error}\n\nCorrect the contact details and reach the tenant another way; the scenario goes on with its next steps.`,
      });
    });
    await this.tasks.mirrorTasks(ref);
  }

  /**
   * A fee step posts the lease's late-payment fee as a ledger charge, and only where the
   * law and the lease allow it: never on a residential lease (loi 89-462 art. 4 p and i),
   * never without a fee written in the lease.
   */
  private async postFee(
    manager: EntityManager,
    input: DebtRef & { stepKey: string; performedAt: string },
    facts: DebtLetterFacts,
  ): Promise<void> {
    const refuse = (kind: string, summary: string) =>
      this.insertEvent(input, kind, summary, `fee:${input.stepKey}`, { stepKey: input.stepKey }, input.performedAt, manager);
    if (RESIDENTIAL_LEASE_KINDS.includes(facts.leaseKind as LeaseKind)) {
      return refuse(
        'FEE_REFUSED',
        'No fee posted: reminder fees and penalties cannot be charged to a residential tenant (loi n° 89-462 du 6 juillet 1989, art. 4 p et i)',
      );
    }
    if (!facts.lateFeeCents) return refuse('FEE_SKIPPED', 'No fee posted: the lease provides no late-payment fee');
    const period = facts.asOf.slice(0, 7);
    // The ledger posts it as a FEE charge (never rent) and recomputes the lease, in this transaction.
    const posted = await this.ledger.postFee(
      manager,
      input.workspaceId,
      {
        leaseId: facts.leaseId,
        period,
        dueDate: facts.asOf,
        feeCents: facts.lateFeeCents,
        label: `Frais de retard prévus au bail (${input.stepKey})`,
      },
      facts.asOf,
    );
    if (!posted) return refuse('FEE_SKIPPED', `No fee posted: the lease's fee for ${period} is already posted`);
    await this.insertEvent(
      input,
      'FEE_POSTED',
      `Late-payment fee of ${formatEuros(facts.lateFeeCents)} posted, as the lease provides`,
      `fee:${input.stepKey}`,
      { stepKey: input.stepKey, amountCents: facts.lateFeeCents },
      input.performedAt,
      manager,
    );
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
      key: `debt:${input.workspaceId}:${input.debtId}:${input.stepKey}:FILE`,
      templateKey: template,
      recipient: facts.landlord,
      subject: rendered.subject,
      body: rendered.letterBody,
      locale: rendered.template.locale,
      at,
    });
    await this.insertTask(manager, input, {
      key: `handoff:${input.stepKey}`,
      kind: 'FOLLOW_UP',
      stepKey: input.stepKey,
      dueAt: input.performedAt,
      title: input.action === 'INSURER_CLAIM' ? 'Send the claim to the rent-guarantee insurer' : 'Send the file to the litigation partner',
      body: `${rendered.subject}\nDocument ${document.fileName} (SHA-256 ${document.sha256}) is ready in the debt's documents.`,
    });
  }

  async recordDebtEvent(input: Parameters<DebtActivities['recordDebtEvent']>[0]): Promise<void> {
    await this.insertEvent(input, input.kind, input.summary, input.key ?? `${input.kind}:${input.at}`, input.data ?? {}, input.at);
  }

  async createAgentTask(input: Parameters<DebtActivities['createAgentTask']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const created = await this.insertTask(manager, input, { ...input, kind: 'FOLLOW_UP' });
      if (created) {
        await this.insertEvent(
          input,
          'TASK_CREATED',
          input.title,
          `task:${input.key}`,
          { body: input.body, dueAt: input.dueAt },
          input.at ?? input.dueAt,
          manager,
        );
      }
    });
    await this.tasks.mirrorTasks(input);
  }

  async recordDebtProgress(input: Parameters<DebtActivities['recordDebtProgress']>[0]): Promise<void> {
    await new DebtRepository(this.dataSource).writeState(input, {
      status: input.status,
      currentStep: input.currentStep,
      nextAction: input.nextAction,
    });
  }

  async setDebtOnPlan(input: Parameters<DebtActivities['setDebtOnPlan']>[0]): Promise<void> {
    await this.setHeldStatus(input, 'PAYMENT_PLAN', input.onPlan);
  }

  async setDebtPaused(input: Parameters<DebtActivities['setDebtPaused']>[0]): Promise<void> {
    await this.setHeldStatus(input, 'PAUSED', input.paused);
  }

  /**
   * Runs from before `debt-progress`: a pause or a payment plan starts (from OPEN or
   * ESCALATED) or ends (back to ESCALATED when the debt was handed off, OPEN otherwise); a
   * debt closed meanwhile is left alone.
   */
  private async setHeldStatus(ref: DebtRef, held: 'PAUSED' | 'PAYMENT_PLAN', on: boolean): Promise<void> {
    await new DebtRepository(this.dataSource).writeState(
      ref,
      on ? { status: held, from: ['OPEN', 'ESCALATED'] } : { status: END_OF_HOLD, from: [held] },
    );
  }

  /**
   * A hand-off was carried out: when, kept on the row; and, for runs from before
   * `debt-progress` (whose workflow does not publish its status), ESCALATED from OPEN.
   */
  private async markEscalated(manager: EntityManager, ref: DebtRef, at: string, writesStatus: boolean): Promise<void> {
    const debts = new DebtRepository(manager);
    await debts.markHandedOff(ref, at);
    if (writesStatus) await debts.writeState(ref, { status: 'ESCALATED', from: ['OPEN'] });
  }

  async closeDebt(input: Parameters<DebtActivities['closeDebt']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const debts = new DebtRepository(manager);
      // Already closed by the ledger (a payment cleared it): its timeline says so already.
      const status = await debts.lockStatus(input);
      if (!status || !(OPEN_DEBT_STATUSES as readonly string[]).includes(status)) return;
      await debts.writeState(input, { status: input.status, closedAt: input.at });
      await this.insertEvent(
        input,
        `DEBT_${input.status}`,
        `Debt ${input.status.toLowerCase().replace('_', ' ')}: ${input.reason}`,
        DEBT_CLOSED_KEY,
        {},
        input.at,
        manager,
      );
    });
  }

  private insertTask(db: Pick<DataSource, 'query'>, ref: DebtRef, task: NewTask): Promise<boolean> {
    return this.tasks.open(ref, task, db);
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
    return recordDebtEvent(db, ref, {
      kind,
      summary,
      key,
      data,
      at,
      actor: { kind: 'WORKFLOW', id: `debt:${ref.workspaceId}:${ref.debtId}` },
    });
  }
}
