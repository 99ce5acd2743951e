import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApprovalRequestService } from '../approvals/approval-request.service';
import { Actor } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { DebtService } from '../debt/debt.service';
import { IsoDate } from '../domain/calendar-date';
import { addPurged, isDueForAnonymisation, lastClosingDayDue, NO_PURGE, PurgedCounts, RETENTION_SOURCES } from '../domain/retention';

export type { PurgedCounts };
import { DocumentService } from '../messaging/documents/document.service';
import { OutboundMessageService } from '../messaging/outbox/outbound-message.service';
import { TaskService } from '../tasks/task.service';
import { journalActorOf, JournalActor } from '../timeline/debt-event.entity';
import { TimelineService } from '../timeline/timeline.service';
import { WorkspaceService } from '../workspace/workspace.service';

/** The timeline entry that says what the purge of one debt took away (its audit line). */
export const DATA_ANONYMISED_EVENT = 'DATA_ANONYMISED';

/** Debts anonymised per page: each in its own transaction, a page per activity. */
export const RETENTION_PAGE_SIZE = 100;

/** Where a page of a workspace's due debts ended: the next page starts after it. */
export interface RetentionCursor {
  closedAt: string;
  id: string;
}

/** One page of a workspace's run: what it anonymised, and where the next page starts (none: the workspace is done). */
export interface RetentionPage extends PurgedCounts {
  next: RetentionCursor | null;
}

const SYSTEM: JournalActor = { kind: 'SYSTEM', id: 'data-retention' };

/**
 * Retention after a debt closes (CNIL; docs/compliance.md, "Retention (CNIL)"): once a
 * closed debt is past its workspace's `retentionMonthsAfterClose`, the free text written
 * about its tenants — call reports, agents' reasons and notes, landlords' comments, message
 * bodies and zones, the reasons of its profile — is replaced by a fixed marker in every
 * table that holds it, each through its own feature's service; amounts, dates, statuses and
 * documents (with their SHA-256) stay. Each debt is purged in one transaction that stamps
 * it `anonymisedAt` and writes one DATA_ANONYMISED line to its timeline with the counts per
 * table: a second run finds nothing to do and writes nothing.
 *
 * @example
 * // The nightly Schedule's activity, page by page:
 * let page = await retention.anonymiseDuePage(workspaceId);
 * while (page.next) page = await retention.anonymiseDuePage(workspaceId, page.next);
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('DataRetention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workspaces: WorkspaceService,
    private readonly debts: DebtService,
    private readonly tasks: TaskService,
    private readonly timeline: TimelineService,
    private readonly messages: OutboundMessageService,
    private readonly documents: DocumentService,
    private readonly approvals: ApprovalRequestService,
  ) {}

  /** Every workspace's id, oldest first: the nightly run goes through them all. */
  workspaceIds(): Promise<string[]> {
    return this.workspaces.workspaceIds();
  }

  /**
   * The caller's workspace's due debts anonymised now (an ADMIN's `runDataRetention`): the
   * same run as the Schedule's, all pages at once, the audit lines in the caller's name.
   */
  async runForActor(actor: Actor, now: Date = new Date()): Promise<PurgedCounts> {
    if (actor.role !== 'ADMIN') throw new RelanceError('FORBIDDEN', `Running data retention needs an ADMIN key; this key is ${actor.role}`);
    let total: PurgedCounts = { ...NO_PURGE };
    let after: RetentionCursor | null | undefined;
    do {
      const page = await this.anonymiseDuePage(actor.workspaceId, after ?? undefined, { now, by: journalActorOf(actor) });
      total = addPurged(total, page);
      after = page.next;
    } while (after);
    return total;
  }

  /**
   * Anonymises one page of the workspace's closed debts past their retention, after
   * `after`, each debt in its own transaction (a debt that fails rolls back alone, then
   * throws: the page is retried, and what was done is not done twice).
   */
  async anonymiseDuePage(
    workspaceId: string,
    after?: RetentionCursor,
    options: { now?: Date; by?: JournalActor; limit?: number } = {},
  ): Promise<RetentionPage> {
    const retention = await this.workspaces.retentionOf(workspaceId);
    if (!retention) return { ...NO_PURGE, next: null };
    const today = todayIn(retention.timeZone, options.now);
    const limit = options.limit ?? RETENTION_PAGE_SIZE;
    const due = await this.debts.dueForAnonymisation(workspaceId, {
      lastClosingDay: lastClosingDayDue(today, retention.months),
      timeZone: retention.timeZone,
      limit,
      after,
    });
    let total: PurgedCounts = { ...NO_PURGE };
    for (const debt of due) {
      const purged = await this.anonymiseDebt({ workspaceId, debtId: debt.id }, { ...retention, today }, options.by ?? SYSTEM);
      if (purged) total = addPurged(total, purged);
    }
    if (total.debts > 0) this.logger.log({ workspaceId, ...total }, 'Closed debts anonymised after their retention');
    const last = due[due.length - 1];
    return { ...total, next: due.length === limit ? { closedAt: last.closedAt, id: last.id } : null };
  }

  /** One debt's purge and its audit line, in one transaction; undefined when it was not due or done already. */
  private async anonymiseDebt(
    ref: { workspaceId: string; debtId: string },
    retention: { months: number; timeZone: string; today: IsoDate },
    by: JournalActor,
  ): Promise<PurgedCounts | undefined> {
    const purged = await this.dataSource.transaction(async (manager) => {
      const locked = await this.debts.lockForAnonymisation(ref, retention.timeZone, manager);
      if (!locked || !isDueForAnonymisation(locked.closedOn, retention.months, retention.today)) return undefined;
      const tasks = await this.tasks.anonymiseOfDebt(ref, manager);
      const timelineEntries = await this.timeline.anonymiseOfDebt(ref, manager);
      const outboundMessages = await this.messages.anonymiseOfDebt(ref, manager);
      const documents = await this.documents.anonymiseOfDebt(ref, manager);
      const approvalRequests = await this.approvals.anonymiseOfDebt(manager, ref);
      const debt = await this.debts.anonymise(ref, manager);
      // The row is locked as due: not finding it now would leave the purge unstamped, so nothing commits.
      if (!debt) throw new Error(`Debt ${ref.debtId} changed while it was being anonymised`);
      const perTable: Omit<PurgedCounts, 'debts'> = { ...debt, tasks, timelineEntries, outboundMessages, documents, approvalRequests };
      await this.timeline.record(
        ref,
        {
          kind: DATA_ANONYMISED_EVENT,
          // Once per debt: the stamp on its row already stops a second purge.
          key: 'anonymised',
          actor: by,
          summary:
            `Free text anonymised ${retention.months} months after the debt closed on ${locked.closedOn}: ` +
            `${tasks} task(s), ${timelineEntries} timeline entr${timelineEntries === 1 ? 'y' : 'ies'}, ${outboundMessages} message(s), ` +
            `${debt.messageZones} step(s) of free-text zones, ${documents} document(s), ${approvalRequests} landlord comment(s), ${debt.debtFields} debt field(s)`,
          data: {
            retentionMonths: retention.months,
            closedOn: locked.closedOn,
            purged: perTable,
            sources: [RETENTION_SOURCES.FRAMEWORK, RETENTION_SOURCES.LIMITATION],
          },
        },
        manager,
      );
      return { debts: 1, ...perTable };
    });
    // After the commit: a connected CRM brings its copies of the tasks in line.
    if (purged && purged.tasks > 0) await this.tasks.mirrorTasks(ref);
    return purged;
  }
}
