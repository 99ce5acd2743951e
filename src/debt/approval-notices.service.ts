import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApprovalActivities, ApprovalRequestRef } from '../../activities/approval.activities.types';
import { ApprovalKind } from '../approvals/approval-request.entity';
import { ApprovalRequestService, RequestedApproval } from '../approvals/approval-request.service';
import { parisParts } from '../domain/french-calendar';
import { formatEuros } from '../domain/money';
import type { Installment } from '../domain/payment-plan';
import { PAYMENT_PLAN_APPROVAL } from '../domain/dunning-plan';
import { ActionKind, TEMPLATE_KEYS, TemplateKey } from '../domain/scenario';
import { Channel, CHANNEL_WORDS } from '../messaging/channels/channel-port';
import { OutboxService } from '../messaging/outbox/outbox.service';
import { LANDLORD_APPROVAL_NOTICES, LandlordApprovalNotice } from '../messaging/templates/default-templates';
import { DebtLetterFacts, spellDate, templateContext } from '../messaging/templates/letter-context';
import { renderTemplateSource } from '../messaging/templates/template-engine';
import type { TemplateLocale } from '../messaging/templates/template-kinds';
import { RELANCE_RUNTIME, RelanceRuntime, publicBaseUrl } from '../runtime/relance-runtime';
import { recordDebtEvent } from '../timeline/timeline.service';
import { loadDebtLetterFacts } from './debt-letter-facts.repository';

/** How the mandate's information channels reach the landlord: the extranet (PORTAL) needs no message, the row is enough. */
const NOTICE_CHANNELS: Record<string, Channel | undefined> = { EMAIL: 'EMAIL', POSTAL: 'LETTER' };

/** The kind of approval a step's action asks for. */
function kindOf(action: ActionKind | undefined): ApprovalKind {
  if (!action) return 'PAYMENT_PLAN';
  if (action === 'FORMAL_NOTICE') return 'FORMAL_NOTICE';
  if (action === 'LITIGATION_HANDOFF' || action === 'INSURER_CLAIM') return 'HANDOFF';
  return action === 'FEE' ? 'FEE' : 'OTHER';
}

const WHAT: Record<Exclude<ApprovalKind, 'PAYMENT_PLAN'>, Record<TemplateLocale, string>> = {
  FORMAL_NOTICE: { fr: 'l’envoi de la mise en demeure au locataire', en: 'sending the formal notice to the tenant' },
  HANDOFF: { fr: 'la transmission du dossier au contentieux', en: 'handing the file over to litigation' },
  FEE: { fr: 'l’application des frais de retard prévus au bail', en: 'charging the late-payment fee the lease provides' },
  OTHER: { fr: 'l’étape « {step} » du scénario', en: 'the scenario’s step “{step}”' },
};

/** What happens when the deadline passes without a decision (the workflow's lapse, README "Approval requests"). */
const AT_DEADLINE: Record<'STEP' | 'PLAN', Record<TemplateLocale, string>> = {
  STEP: {
    fr: 'l’étape ne sera pas réalisée et votre gestionnaire reprendra le dossier avec vous',
    en: 'the step will not be carried out and your property manager will take the case up with you',
  },
  PLAN: {
    fr: 'l’échéancier sera abandonné, les relances reprendront et votre gestionnaire vous recontactera',
    en: 'the plan will be dropped, the reminders will resume and your property manager will contact you',
  },
};

/**
 * The landlord's side of an approval (issue 12), for the debt workflow's activities: the
 * request as a row, the landlord told by each channel of the mandate (an e-mail with the
 * link to the extranet's Decisions page, a letter through the print queue), a reminder
 * before the deadline, the lapse at it. Messages go through the outbox (each once), every
 * notice into the debt's timeline (each once, keyed by the request).
 */
@Injectable()
export class ApprovalNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly approvals: ApprovalRequestService,
    private readonly outbox: OutboxService,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {}

  async request(input: Parameters<ApprovalActivities['requestLandlordApproval']>[0]): Promise<void> {
    const kind = kindOf(input.action);
    const queued = await this.dataSource.transaction(async (manager) => {
      const template = TEMPLATE_KEYS.find((key) => key === input.template);
      // The draft and the notices read the same facts, as of the request: read once.
      const facts =
        input.action && template ? await this.factsAt(manager, input, new Date(input.requestedAt), input.installments) : undefined;
      const draft = input.action && template && facts ? await this.draftLetter(manager, facts, input, input.action, template) : undefined;
      const request = await this.approvals.request(manager, {
        workspaceId: input.workspaceId,
        debtId: input.debtId,
        stepKey: input.stepKey,
        requestedAt: input.requestedAt,
        deadlineAt: input.deadlineAt,
        kind,
        action: input.action ?? null,
        documentId: draft?.id ?? null,
        planInstallments: input.installments ?? null,
      });
      if (!request) throw new Error(`debt ${input.debtId} does not exist in workspace ${input.workspaceId}`);
      // Decided before this (retried) activity got here: nobody needs telling any more.
      if (request.status !== 'PENDING') return [];
      return this.queueNotices(manager, input, request, 'request', input.installments, facts);
    });
    await this.deliver(input, queued, 'request');
  }

  async remind(input: Parameters<ApprovalActivities['remindLandlordApproval']>[0]): Promise<void> {
    const queued = await this.dataSource.transaction(async (manager) => {
      const request = await this.approvals.find(manager, input);
      if (!request || request.status !== 'PENDING') return [];
      await this.approvals.markReminded(manager, input, input.at);
      // The reminder goes by e-mail only, when the mandate lists it; the extranet shows the request anyway.
      const byEmail = { ...request, informationChannels: request.informationChannels.filter((c) => c === 'EMAIL') };
      return this.queueNotices(manager, input, byEmail, 'reminder');
    });
    await this.deliver(input, queued, 'reminder');
  }

  async lapse(input: Parameters<ApprovalActivities['lapseLandlordApproval']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.approvals.markLapsed(manager, input, input.at))) return;
      await this.event(manager, input, {
        kind: 'APPROVAL_LAPSED',
        key: `${requestKey(input)}:lapsed`,
        summary:
          input.reason === 'DEADLINE'
            ? `No landlord decision on ${what(input.stepKey)} by the deadline: the request lapsed`
            : `The debt closed before the landlord decided on ${what(input.stepKey)}: the request lapsed`,
        data: { stepKey: input.stepKey, requestedAt: input.requestedAt, reason: input.reason },
        at: input.at,
      });
    });
  }

  /** The letter the step will send, as a draft for the landlord to read (once per request). */
  private draftLetter(
    manager: DataSource['manager'],
    facts: DebtLetterFacts,
    ref: ApprovalRequestRef,
    action: ActionKind,
    template: TemplateKey,
  ): Promise<{ id: string } | undefined> {
    return this.outbox.storeDraft(manager, facts, {
      key: `debt:${ref.workspaceId}:${ref.debtId}:${requestKey(ref)}:draft`,
      stepKey: ref.stepKey,
      action,
      template,
      at: new Date(ref.requestedAt),
    });
  }

  /** The debt's letter facts as of an instant (its Paris date), with the plan to approve if any. */
  private async factsAt(
    manager: DataSource['manager'],
    ref: ApprovalRequestRef,
    at: Date,
    installments?: Installment[],
  ): Promise<DebtLetterFacts> {
    const facts = await loadDebtLetterFacts(manager, ref.workspaceId, ref.debtId, parisParts(at).date, installments ?? []);
    if (!facts) throw new Error(`debt ${ref.debtId} does not exist in workspace ${ref.workspaceId}`);
    return facts;
  }

  /** Queues one notice per channel of the mandate that sends something; a channel that cannot reach the landlord is in the timeline. */
  private async queueNotices(
    manager: DataSource['manager'],
    ref: ApprovalRequestRef,
    request: RequestedApproval,
    notice: LandlordApprovalNotice,
    installments?: Installment[],
    known?: DebtLetterFacts,
  ): Promise<Array<{ channel: Channel; messageId: string }>> {
    const channels = [...new Set(request.informationChannels.map((c) => NOTICE_CHANNELS[c]).filter((c): c is Channel => Boolean(c)))];
    if (channels.length === 0) return [];
    const at = new Date(notice === 'request' ? ref.requestedAt : new Date().toISOString());
    const facts = known ?? (await this.factsAt(manager, ref, at, installments));
    const locale = facts.landlord.locale;
    const text = LANDLORD_APPROVAL_NOTICES[notice][locale];
    const context = { ...templateContext(facts, locale), approval: this.approvalContext(ref, request, facts, locale) };
    const render = (source: string) => renderTemplateSource(source, context, { legalBlocks: {} });
    const queued: Array<{ channel: Channel; messageId: string }> = [];
    for (const channel of channels) {
      const result = await this.outbox.enqueueNotice(manager, facts, {
        key: `debt:${ref.workspaceId}:${ref.debtId}:${requestKey(ref)}:${notice}:${channel}`,
        stepKey: `approval:${ref.stepKey}`.slice(0, 64),
        channel,
        templateKey: `landlord-approval-${notice}`,
        recipient: facts.landlord,
        subject: render(text.subject ?? ''),
        body: render(text.body),
        at,
      });
      if ('messageId' in result) queued.push({ channel, messageId: result.messageId });
      else {
        await this.event(manager, ref, {
          kind: 'LANDLORD_NOT_NOTIFIED',
          key: `${requestKey(ref)}:${notice}:${channel}:skipped`,
          summary: `Landlord ${facts.landlord.name} not told by ${CHANNEL_WORDS[channel].toLowerCase()} of ${what(ref.stepKey)}: ${result.skipped}`,
          data: { stepKey: ref.stepKey, channel, notice, reason: result.skipped },
          at: at.toISOString(),
        });
      }
    }
    return queued;
  }

  /** Delivers the queued notices (outside the transaction: a send never waits on a commit) and writes each to the timeline. */
  private async deliver(
    ref: ApprovalRequestRef & { deadlineAt?: string },
    queued: Array<{ channel: Channel; messageId: string }>,
    notice: LandlordApprovalNotice,
  ): Promise<void> {
    for (const { channel, messageId } of queued) {
      const outcome = await this.outbox.deliver(ref.workspaceId, messageId);
      const how = CHANNEL_WORDS[channel].toLowerCase();
      const failed = outcome.status === 'FAILED';
      await this.event(this.dataSource.manager, ref, {
        kind: failed ? 'LANDLORD_NOTICE_FAILED' : notice === 'request' ? 'LANDLORD_NOTIFIED' : 'LANDLORD_REMINDED',
        key: `${requestKey(ref)}:${notice}:${channel}`,
        summary: failed
          ? `The ${how} telling ${outcome.recipientName} of ${what(ref.stepKey)} failed: ${outcome.error}`
          : `${outcome.recipientName} ${notice === 'request' ? 'told' : 'reminded'} by ${how} of ${what(ref.stepKey)} to decide (${outcome.provider})`,
        data: { stepKey: ref.stepKey, requestedAt: ref.requestedAt, channel, messageId, notice, provider: outcome.provider },
        at: new Date().toISOString(),
      });
    }
  }

  /** The `approval.*` variables of a notice. */
  private approvalContext(ref: ApprovalRequestRef, request: RequestedApproval, facts: DebtLetterFacts, locale: TemplateLocale) {
    const deadline = new Date(request.deadlineAt);
    const { date, hour, minute } = parisParts(deadline);
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    const plan = ref.stepKey === PAYMENT_PLAN_APPROVAL;
    let whatText: string;
    if (plan) {
      const total = facts.plan.reduce((sum, i) => sum + i.amountCents, 0);
      whatText =
        locale === 'fr'
          ? `l’échéancier proposé au locataire (${facts.plan.length} échéance(s), ${formatEuros(total)})`
          : `the payment plan proposed to the tenant (${facts.plan.length} installment(s), ${formatEuros(total)})`;
    } else {
      whatText = WHAT[stepKind(request)][locale].replace('{step}', ref.stepKey);
    }
    return {
      what: whatText,
      deadline: locale === 'fr' ? `${spellDate(date, locale)} à ${time}` : `${spellDate(date, locale)} at ${time} (Paris time)`,
      atDeadline: AT_DEADLINE[plan ? 'PLAN' : 'STEP'][locale],
      link: `${publicBaseUrl(this.runtime)}/app/decisions/${ref.debtId}?step=${encodeURIComponent(ref.stepKey)}`,
    };
  }

  private event(
    db: Pick<DataSource, 'query'>,
    ref: ApprovalRequestRef,
    entry: { kind: string; key: string; summary: string; data: Record<string, unknown>; at: string },
  ): Promise<void> {
    return recordDebtEvent(db, ref, { ...entry, actor: { kind: 'WORKFLOW', id: `debt:${ref.workspaceId}:${ref.debtId}` } });
  }
}

/** The request's own part of timeline and outbox keys. */
function requestKey(ref: ApprovalRequestRef): string {
  return `approval:${ref.stepKey}:${ref.requestedAt}`;
}

/** How the timeline names what is to be approved. */
function what(stepKey: string): string {
  return stepKey === PAYMENT_PLAN_APPROVAL ? 'the payment plan' : `step ${stepKey}`;
}

/** A step's kind of approval (a payment plan is worded apart). */
function stepKind(request: RequestedApproval): Exclude<ApprovalKind, 'PAYMENT_PLAN'> {
  return request.kind === 'PAYMENT_PLAN' ? 'OTHER' : request.kind;
}
