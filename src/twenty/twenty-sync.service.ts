import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { NO_PROGRESS, Progress } from '../common/progress';
import { RelanceError } from '../common/relance.error';
import { TaskCompletionService } from '../debt/task-completion.service';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import type { TaskMirror } from '../tasks/task-mirror';
import { TaskService } from '../tasks/task.service';
import { TwentyClient } from './twenty-client';

/** A webhook older than this is refused: a captured request cannot be replayed later. */
const WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * The Twenty connector (off unless TWENTY_API_URL and TWENTY_API_KEY are set): recovery
 * tasks are mirrored into the Twenty workspace as Tasks, with a TaskTarget on each tenant
 * Twenty knows by e-mail; Twenty's signed `task.updated` webhook brings back an agent
 * starting, assigning or completing one there. It is the tasks' {@link TaskMirror}: the
 * tasks and debt features, below it, mirror new tasks through TaskService.
 */
@Injectable()
export class TwentySyncService implements TaskMirror, OnModuleInit {
  private readonly logger = new Logger('Twenty');
  private readonly client: TwentyClient | undefined;

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly tasks: TaskService,
    private readonly completion: TaskCompletionService,
  ) {
    const { twentyApiUrl, twentyApiKey } = runtime.config;
    this.client = twentyApiUrl && twentyApiKey ? new TwentyClient(twentyApiUrl, twentyApiKey) : undefined;
  }

  onModuleInit(): void {
    this.tasks.registerMirror(this);
  }

  /**
   * Mirrors the debt's open tasks not in Twenty yet. A CRM that does not answer does not
   * hold up dunning: the failure is logged and the next task of the debt retries.
   * `progress` is told while Twenty has a request (a step's heartbeat).
   */
  async mirrorTasks(workspaceId: string, debtId: string, progress: Progress = NO_PROGRESS): Promise<void> {
    if (!this.client) return;
    const client = this.client;
    for (const task of await this.tasks.unmirrored({ workspaceId, debtId })) {
      try {
        const twentyId = await progress.during(() =>
          client.createTask({
            title: task.title,
            body: `${task.body}\n\n_Relance task ${task.id}_`,
            dueAt: task.dueAt,
            status: task.status,
          }),
        );
        await this.tasks.recordMirror(workspaceId, task.id, twentyId);
        for (const email of task.tenantEmails) {
          const person = await progress.during(() => client.findPersonByEmail(email));
          if (person) await progress.during(() => client.createTaskTarget(twentyId, person));
        }
      } catch (error) {
        this.logger.warn({ err: error, workspaceId, debtId, taskId: task.id }, 'Task not mirrored to Twenty yet');
        return;
      }
    }
  }

  /** Checks Twenty's signature: HMAC-SHA256 of `<timestamp>:<body>` with the webhook's secret, hex. */
  verifySignature(rawBody: Buffer, timestamp: string | undefined, signature: string | undefined, now = Date.now()): void {
    const secret = this.runtime.config.twentyWebhookSecret;
    if (!secret) throw new RelanceError('FORBIDDEN', 'Twenty webhooks are off: set TWENTY_WEBHOOK_SECRET');
    if (!timestamp || !signature)
      throw new RelanceError('UNAUTHENTICATED', 'Missing X-Twenty-Webhook-Timestamp or X-Twenty-Webhook-Signature');
    const sent = /^\d+$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp);
    if (!Number.isFinite(sent) || Math.abs(now - sent) > WEBHOOK_MAX_AGE_MS) {
      throw new RelanceError('UNAUTHENTICATED', 'Webhook timestamp missing or more than 5 minutes off');
    }
    const expected = createHmac('sha256', secret).update(`${timestamp}:`).update(rawBody).digest();
    const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new RelanceError('UNAUTHENTICATED', 'Bad webhook signature');
  }

  /** A verified `task.updated`: starts, assigns or completes the mirrored task here. Other events are ignored. */
  async onWebhook(payload: { event?: string; eventName?: string; data?: TwentyTask; record?: TwentyTask }): Promise<'APPLIED' | 'IGNORED'> {
    const event = payload.event ?? payload.eventName;
    const record = payload.data ?? payload.record;
    if (event !== 'task.updated' || !record?.id) return 'IGNORED';
    const task = await this.tasks.findMirrored(record.id);
    if (!task || task.status === 'DONE') return 'IGNORED';
    const actor: Actor = { workspaceId: task.workspaceId, apiKeyId: 'twenty-webhook', role: 'AGENT' };
    if (record.assigneeId !== undefined && (record.assigneeId ?? null) !== task.assignee) {
      await this.tasks.applyMirroredChange(task.workspaceId, task.id, { assignee: record.assigneeId ?? null });
    }
    if (record.status === 'IN_PROGRESS' && task.status === 'TODO') {
      await this.tasks.applyMirroredChange(task.workspaceId, task.id, { start: true });
    }
    if (record.status === 'DONE') {
      // Twenty's Task has no outcome: the scenario is told the call happened, nothing more.
      // A promise, a dispute or a wrong number is recorded with completeTask in Relance.
      await this.completion.complete(actor, task.id, { outcome: 'OTHER', report: 'Marked done in Twenty' });
    }
    return 'APPLIED';
  }
}

interface TwentyTask {
  id?: string;
  status?: string;
  assigneeId?: string | null;
}
