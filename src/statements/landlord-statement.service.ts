import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApprovalRequestService } from '../approvals/approval-request.service';
import { Actor } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { isStatementMonth, monthBounds, StatementMonth } from '../domain/statement-month';
import { PermanentDeliveryError } from '../messaging/channels/channel-port';
import { ChannelSettingsService } from '../messaging/channels/channel-settings.service';
import { DocumentService } from '../messaging/documents/document.service';
import { RecordService } from '../records/record.service';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { WorkspaceService } from '../workspace/workspace.service';
import { LandlordStatement, StatementEmailStatus } from './landlord-statement.entity';
import { IssuedStatementRow, LandlordStatementRepository } from './landlord-statement.repository';
import { statementEmail } from './statement-email';
import { StatementFactsRepository, StatementRecipient } from './statement-facts.repository';
import { assembleStatement, StatementFacts, StatementFigures } from './statement-figures';
import { renderStatementPdf } from './statement-pdf';

/** Landlords one activity (or one pass of the mutation) issues statements for. */
export const STATEMENT_BATCH_SIZE = 50;

/** What one issuing run did. */
export interface IssuedStatements {
  month: StatementMonth;
  /** Statements made now. */
  issued: number;
  /** Landlords whose statement for the month was there already: nothing new was made. */
  alreadyIssued: number;
  /** E-mails the SMTP server took during this run. */
  emailed: number;
  /** E-mails that failed for a reason worth retrying (left PENDING for the next run). */
  emailRetries: number;
}

/** Every statement is archived under this key: the month's one document for the landlord. */
export const statementKey = (workspaceId: string, landlordId: string, month: StatementMonth) =>
  `statement:${workspaceId}:${landlordId}:${month}`;

/** The PDF's file name: the month and the landlord, in plain characters. */
const statementFileName = (month: StatementMonth, landlordName: string) =>
  `releve-${month}-${landlordName}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === '23505' || (error as { driverError?: { code?: string } }).driverError?.code === '23505';

/**
 * Landlords' monthly statements (issue 12, point 5): for a month that is over, one
 * statement per landlord with leases — its figures assembled from the month's facts, a
 * French PDF archived as a document with its SHA-256, and, where the mandate lists EMAIL,
 * an e-mail with the PDF through the workspace's EMAIL channel. Idempotent per landlord and
 * month: a second run makes nothing new and sends nothing again. The same code serves the
 * monthly Schedule (activities/landlord-statements.activities.ts) and the
 * `issueLandlordStatements` mutation; reads go through the record API, scoped so that a
 * landlord sees its own statements only.
 */
@Injectable()
export class LandlordStatementService extends RecordService<LandlordStatement> {
  private readonly logger = new Logger(LandlordStatementService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: LandlordStatementRepository,
    private readonly facts: StatementFactsRepository,
    private readonly approvals: ApprovalRequestService,
    private readonly documents: DocumentService,
    private readonly channels: ChannelSettingsService,
    private readonly workspaces: WorkspaceService,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {
    super(statements);
  }

  /** Every workspace, for the scheduled run. */
  workspaceIds(): Promise<string[]> {
    return this.workspaces.workspaceIds();
  }

  /** A workspace's landlords with leases, in batches of STATEMENT_BATCH_SIZE (one activity each). */
  async landlordBatches(workspaceId: string, size = STATEMENT_BATCH_SIZE): Promise<string[][]> {
    const ids = await this.facts.landlordsWithLeases(workspaceId);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
    return batches;
  }

  /**
   * The caller's workspace's statements for `month`, on demand (an ADMIN catching up, or a
   * test): the same run as the Schedule's, for every landlord with leases.
   */
  async issueForActor(actor: Actor, month: string, now: Date = new Date()): Promise<IssuedStatements> {
    if (actor.role !== 'ADMIN') throw new RelanceError('FORBIDDEN', `Issuing statements needs an ADMIN key; this key is ${actor.role}`);
    if (!isStatementMonth(month))
      throw new RelanceError('BAD_USER_INPUT', 'month must be a month YYYY-MM, e.g. 2026-05', { field: 'month' });
    if (monthBounds(month).next > todayIn('Europe/Paris', now)) {
      throw new RelanceError('BAD_USER_INPUT', `${month} is not over yet: a statement covers a whole month`, { field: 'month' });
    }
    const summary: IssuedStatements = { month, issued: 0, alreadyIssued: 0, emailed: 0, emailRetries: 0 };
    for (const batch of await this.landlordBatches(actor.workspaceId)) {
      const done = await this.issueBatch(actor.workspaceId, month, batch, now);
      summary.issued += done.issued;
      summary.alreadyIssued += done.alreadyIssued;
      summary.emailed += done.emailed;
      summary.emailRetries += done.emailRetries;
    }
    return summary;
  }

  /**
   * Issues the month's statements of some landlords of a workspace, each once: a landlord
   * whose statement exists gets nothing new (only its e-mail, if still PENDING, is tried
   * again). Landlords that no longer exist are passed over.
   */
  async issueBatch(
    workspaceId: string,
    month: StatementMonth,
    landlordIds: readonly string[],
    now: Date = new Date(),
  ): Promise<IssuedStatements> {
    monthBounds(month);
    const summary: IssuedStatements = { month, issued: 0, alreadyIssued: 0, emailed: 0, emailRetries: 0 };
    const existing = new Map((await this.statements.ofMonth(workspaceId, month, landlordIds)).map((s) => [s.landlordId, s]));
    for (const landlordId of landlordIds) {
      const recipient = await this.facts.recipient(workspaceId, landlordId);
      if (!recipient) continue;
      let statement = existing.get(landlordId);
      let figures: StatementFigures | undefined;
      let pdf: Buffer | undefined;
      if (statement) summary.alreadyIssued += 1;
      else {
        const made = await this.issueOne(workspaceId, recipient, month, now);
        if (!made) continue;
        if (made.created) summary.issued += 1;
        else summary.alreadyIssued += 1;
        ({ statement, figures, pdf } = made);
        if (!made.created) figures = pdf = undefined;
      }
      if (statement.emailStatus !== 'PENDING') continue;
      const outcome = await this.sendEmail(workspaceId, statement, recipient, figures, pdf);
      if (outcome === 'SENT') summary.emailed += 1;
      if (outcome === 'RETRY') summary.emailRetries += 1;
    }
    return summary;
  }

  /**
   * The statement's facts, with the decisions pending: the landlord's approval requests,
   * and debts waiting on an approval asked before requests were rows (none of their own).
   */
  private async factsOf(workspaceId: string, landlordId: string, month: StatementMonth): Promise<StatementFacts | undefined> {
    const facts = await this.facts.factsOf(workspaceId, landlordId, month);
    if (!facts) return undefined;
    const requested = await this.approvals.pendingOfLandlord(workspaceId, landlordId);
    const withRequest = new Set(requested.map((r) => r.debtId));
    const pendingDecisions = [...requested, ...facts.pendingDecisions.filter((d) => !withRequest.has(d.debtId))].sort(
      (a, b) => (a.deadlineAt ?? '\uffff').localeCompare(b.deadlineAt ?? '\uffff') || a.debtId.localeCompare(b.debtId),
    );
    return { ...facts, pendingDecisions };
  }

  /** Assembles, renders and archives one landlord's statement; `created: false` when another run made it first. */
  private async issueOne(
    workspaceId: string,
    recipient: StatementRecipient,
    month: StatementMonth,
    now: Date,
  ): Promise<{ statement: IssuedStatementRow; figures: StatementFigures; pdf: Buffer; created: boolean } | undefined> {
    const facts = await this.factsOf(workspaceId, recipient.landlordId, month);
    if (!facts) return undefined;
    const figures = assembleStatement(facts);
    const pdf = await renderStatementPdf({ figures, issuedAt: now, issuedOn: todayIn('Europe/Paris', now) });
    const email: { status: StatementEmailStatus; error: string | null } = !recipient.informationChannels.includes('EMAIL')
      ? { status: 'NOT_ASKED', error: null }
      : recipient.email
        ? { status: 'PENDING', error: null }
        : { status: 'SKIPPED', error: 'the landlord has no e-mail address' };
    const key = statementKey(workspaceId, recipient.landlordId, month);
    const fileName = statementFileName(month, recipient.name);
    try {
      const inserted = await this.dataSource.transaction(async (manager) => {
        const document = await this.documents.archiveLandlordDocument(
          workspaceId,
          {
            landlordId: recipient.landlordId,
            key,
            templateKey: 'landlord-statement',
            title: `Relevé mensuel ${month} — ${recipient.name}`,
            fileName,
            content: pdf,
            createdAt: now.toISOString(),
          },
          manager,
        );
        return this.statements.insert(
          workspaceId,
          {
            landlordId: recipient.landlordId,
            month,
            documentId: document.id,
            sha256: document.sha256,
            figures,
            emailStatus: email.status,
            emailError: email.error,
            createdAt: now.toISOString(),
          },
          manager,
        );
      });
      if (inserted) {
        this.logger.log({ workspaceId, landlordId: recipient.landlordId, month, statementId: inserted.id }, 'Landlord statement issued');
        return { statement: inserted, figures, pdf, created: true };
      }
    } catch (error) {
      // Another run archived the same month's document at the same time: its statement stands.
      if (!isUniqueViolation(error)) throw error;
    }
    const [statement] = await this.statements.ofMonth(workspaceId, month, [recipient.landlordId]);
    if (!statement) throw new Error(`statement ${key} neither inserted nor found`);
    return { statement, figures, pdf, created: false };
  }

  /**
   * Sends a statement's e-mail once: claimed PENDING → SENDING first, so that of two runs
   * only one sends, and a send cut off mid-way stays SENDING rather than going out twice
   * (SMTP cannot tell whether the server took it). A workspace that sends no e-mail
   * (CAPTURE) skips it; a refusal fails it; anything else leaves it PENDING for a retry.
   */
  private async sendEmail(
    workspaceId: string,
    statement: IssuedStatementRow,
    recipient: StatementRecipient,
    figures?: StatementFigures,
    pdf?: Buffer,
  ): Promise<'SENT' | 'SKIPPED' | 'FAILED' | 'RETRY' | 'CLAIMED_ELSEWHERE'> {
    if (!(await this.statements.claimEmail(workspaceId, statement.id))) return 'CLAIMED_ELSEWHERE';
    try {
      const adapter = await this.channels.adapter(workspaceId, 'EMAIL');
      if (adapter.provider === 'CAPTURE') {
        await this.statements.settleEmail(workspaceId, statement.id, {
          status: 'SKIPPED',
          error: 'the workspace sends no e-mail (its EMAIL channel records messages only): set an SMTP server with setChannelSetting',
        });
        return 'SKIPPED';
      }
      figures ??= await this.statements.figuresOf(workspaceId, statement.id);
      const content = pdf ?? (await this.documents.download({ workspaceId, role: 'ADMIN' }, statement.documentId)).content;
      if (!figures) throw new Error(`statement ${statement.id} has no figures`);
      const text = statementEmail(figures, {
        recipientName: recipient.name,
        sha256: statement.sha256,
        publicUrl: this.runtime.config.publicUrl,
      });
      await adapter.send({
        idempotencyKey: statementKey(workspaceId, recipient.landlordId, statement.month),
        channel: 'EMAIL',
        recipientName: recipient.name,
        recipientAddress: recipient.email!,
        subject: text.subject,
        body: text.body,
        attachment: { fileName: statementFileName(statement.month, recipient.name), contentType: 'application/pdf', content },
      });
      await this.statements.settleEmail(workspaceId, statement.id, { status: 'SENT', at: new Date().toISOString() });
      return 'SENT';
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof PermanentDeliveryError) {
        await this.statements.settleEmail(workspaceId, statement.id, { status: 'FAILED', error: message });
        return 'FAILED';
      }
      this.logger.warn(
        { workspaceId, statementId: statement.id, err: error },
        'Landlord statement e-mail not sent; tried again at the next run',
      );
      await this.statements.settleEmail(workspaceId, statement.id, { status: 'PENDING', error: message });
      return 'RETRY';
    }
  }
}
