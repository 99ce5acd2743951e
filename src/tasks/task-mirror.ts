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
 *   async mirrorTasks(workspaceId: string) {
 *     this.nudge(workspaceId); // the sync takes the new tasks on its next pass, now
 *   }
 * }
 * ```
 */
export interface TaskMirror {
  /**
   * The debt's tasks changed (one was opened): bring them to the CRM soon. Returns at once
   * and never throws: dunning is never held up by the CRM (the connector's outbox keeps
   * what it has not sent, and retries).
   */
  mirrorTasks(workspaceId: string, debtId: string): Promise<void>;
}
