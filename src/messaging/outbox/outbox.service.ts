import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NO_PROGRESS, Progress } from '../../common/progress';
import { RelanceError } from '../../common/relance.error';
import type { ActionKind, TemplateKey } from '../../domain/scenario';
import { JournalActor, TimelineService } from '../../timeline/timeline.service';
import { Channel, CHANNEL_WORDS, OutboundEnvelope, PermanentDeliveryError, Provider } from '../channels/channel-port';
import { ChannelSettingsService } from '../channels/channel-settings.service';
import { DocumentRepository, StoredDocument } from '../documents/document.repository';
import { renderLetterPdf } from '../documents/letter-pdf';
import { DebtLetterFacts, Party } from '../templates/letter-context';
import { MessageZone, zoneTexts } from '../templates/message-zones';
import { TemplateService } from '../templates/template.service';
import { OutboundMessageRepository } from './outbound-message.repository';
import { UndeliveredMessageListener } from './undelivered-message.listener';

type Db = Pick<EntityManager, 'query'>;

/** Who an action writes to, on which channel, and whether a PDF goes with it. */
const ACTION_MESSAGES: Partial<Record<ActionKind, { channel: Channel; to: 'TENANTS' | 'GUARANTORS' | 'LANDLORD'; pdf: boolean }>> = {
  SMS: { channel: 'SMS', to: 'TENANTS', pdf: false },
  EMAIL: { channel: 'EMAIL', to: 'TENANTS', pdf: true },
  LETTER: { channel: 'LETTER', to: 'TENANTS', pdf: true },
  FORMAL_NOTICE: { channel: 'REGISTERED_LETTER', to: 'TENANTS', pdf: true },
  GUARANTOR_NOTICE: { channel: 'REGISTERED_LETTER', to: 'GUARANTORS', pdf: true },
  LANDLORD_NOTIFICATION: { channel: 'EMAIL', to: 'LANDLORD', pdf: true },
};

export function sendsMessages(action: ActionKind): boolean {
  return action in ACTION_MESSAGES;
}

/** Why a party cannot be reached on a channel, or undefined when it can. */
function unreachable(party: Party, channel: Channel): string | undefined {
  switch (channel) {
    case 'SMS':
      if (!party.phone) return 'no phone number';
      return party.consentSms ? undefined : 'no consent to SMS';
    case 'EMAIL':
      if (!party.email) return 'no e-mail address';
      return party.consentEmail ? undefined : 'no consent to e-mail';
    default:
      return party.postal.length > 0 ? undefined : 'no postal address';
  }
}

function addressOf(party: Party, channel: Channel): string {
  if (channel === 'SMS') return party.phone!;
  if (channel === 'EMAIL') return party.email!;
  return party.postal.join('\n');
}

/** Text messages travel as GSM-7 where possible: typographic spaces and quotes become plain ones. */
function smsText(text: string): string {
  return text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\s*\n+\s*/g, ' ')
    .trim();
}

export interface QueuedStep {
  /** Messages queued now or earlier for this step. */
  messageIds: string[];
  /** Parties the step could not reach, and why. */
  skipped: Array<{ recipient: string; channel: Channel; reason: string }>;
}

export interface DeliveryOutcome {
  id: string;
  channel: Channel;
  recipientName: string;
  status: 'SENT' | 'DELIVERED' | 'FAILED';
  provider: string;
  error?: string;
  /** A send interrupted after the provider accepted it, found again rather than repeated. */
  recovered?: boolean;
}

export type { StoredDocument } from '../documents/document.repository';

/**
 * The outbox (DESIGN §5): each message a step sends is a row with a unique idempotency
 * key (workflow id + step + channel + recipient), queued in the step's transaction with
 * its PDF, then delivered. Delivery marks the row SENDING before handing it to the
 * provider and SENT after; a retry that finds SENDING asks the provider whether it has
 * the key (SMS) rather than sending again, or, where the protocol cannot tell (SMTP),
 * stops and asks an agent to check. No path sends a key twice.
 */
@Injectable()
export class OutboxService {
  private readonly undeliveredListeners: UndeliveredMessageListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messages: OutboundMessageRepository,
    private readonly documents: DocumentRepository,
    private readonly templates: TemplateService,
    private readonly channels: ChannelSettingsService,
    private readonly timeline: TimelineService,
  ) {}

  /**
   * Registers a feature above messaging to hear, in the report's transaction, of each sent
   * message reported undelivered (see UndeliveredMessageListener). Returns the way to unregister.
   */
  registerUndeliveredListener(listener: UndeliveredMessageListener): () => void {
    this.undeliveredListeners.push(listener);
    return () => {
      const at = this.undeliveredListeners.indexOf(listener);
      if (at >= 0) this.undeliveredListeners.splice(at, 1);
    };
  }

  /**
   * Composes and queues a step's messages, in the caller's transaction; a retried step
   * queues nothing twice. The free-text zones an agent set for the step (in `facts`, as the
   * debt feature read them) are written into them, kept with each message and PDF, and
   * noted in the timeline.
   */
  async enqueueStep(
    manager: Db,
    facts: DebtLetterFacts,
    step: { stepKey: string; action: ActionKind; template: TemplateKey; at: Date },
  ): Promise<QueuedStep> {
    const plan = ACTION_MESSAGES[step.action];
    if (!plan) return { messageIds: [], skipped: [] };
    const parties = plan.to === 'TENANTS' ? facts.tenants : plan.to === 'GUARANTORS' ? facts.guarantors : [facts.landlord];
    const workflowId = `debt:${facts.workspaceId}:${facts.debtId}`;
    const result: QueuedStep = { messageIds: [], skipped: [] };
    const { provider } = await this.channels.get(facts.workspaceId, plan.channel, manager);
    const zones = facts.stepZones?.[step.stepKey] ?? [];
    let queuedWithZones = 0;
    for (const [index, party] of parties.entries()) {
      const reason = unreachable(party, plan.channel);
      if (reason) {
        result.skipped.push({ recipient: party.name, channel: plan.channel, reason });
        continue;
      }
      const key = `${workflowId}:${step.stepKey}:${plan.channel}:${index + 1}`;
      const existing = await this.messages.idByKey(facts.workspaceId, key, manager);
      if (existing) {
        result.messageIds.push(existing);
        continue;
      }
      const rendered = await this.templates.render(
        facts,
        { key: step.template, locale: party.locale, profile: party.kind === 'TENANT' ? party.profile : 'UNKNOWN', zones: zoneTexts(zones) },
        manager,
      );
      const document = plan.pdf
        ? await this.storeDocument(manager, facts, {
            key,
            templateKey: step.template,
            recipient: party,
            subject: rendered.subject,
            body: rendered.letterBody,
            locale: rendered.template.locale,
            at: step.at,
            zones,
          })
        : undefined;
      const id = await this.messages.insert(
        facts.workspaceId,
        {
          debtId: facts.debtId,
          idempotencyKey: key,
          stepKey: step.stepKey,
          channel: plan.channel,
          provider,
          templateKey: step.template,
          recipientName: party.name,
          recipientAddress: addressOf(party, plan.channel),
          subject: rendered.subject || null,
          body: plan.channel === 'SMS' ? smsText(rendered.text) : rendered.text,
          documentId: document?.id ?? null,
          queuedAt: step.at.toISOString(),
          zones,
        },
        manager,
      );
      result.messageIds.push(id);
      if (zones.length > 0) queuedWithZones += 1;
    }
    if (queuedWithZones > 0) {
      await this.timeline.record(
        { workspaceId: facts.workspaceId, debtId: facts.debtId },
        {
          kind: 'MESSAGE_ZONES_USED',
          summary: `Free text ${zones.map((z) => `"${z.name}"`).join(', ')} written into step ${step.stepKey} (${CHANNEL_WORDS[plan.channel]}, ${queuedWithZones} recipient(s))`,
          key: `zones-used:${step.stepKey}`,
          data: { stepKey: step.stepKey, template: step.template, zones },
          at: step.at.toISOString(),
          actor: { kind: 'WORKFLOW', id: workflowId },
        },
        manager,
      );
    }
    return result;
  }

  /**
   * Queues one message that belongs to no scenario step — a notice to the landlord of a
   * decision to take (issue 12) — in the caller's transaction, once per key; a letter's
   * PDF is kept like a step's. Returns its id, or why the party cannot be reached.
   */
  async enqueueNotice(
    manager: Db,
    facts: DebtLetterFacts,
    notice: {
      key: string;
      stepKey: string;
      channel: Channel;
      templateKey: string;
      recipient: Party;
      subject: string;
      body: string;
      at: Date;
    },
  ): Promise<{ messageId: string } | { skipped: string }> {
    const reason = unreachable(notice.recipient, notice.channel);
    if (reason) return { skipped: reason };
    const existing = await this.messages.idByKey(facts.workspaceId, notice.key, manager);
    if (existing) return { messageId: existing };
    const { provider } = await this.channels.get(facts.workspaceId, notice.channel, manager);
    const document =
      notice.channel === 'LETTER' || notice.channel === 'REGISTERED_LETTER'
        ? await this.storeDocument(manager, facts, {
            key: notice.key,
            templateKey: notice.templateKey,
            recipient: notice.recipient,
            subject: notice.subject,
            body: notice.body,
            locale: notice.recipient.locale,
            at: notice.at,
          })
        : undefined;
    const messageId = await this.messages.insert(
      facts.workspaceId,
      {
        debtId: facts.debtId,
        idempotencyKey: notice.key,
        stepKey: notice.stepKey,
        channel: notice.channel,
        provider,
        templateKey: notice.templateKey,
        recipientName: notice.recipient.name,
        recipientAddress: addressOf(notice.recipient, notice.channel),
        subject: notice.subject,
        body: notice.body,
        documentId: document?.id ?? null,
        queuedAt: notice.at.toISOString(),
        zones: [],
      },
      manager,
    );
    return { messageId };
  }

  /**
   * The letter a step will send, rendered now as a draft for the landlord to approve (to
   * the first recipient it can reach, with the free text set so far), once per key; none
   * when the step sends no letter or reaches nobody. The letter sent after the approval is
   * rendered again on its day.
   */
  async storeDraft(
    manager: Db,
    facts: DebtLetterFacts,
    step: { key: string; stepKey: string; action: ActionKind; template: TemplateKey; at: Date },
  ): Promise<StoredDocument | undefined> {
    const plan = ACTION_MESSAGES[step.action];
    if (!plan?.pdf) return undefined;
    const parties = plan.to === 'TENANTS' ? facts.tenants : plan.to === 'GUARANTORS' ? facts.guarantors : [facts.landlord];
    const party = parties.find((p) => !unreachable(p, plan.channel));
    if (!party) return undefined;
    const zones = facts.stepZones?.[step.stepKey] ?? [];
    const rendered = await this.templates.render(
      facts,
      { key: step.template, locale: party.locale, profile: party.kind === 'TENANT' ? party.profile : 'UNKNOWN', zones: zoneTexts(zones) },
      manager,
    );
    return this.storeDocument(manager, facts, {
      key: step.key,
      templateKey: step.template,
      recipient: party,
      subject: rendered.subject,
      body: rendered.letterBody,
      locale: rendered.template.locale,
      at: step.at,
      zones,
      draft: true,
    });
  }

  /** Renders a letter to PDF and keeps it with its SHA-256; once per key. */
  async storeDocument(
    manager: Db,
    facts: DebtLetterFacts,
    input: {
      key: string;
      templateKey: string;
      recipient: Party;
      subject: string;
      body: string;
      locale: 'fr' | 'en';
      at: Date;
      zones?: MessageZone[];
      draft?: boolean;
    },
  ): Promise<StoredDocument> {
    const existing = await this.documents.findByKey(facts.workspaceId, input.key, manager);
    if (existing) return existing;
    const pdf = await renderLetterPdf({
      facts,
      recipient: input.recipient,
      locale: input.locale,
      subject: input.subject,
      body: input.body,
      createdAt: input.at,
      draft: input.draft,
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const fileName = `${input.templateKey}-${facts.leaseReference}-${facts.asOf}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
    const id = await this.documents.insert(
      facts.workspaceId,
      {
        debtId: facts.debtId,
        templateKey: input.templateKey,
        title: input.subject.slice(0, 300),
        fileName,
        sha256,
        content: pdf,
        idempotencyKey: input.key,
        createdAt: input.at.toISOString(),
        zones: input.zones ?? null,
        draft: input.draft ?? false,
      },
      manager,
    );
    return { id, sha256, fileName };
  }

  /** Messages of a step still to deliver (queued, or cut off mid-send). */
  pendingOfStep(workspaceId: string, debtId: string, stepKey: string): Promise<string[]> {
    return this.messages.pendingOfStep(workspaceId, debtId, stepKey);
  }

  /** Whether a step of a debt queued any message (a step carried out takes no more free text). */
  stepQueued(workspaceId: string, debtId: string, stepKey: string, db?: Db): Promise<boolean> {
    return this.messages.stepQueued(workspaceId, debtId, stepKey, db);
  }

  /**
   * Delivers one message. Returns its outcome when it is settled (sent, or failed for
   * good); throws on a transient failure, for the activity to retry with backoff.
   * `progress` is told while the provider has the message (an activity's heartbeat).
   */
  async deliver(workspaceId: string, id: string, progress: Progress = NO_PROGRESS): Promise<DeliveryOutcome> {
    const row = await this.messages.toDeliver(workspaceId, id);
    if (!row) throw new Error(`outbound message ${id} does not exist in workspace ${workspaceId}`);
    const outcome = (status: DeliveryOutcome['status'], extra: Partial<DeliveryOutcome> = {}): DeliveryOutcome => ({
      id,
      channel: row.channel,
      recipientName: row.recipient_name,
      status,
      provider: row.provider,
      ...extra,
    });
    if (row.status === 'SENT' || row.status === 'DELIVERED') return outcome(row.status);
    if (row.status === 'FAILED') return outcome('FAILED', { error: row.last_error ?? undefined });

    const adapter = await this.channels.adapter(workspaceId, row.channel);
    const envelope: OutboundEnvelope = {
      idempotencyKey: row.idempotency_key,
      channel: row.channel,
      recipientName: row.recipient_name,
      recipientAddress: row.recipient_address,
      subject: row.subject,
      body: row.body,
      attachment: row.content ? { fileName: row.file_name!, contentType: row.content_type!, content: row.content } : undefined,
    };
    if (row.status === 'SENDING') {
      // An earlier attempt handed the message over and did not live to record the answer.
      if (adapter.resume && row.provider_message_id) {
        const providerRef = row.provider_message_id;
        const resumed = await progress.during(() => adapter.resume!(envelope, providerRef));
        await this.markSent(workspaceId, id, adapter.provider, resumed.providerMessageId);
        return outcome('SENT', { provider: adapter.provider, recovered: true });
      }
      if (adapter.resume) {
        // Cut off before the provider had anything of it (its drafts are never posted): send afresh.
      } else if (adapter.find) {
        const found = await progress.during(() => adapter.find!(envelope));
        if (found) {
          await this.markSent(workspaceId, id, adapter.provider, found.providerMessageId);
          return outcome('SENT', { provider: adapter.provider, recovered: true });
        }
      } else {
        const error = `the ${adapter.provider} send was interrupted before its answer was recorded: it may or may not have gone out, so it is not repeated automatically`;
        await this.markFailed(workspaceId, id, error);
        return outcome('FAILED', { error });
      }
    }
    if (!(await this.messages.claim(workspaceId, id, adapter.provider)))
      throw new Error(`outbound message ${id} changed state during delivery`);
    try {
      const sent = await progress.during(() =>
        adapter.send(envelope, (providerRef) => this.messages.saveProviderRef(workspaceId, id, providerRef)),
      );
      await this.markSent(workspaceId, id, adapter.provider, sent.providerMessageId);
      return outcome('SENT', { provider: adapter.provider });
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        await this.markFailed(workspaceId, id, error.message);
        return outcome('FAILED', { provider: adapter.provider, error: error.message });
      }
      // A provider we can ask, or resume with, keeps SENDING (the retry asks or resumes); for
      // the others the error came before the message was accepted, so it is queued again.
      await this.messages.release(workspaceId, id, adapter.find || adapter.resume ? 'SENDING' : 'QUEUED', String((error as Error).message));
      throw error;
    }
  }

  /** A message still SENT, by its provider's id (for a delivery report), or undefined. */
  findSent(workspaceId: string, provider: Provider, providerMessageId: string): Promise<{ id: string; debtId: string } | undefined> {
    return this.messages.findSent(workspaceId, provider, providerMessageId);
  }

  /**
   * What became of a sent message, from its provider or an agent (a registered letter's
   * acknowledgement of receipt, or the letter returned): DELIVERED, or FAILED with the
   * reason, in the timeline; a failure is told to the undelivered listeners (the debt
   * feature opens an agent's task), in the same transaction. Once per message.
   */
  async recordDeliveryReport(
    workspaceId: string,
    id: string,
    report: { delivered: boolean; detail: string; at: string; actor: JournalActor },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.messages.lockForReport(workspaceId, id, manager);
      if (!row) throw new RelanceError('NOT_FOUND', `No outbound message ${id}`, { field: 'id' });
      if (row.status !== 'SENT')
        throw new RelanceError('BAD_USER_INPUT', `This message is ${row.status}, not waiting for a delivery report`, { field: 'id' });
      await this.messages.applyReport(workspaceId, id, report, manager);
      const ref = { workspaceId, debtId: row.debtId };
      const what = `${CHANNEL_WORDS[row.channel]} to ${row.recipientName}`;
      await this.timeline.record(
        ref,
        {
          kind: report.delivered ? 'MESSAGE_DELIVERED' : 'MESSAGE_UNDELIVERED',
          summary: `${what} ${report.delivered ? 'delivered' : 'not delivered'}: ${report.detail}`,
          key: `message:${id}:report`,
          data: { messageId: id, channel: row.channel, detail: report.detail },
          at: report.at,
          actor: report.actor,
        },
        manager,
      );
      if (!report.delivered) {
        const undelivered = {
          ...ref,
          messageId: id,
          stepKey: row.stepKey,
          channel: row.channel,
          recipientName: row.recipientName,
          detail: report.detail,
          at: report.at,
        };
        for (const listener of this.undeliveredListeners) await listener.onUndelivered(manager, undelivered);
      }
    });
  }

  /**
   * Asks the registered-mail provider where each letter it carries stands: its registered
   * number (proof of deposit) and, once known, delivered or returned. Run daily with the
   * arrears detection and on demand (`trackRegisteredLetters`). Returns how many changed.
   */
  async trackLetters(workspaceId: string): Promise<number> {
    const adapter = await this.channels.adapter(workspaceId, 'REGISTERED_LETTER');
    if (!adapter.track) return 0;
    const letters = await this.messages.lettersInTransit(workspaceId, adapter.provider);
    let changed = 0;
    for (const letter of letters) {
      const report = await adapter.track(letter.providerMessageId);
      if (report.trackingNumber && report.trackingNumber !== letter.trackingNumber) {
        await this.messages.setTrackingNumber(workspaceId, letter.id, report.trackingNumber);
        changed += 1;
      }
      if (report.outcome) {
        await this.recordDeliveryReport(workspaceId, letter.id, {
          ...report.outcome,
          actor: { kind: 'SYSTEM', id: adapter.provider.toLowerCase() },
        });
        changed += 1;
      }
    }
    return changed;
  }

  private markSent(workspaceId: string, id: string, provider: Provider, providerMessageId: string): Promise<void> {
    return this.messages.markSent(workspaceId, id, provider, providerMessageId);
  }

  private markFailed(workspaceId: string, id: string, error: string): Promise<void> {
    return this.messages.markFailed(workspaceId, id, error);
  }
}
