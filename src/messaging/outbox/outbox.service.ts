import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Channel, CHANNEL_WORDS, OutboundEnvelope, PermanentDeliveryError } from '../channels/channel-port';
import { NO_PROGRESS, Progress } from '../common/progress';
import { RelanceError } from '../common/relance.error';
import { JournalActor, openTask, writeDebtEvent } from '../debt/case-journal';
import { ChannelSettingsService } from '../channels/channel-settings.service';
import type { ActionKind, TemplateKey } from '../domain/scenario';
import { renderLetterPdf } from '../documents/letter-pdf';
import { DebtLetterFacts, Party } from '../templates/letter-context';
import { loadStepZones, MessageZone, zoneTexts } from '../templates/message-zones';
import { TemplateService } from '../templates/template.service';

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
  return text.replace(/[\u202f\u00a0]/g, ' ').replace(/[’‘]/g, "'").replace(/\s*\n+\s*/g, ' ').trim();
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

/** A stored PDF. */
export interface StoredDocument {
  id: string;
  sha256: string;
  fileName: string;
}

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: TemplateService,
    private readonly channels: ChannelSettingsService,
  ) {}

  /**
   * Composes and queues a step's messages, in the caller's transaction; a retried step
   * queues nothing twice. The free-text zones an agent set for the step are written into
   * them, kept with each message and PDF, and noted in the timeline.
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
    const zones = await loadStepZones(manager, facts.workspaceId, facts.debtId, step.stepKey);
    let queuedWithZones = 0;
    for (const [index, party] of parties.entries()) {
      const reason = unreachable(party, plan.channel);
      if (reason) {
        result.skipped.push({ recipient: party.name, channel: plan.channel, reason });
        continue;
      }
      const key = `${workflowId}:${step.stepKey}:${plan.channel}:${index + 1}`;
      const [existing] = await manager.query('SELECT id FROM outbound_message WHERE workspace_id = $1 AND idempotency_key = $2', [facts.workspaceId, key]);
      if (existing) {
        result.messageIds.push(existing.id);
        continue;
      }
      const rendered = await this.templates.render(
        facts, { key: step.template, locale: party.locale, profile: party.kind === 'TENANT' ? party.profile : 'UNKNOWN', zones: zoneTexts(zones) }, manager,
      );
      const document = plan.pdf
        ? await this.storeDocument(manager, facts, {
            key, templateKey: step.template, recipient: party, subject: rendered.subject, body: rendered.letterBody, locale: rendered.template.locale, at: step.at, zones,
          })
        : undefined;
      const [row] = await manager.query(
        `INSERT INTO outbound_message (workspace_id, debt_id, idempotency_key, step_key, channel, provider, template_key, recipient_name,
                                       recipient_address, subject, body, document_id, queued_at, zones)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          facts.workspaceId, facts.debtId, key, step.stepKey, plan.channel, provider, step.template, party.name,
          addressOf(party, plan.channel), rendered.subject || null, plan.channel === 'SMS' ? smsText(rendered.text) : rendered.text,
          document?.id ?? null, step.at.toISOString(), zones.length > 0 ? JSON.stringify(zones) : null,
        ],
      );
      result.messageIds.push(row.id);
      if (zones.length > 0) queuedWithZones += 1;
    }
    if (queuedWithZones > 0) {
      await writeDebtEvent(manager, { workspaceId: facts.workspaceId, debtId: facts.debtId }, {
        kind: 'MESSAGE_ZONES_USED',
        summary: `Free text ${zones.map((z) => `"${z.name}"`).join(', ')} written into step ${step.stepKey} (${CHANNEL_WORDS[plan.channel]}, ${queuedWithZones} recipient(s))`,
        key: `zones-used:${step.stepKey}`, data: { stepKey: step.stepKey, template: step.template, zones }, at: step.at.toISOString(),
        actor: { kind: 'WORKFLOW', id: workflowId },
      });
    }
    return result;
  }

  /** Renders a letter to PDF and keeps it with its SHA-256; once per key. */
  async storeDocument(
    manager: Db,
    facts: DebtLetterFacts,
    input: { key: string; templateKey: string; recipient: Party; subject: string; body: string; locale: 'fr' | 'en'; at: Date; zones?: MessageZone[] },
  ): Promise<StoredDocument> {
    const [existing] = await manager.query('SELECT id, sha256, file_name FROM document WHERE workspace_id = $1 AND idempotency_key = $2', [facts.workspaceId, input.key]);
    if (existing) return { id: existing.id, sha256: existing.sha256, fileName: existing.file_name };
    const pdf = await renderLetterPdf({ facts, recipient: input.recipient, locale: input.locale, subject: input.subject, body: input.body, createdAt: input.at });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const fileName = `${input.templateKey}-${facts.leaseReference}-${facts.asOf}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
    const [row] = await manager.query(
      `INSERT INTO document (workspace_id, debt_id, template_key, title, file_name, content_type, sha256, size_bytes, content, idempotency_key, created_at, zones)
       VALUES ($1, $2, $3, $4, $5, 'application/pdf', $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        facts.workspaceId, facts.debtId, input.templateKey, input.subject.slice(0, 300), fileName, sha256, pdf.length, pdf, input.key, input.at.toISOString(),
        input.zones?.length ? JSON.stringify(input.zones) : null,
      ],
    );
    return { id: row.id, sha256, fileName };
  }

  /** Messages of a step still to deliver (queued, or cut off mid-send). */
  async pendingOfStep(workspaceId: string, debtId: string, stepKey: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbound_message WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3 AND status IN ('QUEUED', 'SENDING') ORDER BY queued_at, idempotency_key`,
      [workspaceId, debtId, stepKey],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Delivers one message. Returns its outcome when it is settled (sent, or failed for
   * good); throws on a transient failure, for the activity to retry with backoff.
   * `progress` is told while the provider has the message (an activity's heartbeat).
   */
  async deliver(workspaceId: string, id: string, progress: Progress = NO_PROGRESS): Promise<DeliveryOutcome> {
    const [row] = await this.dataSource.query(
      `SELECT m.id, m.idempotency_key, m.channel, m.provider, m.status, m.recipient_name, m.recipient_address, m.subject, m.body, m.last_error,
              m.provider_message_id,
              d.file_name, d.content_type, d.content
       FROM outbound_message m LEFT JOIN document d ON d.workspace_id = m.workspace_id AND d.id = m.document_id
       WHERE m.workspace_id = $1 AND m.id = $2`,
      [workspaceId, id],
    );
    if (!row) throw new Error(`outbound message ${id} does not exist in workspace ${workspaceId}`);
    const outcome = (status: DeliveryOutcome['status'], extra: Partial<DeliveryOutcome> = {}): DeliveryOutcome => ({
      id, channel: row.channel, recipientName: row.recipient_name, status, provider: row.provider, ...extra,
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
      attachment: row.content ? { fileName: row.file_name, contentType: row.content_type, content: row.content } : undefined,
    };
    if (row.status === 'SENDING') {
      // An earlier attempt handed the message over and did not live to record the answer.
      if (adapter.resume && row.provider_message_id) {
        const resumed = await progress.during(() => adapter.resume!(envelope, row.provider_message_id));
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
    // A CTE so the driver answers rows whatever the statement (UPDATE answers [rows, count]).
    const claimed: unknown[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbound_message SET status = 'SENDING', attempts = attempts + 1, provider = $3
         WHERE workspace_id = $1 AND id = $2 AND status IN ('QUEUED', 'SENDING') RETURNING id)
       SELECT id FROM claimed`,
      [workspaceId, id, adapter.provider],
    );
    if (claimed.length === 0) throw new Error(`outbound message ${id} changed state during delivery`);
    try {
      const sent = await progress.during(() => adapter.send(envelope, (providerRef) => this.saveProgress(workspaceId, id, providerRef)));
      await this.markSent(workspaceId, id, adapter.provider, sent.providerMessageId);
      return outcome('SENT', { provider: adapter.provider });
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        await this.markFailed(workspaceId, id, error.message);
        return outcome('FAILED', { provider: adapter.provider, error: error.message });
      }
      // A provider we can ask, or resume with, keeps SENDING (the retry asks or resumes); for
      // the others the error came before the message was accepted, so it is queued again.
      await this.dataSource.query(
        `UPDATE outbound_message SET status = $3, last_error = $4 WHERE workspace_id = $1 AND id = $2`,
        [workspaceId, id, adapter.find || adapter.resume ? 'SENDING' : 'QUEUED', String((error as Error).message).slice(0, 2000)],
      );
      throw error;
    }
  }

  /** A message still SENT, by its provider's id (for a delivery report), or undefined. */
  async findSent(workspaceId: string, provider: string, providerMessageId: string): Promise<{ id: string; debtId: string } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, debt_id FROM outbound_message WHERE workspace_id = $1 AND provider = $2 AND provider_message_id = $3 AND status = 'SENT'`,
      [workspaceId, provider, providerMessageId],
    );
    return row ? { id: row.id, debtId: row.debt_id } : undefined;
  }

  /**
   * What became of a sent message, from its provider or an agent (a registered letter's
   * acknowledgement of receipt, or the letter returned): DELIVERED, or FAILED with the
   * reason, in the timeline; a failure also opens an agent's task. Once per message.
   */
  async recordDeliveryReport(
    workspaceId: string,
    id: string,
    report: { delivered: boolean; detail: string; at: string; actor: JournalActor },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        'SELECT debt_id, status, channel, recipient_name, step_key FROM outbound_message WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [workspaceId, id],
      );
      if (!row) throw new RelanceError('NOT_FOUND', `No outbound message ${id}`, { field: 'id' });
      if (row.status !== 'SENT') throw new RelanceError('BAD_USER_INPUT', `This message is ${row.status}, not waiting for a delivery report`, { field: 'id' });
      await manager.query(
        `UPDATE outbound_message SET status = $3, delivered_at = $4, failed_at = $5, last_error = $6 WHERE workspace_id = $1 AND id = $2`,
        [workspaceId, id, report.delivered ? 'DELIVERED' : 'FAILED', report.delivered ? report.at : null, report.delivered ? null : report.at, report.delivered ? null : report.detail],
      );
      const ref = { workspaceId, debtId: row.debt_id as string };
      const what = `${CHANNEL_WORDS[row.channel as Channel]} to ${row.recipient_name}`;
      await writeDebtEvent(manager, ref, {
        kind: report.delivered ? 'MESSAGE_DELIVERED' : 'MESSAGE_UNDELIVERED',
        summary: `${what} ${report.delivered ? 'delivered' : 'not delivered'}: ${report.detail}`,
        key: `message:${id}:report`, data: { messageId: id, channel: row.channel, detail: report.detail }, at: report.at, actor: report.actor,
      });
      if (!report.delivered) {
        await openTask(manager, ref, {
          key: `message-failed:${id}`, kind: 'FOLLOW_UP', stepKey: row.step_key, dueAt: report.at,
          title: `${what} not delivered: check the contact details`,
          body: `${report.detail}\n\nCheck the address and reach the tenant another way; a formal notice may need to be served again.`,
        });
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
    const letters: Array<{ id: string; provider_message_id: string; tracking_number: string | null }> = await this.dataSource.query(
      `SELECT id, provider_message_id, tracking_number FROM outbound_message
       WHERE workspace_id = $1 AND channel = 'REGISTERED_LETTER' AND provider = $2 AND status = 'SENT' AND provider_message_id IS NOT NULL
       ORDER BY sent_at`,
      [workspaceId, adapter.provider],
    );
    let changed = 0;
    for (const letter of letters) {
      const report = await adapter.track(letter.provider_message_id);
      if (report.trackingNumber && report.trackingNumber !== letter.tracking_number) {
        await this.dataSource.query('UPDATE outbound_message SET tracking_number = $3 WHERE workspace_id = $1 AND id = $2', [workspaceId, letter.id, report.trackingNumber]);
        changed += 1;
      }
      if (report.outcome) {
        await this.recordDeliveryReport(workspaceId, letter.id, { ...report.outcome, actor: { kind: 'SYSTEM', id: adapter.provider.toLowerCase() } });
        changed += 1;
      }
    }
    return changed;
  }

  /** A multi-call provider's own reference, saved while the message is SENDING (see ChannelAdapter.send). */
  private async saveProgress(workspaceId: string, id: string, providerRef: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_message SET provider_message_id = $3 WHERE workspace_id = $1 AND id = $2 AND status = 'SENDING'`, [workspaceId, id, providerRef]);
  }

  private async markSent(workspaceId: string, id: string, provider: string, providerMessageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbound_message SET status = 'SENT', provider = $3, provider_message_id = $4, sent_at = now(), last_error = NULL WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, provider, providerMessageId],
    );
  }

  private async markFailed(workspaceId: string, id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbound_message SET status = 'FAILED', failed_at = now(), last_error = $3 WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, error.slice(0, 2000)],
    );
  }
}
