import { Injectable } from '@nestjs/common';
import { Actor, actorRef } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { addDays, isIsoDate } from '../domain/calendar-date';
import { TASK_OUTCOMES, TaskOutcome } from '../domain/debt-reducer';
import { ANONYMISED_TEXT } from '../domain/retention';
import { findSensitiveTerms } from '../domain/sensitive-terms';
import { RecordService } from '../records/record.service';
import type { TaskMirror } from './task-mirror';
import { Task, TaskStatus } from './task.entity';
import { NewTask, OpenTaskChange, TaskDb, TaskRef, TaskRepository, TaskTargetRow } from './task.repository';

/** A promise to pay further out than this is a payment plan, not a promise. */
export const PROMISE_MAX_DAYS = 60;
const REPORT_MAX = 5_000;

/** A completion as checked: what the debt's workflow is told. */
export interface TaskCompletion {
  outcome: TaskOutcome;
  report: string;
  promisedDate?: string;
}

/**
 * Agents' tasks: opening them (once per key), working them (assign, start), their
 * targets, the checks on a completion, and their mirror in a CRM ({@link TaskMirror}).
 * Completing one drives the debt's workflow: the debt feature does it, with
 * {@link lockForCompletion} and {@link markDone}, in its own transaction.
 */
@Injectable()
export class TaskService extends RecordService<Task> {
  private mirror: TaskMirror | undefined;

  constructor(private readonly tasks: TaskRepository) {
    super(tasks);
  }

  /** The CRM connector registers itself here at start (one mirror per process). */
  registerMirror(mirror: TaskMirror): void {
    this.mirror = mirror;
  }

  /** Tells the CRM connector, if one is registered, that the debt's tasks changed. Never throws for the CRM's sake (see TaskMirror). */
  async mirrorTasks(ref: TaskRef): Promise<void> {
    await this.mirror?.mirrorTasks(ref.workspaceId, ref.debtId);
  }

  /**
   * Opens a task for an agent once per key, in the caller's transaction when it passes
   * `db`; true when this call created it. Mirroring it is the caller's next step, after
   * its transaction commits ({@link mirrorTasks}).
   */
  open(ref: TaskRef, task: NewTask, db?: TaskDb): Promise<boolean> {
    return this.tasks.open(ref, task, db);
  }

  /** Each task's targets, in the order asked: one statement for a page (a DataLoader's batch). */
  targetsOf(actor: Actor, taskIds: readonly string[]): Promise<TaskTargetRow[][]> {
    return this.tasks.targetsOf(actor, taskIds);
  }

  /** Gives a task to an agent (null: to nobody): a CRM workspace member id or an e-mail address. */
  async assign(actor: Actor, id: string, assignee: string | null | undefined): Promise<Task> {
    const value = assignee?.trim() || null;
    if (value !== null && (value.length > 200 || /[\s<>]/.test(value))) {
      throw new RelanceError('BAD_USER_INPUT', 'assignee must be an id or an e-mail address, at most 200 characters, without spaces', {
        field: 'assignee',
      });
    }
    return this.changeOpen(actor, id, { assignee: value });
  }

  /** Marks a task IN_PROGRESS (an agent is on it). */
  start(actor: Actor, id: string): Promise<Task> {
    return this.changeOpen(actor, id, { start: true });
  }

  /**
   * A change made in the CRM to a mirrored task (its webhook): applied while the task is
   * open, ignored once it is DONE.
   */
  async applyMirroredChange(workspaceId: string, id: string, change: OpenTaskChange): Promise<void> {
    await this.tasks.changeOpen(workspaceId, id, change);
  }

  /**
   * Checks a completion before it is recorded: its outcome, its report (1 to 5,000
   * characters, and no sensitive data unless the agent acknowledged the warning), and the
   * date of a promise to pay (today to {@link PROMISE_MAX_DAYS} days from now, and only
   * with that outcome).
   */
  checkCompletion(input: { outcome: string; report: string; promisedDate?: string; acknowledgeSensitiveData?: boolean }): TaskCompletion {
    const { outcome, promisedDate } = input;
    if (!TASK_OUTCOMES.includes(outcome as TaskOutcome)) {
      throw new RelanceError('BAD_USER_INPUT', `outcome must be one of ${TASK_OUTCOMES.join(', ')}`, { field: 'outcome' });
    }
    const report = input.report.trim();
    if (report.length < 1 || report.length > REPORT_MAX) {
      throw new RelanceError('BAD_USER_INPUT', `report must be 1 to ${REPORT_MAX} characters`, { field: 'report' });
    }
    if (outcome === 'PROMISE_TO_PAY') {
      const today = todayIn();
      if (!isIsoDate(promisedDate))
        throw new RelanceError('BAD_USER_INPUT', 'A promise to pay needs its date, as YYYY-MM-DD', { field: 'promisedDate' });
      if (promisedDate < today || promisedDate > addDays(today, PROMISE_MAX_DAYS)) {
        throw new RelanceError('BAD_USER_INPUT', `promisedDate must be between today and ${PROMISE_MAX_DAYS} days from now`, {
          field: 'promisedDate',
        });
      }
    } else if (promisedDate !== undefined) {
      throw new RelanceError('BAD_USER_INPUT', 'promisedDate goes only with the PROMISE_TO_PAY outcome', { field: 'promisedDate' });
    }
    const sensitive = findSensitiveTerms(report);
    if (sensitive.length > 0 && input.acknowledgeSensitiveData !== true) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `The report seems to hold sensitive data (${sensitive.map((t) => `${t.category.toLowerCase().replace('_', ' ')}: "${t.word}"`).join(', ')}). ` +
          'Call notes must stay factual (CNIL): rephrase, or send acknowledgeSensitiveData: true if the wording is needed.',
        { field: 'report' },
      );
    }
    return { outcome: outcome as TaskOutcome, report, ...(outcome === 'PROMISE_TO_PAY' ? { promisedDate } : {}) };
  }

  /** Locks a task for its completion in the caller's transaction: its debt, status and title (undefined: no such task). */
  lockForCompletion(
    workspaceId: string,
    id: string,
    db: TaskDb,
  ): Promise<{ debtId: string; status: TaskStatus; title: string } | undefined> {
    return this.tasks.lockForCompletion(workspaceId, id, db);
  }

  /** Records a completion (DONE, its outcome, who completed it), in the caller's transaction. */
  markDone(actor: Actor, id: string, completion: TaskCompletion, db: TaskDb): Promise<void> {
    return this.tasks.markDone(actor.workspaceId, id, { ...completion, completedBy: actorRef(actor) }, db);
  }

  /**
   * Anonymises the text agents wrote on a debt's tasks (reports and bodies) in the caller's
   * transaction, once its retention is over; how many tasks changed. Mirroring the change to
   * a CRM is the caller's next step, after its commit ({@link mirrorTasks}).
   */
  anonymiseOfDebt(ref: TaskRef, db: TaskDb): Promise<number> {
    return this.tasks.anonymiseOfDebt(ref, ANONYMISED_TEXT, db);
  }

  /** A task's status and assignee in the workspace (undefined: no such task): the CRM webhook's check. */
  state(workspaceId: string, id: string): Promise<{ status: TaskStatus; assignee: string | null } | undefined> {
    return this.tasks.state(workspaceId, id);
  }

  private async changeOpen(actor: Actor, id: string, change: OpenTaskChange): Promise<Task> {
    await this.get(actor, id);
    if (!(await this.tasks.changeOpen(actor.workspaceId, id, change))) {
      throw new RelanceError('BAD_USER_INPUT', 'This task is already completed', { field: 'id' });
    }
    return this.get(actor, id);
  }
}

export type { NewTask, OpenTaskChange, TaskRef, TaskTargetRow } from './task.repository';
