/** Where a debt stands; the first four are open (its workflow runs), the others closed. */
export const DEBT_STATUSES = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED', 'RESOLVED', 'WRITTEN_OFF', 'CANCELLED'] as const;
export type DebtStatus = (typeof DEBT_STATUSES)[number];

export { TASK_KINDS, TASK_STATUSES } from '../tasks/task.entity';
export type { TaskKind, TaskStatus } from '../tasks/task.entity';

export { JOURNAL_ACTOR_KINDS } from '../timeline/timeline.service';
export type { JournalActor } from '../timeline/timeline.service';
