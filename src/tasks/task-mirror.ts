import type { Progress } from '../common/progress';

/**
 * Where a debt's tasks are mirrored (a CRM's task list): the port through which the tasks
 * feature, and the debt feature above it, reach the Twenty connector — which sits above
 * both, implements it and registers itself with `TaskService.registerMirror` at start.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class TwentySyncService implements TaskMirror, OnModuleInit {
 *   constructor(private readonly tasks: TaskService) {}
 *   onModuleInit() {
 *     this.tasks.registerMirror(this);
 *   }
 *   async mirrorTasks(workspaceId: string, debtId: string, progress?: Progress) {
 *     // create each of the debt's new tasks in the CRM
 *   }
 * }
 * ```
 */
export interface TaskMirror {
  /**
   * Mirrors the debt's open tasks not mirrored yet. Must not throw for a CRM that does not
   * answer: dunning is never held up by it (the next task of the debt retries).
   * `progress` is told while the CRM has a request (a step's heartbeat).
   */
  mirrorTasks(workspaceId: string, debtId: string, progress?: Progress): Promise<void>;
}
