import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Actor, actorRef } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import type { IsoDate } from '../domain/calendar-date';
import { ReceiptDelivery, receiptRoute, receiptsOwed, rentNoticesOwed } from '../domain/receipts';
import { LedgerEvents } from '../ledger/ledger-events';
import { LedgerService } from '../ledger/ledger.service';
import type { LedgerWriteListener, LedgerWritten } from '../ledger/ledger-write-listener';
import { PermanentDeliveryError } from '../messaging/channels/channel-port';
import { ChannelSettingsService } from '../messaging/channels/channel-settings.service';
import { DocumentService } from '../messaging/documents/document.service';
import { RecordService } from '../records/record.service';
import { RELANCE_RUNTIME, RelanceRuntime, runsWorker } from '../runtime/relance-runtime';
import { renderTenantDocumentPdf, tenantDocumentFileName, tenantDocumentTitle } from './tenant-document-pdf';
import { tenantDocumentEmail } from './tenant-document-email';
import { TenantDocument } from './tenant-document.entity';
import { DocumentToSend, TenantDocumentRepository } from './tenant-document.repository';
import { TenantDocumentFactsRepository } from './tenant-document-facts.repository';

/** How often the worker looks for documents left to render or e-mail (a crash after a commit, an SMTP server down). */
export const TENANT_DOCUMENTS_SWEEP_MS = 30_000;
/** Most documents one pass renders or sends for a workspace before giving way; the next pass goes on. */
const PASS_LIMIT = 200;
/** Most documents one markTenantDocumentsPrinted call may carry. */
const MAX_PRINTED = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** E-mails tried before a document is left FAILED for a person to look at. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** When a failed e-mail is tried again: 1 minute after the first failure, doubling, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The tenant's documents (loi 89-462 art. 21): quittances, reçus and, where the workspace
 * chooses so, rent notices. In the ledger's own transaction (the {@link LedgerWriteListener}
 * port) it queues what the new entries earn, per the pure rules of src/domain/receipts.ts,
 * so that no document is lost to a crash after the commit; right after the commit (the
 * ledger's EntriesRecorded event) it renders them as PDFs archived with their SHA-256 —
 * under the lease's landlord, who downloads them like the agency — and e-mails them to the
 * tenant who agreed, or puts them in the print queue, as the workspace chooses. The worker sweeps every 30 s for
 * anything left: documents a crash left PENDING, e-mails to try again (with backoff). Each
 * document is made once (its key), rendered by one process (row lock), sent at most once
 * automatically (PENDING → SENDING claim). Free of charge, always.
 */
@Injectable()
export class TenantDocumentService
  extends RecordService<TenantDocument>
  implements LedgerWriteListener, OnModuleInit, OnApplicationShutdown
{
  private readonly logger = new Logger('TenantDocuments');
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documentsOwed: TenantDocumentRepository,
    private readonly facts: TenantDocumentFactsRepository,
    private readonly ledger: LedgerService,
    private readonly events: LedgerEvents,
    private readonly documents: DocumentService,
    private readonly channels: ChannelSettingsService,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {
    super(documentsOwed);
  }

  onModuleInit(): void {
    this.ledger.registerWriteListener(this);
    this.events.subscribe((event) => {
      if (event.kind === 'EntriesRecorded') void this.nudge(event.workspaceId);
    });
    if (runsWorker(this.runtime.mode)) {
      this.timer = setInterval(() => void this.sweep(), TENANT_DOCUMENTS_SWEEP_MS);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** The ledger's port: queues, in its transaction, the documents the new entries earn. */
  async onLedgerWritten(manager: EntityManager, workspaceId: string, written: LedgerWritten[], asOf: IsoDate): Promise<void> {
    const options = await this.facts.options(workspaceId, manager);
    const owed = written.flatMap((w) => [
      ...receiptsOwed(w.ledger, w.credits, w.newCreditIds).map((due) => ({ leaseId: w.leaseId, due })),
      ...(options.rentNotices ? rentNoticesOwed(w.ledger, w.newChargeIds, asOf).map((due) => ({ leaseId: w.leaseId, due })) : []),
    ]);
    await this.documentsOwed.queue(manager, workspaceId, owed, new Date().toISOString());
  }

  /** Every workspace with something left to render or e-mail, one pass each. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const workspaceId of await this.documentsOwed.workspacesWithWork(new Date().toISOString())) void this.nudge(workspaceId);
    } catch (error) {
      this.logger.warn({ err: error }, 'Tenant documents sweep failed; tried again at the next one');
    }
  }

  /**
   * A pass for the workspace soon, in this process: one at a time per workspace (a nudge
   * during a pass asks for another pass after it). Returns when the pass asked for is over.
   */
  nudge(workspaceId: string): Promise<void> {
    const current = this.running.get(workspaceId);
    if (current) {
      this.again.add(workspaceId);
      return current;
    }
    const pass = (async () => {
      do {
        this.again.delete(workspaceId);
        try {
          await this.issuePending(workspaceId);
          await this.sendDue(workspaceId);
        } catch (error) {
          this.logger.warn({ err: error, workspaceId }, 'Tenant documents pass failed; the sweep tries again');
        }
      } while (this.again.has(workspaceId) && !this.stopped);
    })().finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, pass);
    return pass;
  }

  /** Renders and archives the workspace's pending documents, each in its own transaction; returns how many. */
  async issuePending(workspaceId: string, now: Date = new Date()): Promise<number> {
    const { delivery } = await this.facts.options(workspaceId);
    let issued = 0;
    while (issued < PASS_LIMIT && !this.stopped) {
      const done = await this.dataSource.transaction(async (manager) => {
        const pending = await this.documentsOwed.claimPending(manager, workspaceId);
        if (!pending) return false;
        const parties = await this.facts.partiesOf(workspaceId, pending.leaseId, manager);
        if (!parties) throw new Error(`tenant document ${pending.id}: lease ${pending.leaseId} not found`);
        const issuedOn = todayIn('Europe/Paris', now);
        const pdf = await renderTenantDocumentPdf({ due: pending.due, parties, issuedAt: now, issuedOn });
        const document = await this.documents.archiveLandlordDocument(
          workspaceId,
          {
            landlordId: parties.landlord.id,
            key: `tenant-document:${workspaceId}:${pending.due.key}`,
            templateKey: `tenant-${pending.due.kind.toLowerCase().replace('_', '-')}`,
            title: `${tenantDocumentTitle(pending.due)} — ${parties.lease.reference}`,
            fileName: tenantDocumentFileName(pending.due, parties.lease.reference),
            content: pdf,
            createdAt: now.toISOString(),
          },
          manager,
        );
        const route = receiptRoute(delivery, parties.tenants);
        await this.documentsOwed.markIssued(manager, workspaceId, pending.id, {
          documentId: document.id,
          sha256: document.sha256,
          issuedAt: now.toISOString(),
          delivery: route.by === 'EMAIL' ? 'PENDING' : route.by === 'POST' ? 'TO_PRINT' : delivery === 'ARCHIVE' ? 'NOT_ASKED' : 'SKIPPED',
          reason: route.by === 'EMAIL' ? null : route.reason,
        });
        this.logger.log(
          { workspaceId, leaseId: pending.leaseId, kind: pending.due.kind, documentId: document.id },
          'Tenant document issued',
        );
        return true;
      });
      if (!done) break;
      issued += 1;
    }
    return issued;
  }

  /** E-mails the workspace's issued documents that are due; returns how many the SMTP server took. */
  async sendDue(workspaceId: string, now: Date = new Date()): Promise<number> {
    let sent = 0;
    const due = await this.documentsOwed.dueToSend(workspaceId, now.toISOString(), PASS_LIMIT);
    if (due.length === 0) return 0;
    const { delivery } = await this.facts.options(workspaceId);
    for (const row of due) {
      if (this.stopped) break;
      if (await this.sendOne(workspaceId, row, delivery)) sent += 1;
    }
    return sent;
  }

  /**
   * Records documents of the print queue as printed and posted, all or none; each id must
   * be a document of the workspace waiting there (`ids[i]` names the one that is not).
   */
  async markPrinted(actor: Actor, ids: string[]): Promise<TenantDocument[]> {
    if (ids.length === 0 || ids.length > MAX_PRINTED) {
      throw new RelanceError('BAD_USER_INPUT', `Give 1 to ${MAX_PRINTED} ids`, { field: 'ids' });
    }
    const seen = new Set<string>();
    for (const [i, id] of ids.entries()) {
      if (!UUID.test(id)) throw new RelanceError('BAD_USER_INPUT', `${id} is not a tenant document id`, { field: `ids[${i}]` });
      if (seen.has(id)) throw new RelanceError('BAD_USER_INPUT', `${id} is given twice`, { field: `ids[${i}]` });
      seen.add(id);
    }
    const found = await this.documentsOwed.loadInOrder(actor, ids);
    for (const [i, id] of ids.entries()) {
      if (!found[i]) throw new RelanceError('NOT_FOUND', `No tenant document ${id}`, { field: `ids[${i}]` });
      if (found[i]!.deliveryStatus !== 'TO_PRINT') {
        throw new RelanceError('BAD_USER_INPUT', `Tenant document ${id} is not waiting in the print queue (${found[i]!.deliveryStatus})`, {
          field: `ids[${i}]`,
        });
      }
    }
    if (!(await this.documentsOwed.markPrinted(actor.workspaceId, ids, new Date().toISOString()))) {
      throw new RelanceError(
        'CONFLICT',
        'One of these documents left the print queue meanwhile: nothing was recorded; read the queue again',
        {
          field: 'ids',
        },
      );
    }
    this.logger.log({ workspaceId: actor.workspaceId, by: actorRef(actor), count: ids.length }, 'Tenant documents printed and posted');
    const printed = await this.documentsOwed.loadInOrder(actor, ids);
    return printed.map((document, i) => {
      if (!document) throw new RelanceError('NOT_FOUND', `No tenant document ${ids[i]}`, { field: `ids[${i}]` });
      return document;
    });
  }

  /**
   * Sends one document's e-mail, once: claimed PENDING → SENDING first, so that of two
   * processes only one sends, and a send cut off mid-way stays SENDING rather than going out
   * twice. A workspace without an SMTP server skips it; a refusal fails it; anything else
   * leaves it PENDING until its backoff ends (FAILED after MAX_DELIVERY_ATTEMPTS). Under
   * TENANT_CHANNEL, what cannot be e-mailed for good goes to the print queue instead.
   */
  private async sendOne(workspaceId: string, row: DocumentToSend, delivery: ReceiptDelivery): Promise<boolean> {
    const orPost = (reason: string) =>
      delivery === 'TENANT_CHANNEL' ? { status: 'TO_PRINT' as const, error: `posted instead: ${reason}` } : undefined;
    if (!(await this.documentsOwed.claimDelivery(workspaceId, row.id))) return false;
    try {
      const adapter = await this.channels.adapter(workspaceId, 'EMAIL');
      if (adapter.provider === 'CAPTURE') {
        const reason = 'the workspace sends no e-mail (its EMAIL channel records messages only): set an SMTP server with setChannelSetting';
        await this.documentsOwed.settleDelivery(workspaceId, row.id, orPost(reason) ?? { status: 'SKIPPED', error: reason });
        return false;
      }
      const parties = await this.facts.partiesOf(workspaceId, row.leaseId);
      if (!parties) {
        await this.documentsOwed.settleDelivery(workspaceId, row.id, { status: 'SKIPPED', error: 'the lease is gone' });
        return false;
      }
      const route = receiptRoute('EMAIL', parties.tenants);
      if (route.by !== 'EMAIL') {
        // The tenant withdrew their agreement, or their address, since the document was issued.
        const reason = route.reason ?? 'not to be e-mailed';
        await this.documentsOwed.settleDelivery(workspaceId, row.id, orPost(reason) ?? { status: 'SKIPPED', error: reason });
        return false;
      }
      const { content } = await this.documents.download({ workspaceId, role: 'ADMIN' }, row.documentId);
      const text = tenantDocumentEmail(row.due, parties, { recipientName: route.name, sha256: row.sha256 });
      await adapter.send({
        idempotencyKey: `tenant-document:${workspaceId}:${row.due.key}`,
        channel: 'EMAIL',
        recipientName: route.name,
        recipientAddress: route.email,
        subject: text.subject,
        body: text.body,
        attachment: { fileName: tenantDocumentFileName(row.due, parties.lease.reference), contentType: 'application/pdf', content },
      });
      await this.documentsOwed.settleDelivery(workspaceId, row.id, { status: 'SENT' });
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const attempts = row.attempts + 1;
      if (error instanceof PermanentDeliveryError || attempts >= MAX_DELIVERY_ATTEMPTS) {
        await this.documentsOwed.settleDelivery(
          workspaceId,
          row.id,
          orPost(`the e-mail failed: ${message}`) ?? { status: 'FAILED', error: message },
        );
      } else {
        this.logger.warn(
          { workspaceId, tenantDocumentId: row.id, err: error, attempts },
          'Tenant document e-mail not sent; tried again later',
        );
        await this.documentsOwed.settleDelivery(workspaceId, row.id, {
          status: 'PENDING',
          error: message,
          retryAt: new Date(Date.now() + retryDelayMs(attempts)).toISOString(),
        });
      }
      return false;
    }
  }
}
