import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { isIsoDate } from '../domain/calendar-date';
import { MAX_INSTALLMENTS, monthlyInstallments } from '../domain/payment-plan';
import { DebtWorkflowsService } from '../debt/debt-workflows.service';
import { DebtService } from '../debt/debt.service';
import { TaskCompletionService } from '../debt/task-completion.service';
import { TaskService } from '../tasks/task.service';
import { TwentyConnectionService } from './twenty-connection.service';
import { TwentyRecordRepository } from './twenty-record.repository';
import { TwentyWebhookEventRepository } from './twenty-webhook-event.repository';
import { fieldName, schemaAt, TwentySchema } from './twenty-schema';

/** A webhook older (or newer) than this is refused: its signature is not fresh. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;

export type WebhookResult = 'APPLIED' | 'IGNORED' | 'DUPLICATE' | 'STALE' | 'REFUSED';

type TwentyRecordPayload = Record<string, unknown> & { id?: string; updatedAt?: string };

interface TwentyWebhookPayload {
  eventName?: string;
  event?: string;
  record?: TwentyRecordPayload;
  /** A short-lived Twenty release batched events this way (call-webhook-jobs.job.ts). */
  items?: Array<{ record?: TwentyRecordPayload }>;
}

/**
 * Twenty → Relance: the signed webhook of one workspace's Twenty (its address names the
 * workspace, its secret is that connection's). A task completed there with its outcome
 * drives the workflow exactly as `completeTask` does, with the same checks — a refused
 * report is flagged back on the Twenty task with the reason; an agent action set on a Debt
 * record (pause with a date, resume, propose a plan) is carried out and set back to NONE
 * with its result. Each accepted event is remembered: the same delivery again is a
 * DUPLICATE and changes nothing, an event about a record older than one applied is STALE.
 */
@Injectable()
export class TwentyInboundService {
  private readonly logger = new Logger('TwentyWebhook');

  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly records: TwentyRecordRepository,
    private readonly events: TwentyWebhookEventRepository,
    private readonly tasks: TaskService,
    private readonly completion: TaskCompletionService,
    private readonly workflows: DebtWorkflowsService,
    private readonly debts: DebtService,
  ) {}

  /** Checks Twenty's signature: hex HMAC-SHA256 of `<timestamp>:<raw body>` with the connection's webhook secret. */
  async verify(workspaceId: string, rawBody: Buffer, timestamp: string | undefined, signature: string | undefined, now = Date.now()) {
    if (!/^[0-9a-f-]{36}$/i.test(workspaceId)) throw new RelanceError('NOT_FOUND', 'No such webhook');
    const secret = await this.connections.webhookSecret(workspaceId);
    if (!secret) throw new RelanceError('NOT_FOUND', 'No Twenty connection for this workspace');
    if (!timestamp || !signature)
      throw new RelanceError('UNAUTHENTICATED', 'Missing X-Twenty-Webhook-Timestamp or X-Twenty-Webhook-Signature');
    const sent = /^\d+$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp);
    if (!Number.isFinite(sent) || Math.abs(now - sent) > WEBHOOK_MAX_AGE_MS)
      throw new RelanceError('UNAUTHENTICATED', 'Webhook timestamp missing or more than 5 minutes off');
    const expected = createHmac('sha256', secret).update(`${timestamp}:`).update(rawBody).digest();
    const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new RelanceError('UNAUTHENTICATED', 'Bad webhook signature');
  }

  /** A verified delivery: each record event in it, once. */
  async receive(workspaceId: string, payload: TwentyWebhookPayload): Promise<WebhookResult> {
    const eventName = payload.eventName ?? payload.event;
    const records = payload.record ? [payload.record] : (payload.items ?? []).map((i) => i.record).filter((r) => r !== undefined);
    let result: WebhookResult = 'IGNORED';
    for (const record of records) result = await this.receiveOne(workspaceId, String(eventName ?? ''), record);
    return result;
  }

  private async receiveOne(workspaceId: string, eventName: string, record: TwentyRecordPayload): Promise<WebhookResult> {
    const [object, operation] = eventName.split('.');
    if (operation !== 'updated' || (object !== 'task' && object !== 'debt') || typeof record.id !== 'string') return 'IGNORED';
    const version = typeof record.updatedAt === 'string' && !Number.isNaN(Date.parse(record.updatedAt)) ? record.updatedAt : null;
    // The event's identity: its record at its version (a replay, or Twenty delivering it twice, has the same).
    const key = createHash('sha256')
      .update(`${eventName}|${record.id}|${version ?? JSON.stringify(record)}`)
      .digest('hex');
    const verdict = await this.events.admit(workspaceId, { key, objectName: object, recordId: record.id, version });
    if (verdict !== 'NEW') return verdict;
    try {
      const connection = (await this.connections.required(workspaceId)).connection;
      const schema = schemaAt(connection.installedVersion);
      const result = object === 'task' ? await this.onTask(workspaceId, schema, record) : await this.onDebt(workspaceId, schema, record);
      await this.events.settle(workspaceId, key, result);
      return result;
    } catch (error) {
      // Not applied: forgotten, so that a new delivery of the same event can be.
      await this.events.forget(workspaceId, key);
      throw error;
    }
  }

  private async onTask(workspaceId: string, schema: TwentySchema, record: TwentyRecordPayload): Promise<WebhookResult> {
    const taskId = await this.records.relanceIdOf(workspaceId, 'TASK', record.id!);
    if (!taskId) return 'IGNORED';
    const task = await this.tasks.state(workspaceId, taskId);
    if (!task || task.status === 'DONE') return 'IGNORED';
    const actor = webhookActor(workspaceId);
    if (record.assigneeId !== undefined && (record.assigneeId ?? null) !== task.assignee) {
      await this.tasks.applyMirroredChange(workspaceId, taskId, {
        assignee: typeof record.assigneeId === 'string' ? record.assigneeId : null,
      });
    }
    if (record.status === 'IN_PROGRESS' && task.status === 'TODO')
      await this.tasks.applyMirroredChange(workspaceId, taskId, { start: true });
    if (record.status !== 'DONE') return 'APPLIED';
    const read = (key: string) => {
      const name = fieldName(schema, key);
      const value = name ? record[name] : undefined;
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const outcome = read('task.relanceOutcome') ?? 'OTHER';
    try {
      const completion = this.tasks.checkCompletion({
        outcome,
        report: read('task.relanceReport') ?? (outcome === 'OTHER' ? 'Marked done in Twenty' : ''),
        promisedDate: read('task.relancePromisedDate')?.slice(0, 10),
      });
      await this.completion.complete(actor, taskId, completion);
      await this.flagBack(workspaceId, schema, 'task', record.id!, { 'task.relanceFeedback': `Recorded in Relance: ${outcome}` });
      return 'APPLIED';
    } catch (error) {
      if (!(error instanceof RelanceError) || error.code !== 'BAD_USER_INPUT') throw error;
      // Refused: the task goes back to where it was in Relance, with the reason on it.
      await this.flagBack(workspaceId, schema, 'task', record.id!, {
        status: task.status,
        'task.relanceFeedback': `Not recorded: ${error.message}`,
      });
      return 'REFUSED';
    }
  }

  private async onDebt(workspaceId: string, schema: TwentySchema, record: TwentyRecordPayload): Promise<WebhookResult> {
    const actionField = fieldName(schema, 'debt.agentAction');
    const action = actionField ? record[actionField] : undefined;
    if (typeof action !== 'string' || action === 'NONE' || action === '') return 'IGNORED';
    const debtId = await this.records.relanceIdOf(workspaceId, 'DEBT', record.id!);
    if (!debtId) return 'IGNORED';
    const actor = webhookActor(workspaceId);
    const value = (key: string) => {
      const name = fieldName(schema, key);
      return name ? record[name] : undefined;
    };
    let result: string;
    let outcome: WebhookResult = 'APPLIED';
    try {
      if (action === 'PAUSE') {
        const until = typeof value('debt.pauseUntil') === 'string' ? String(value('debt.pauseUntil')).slice(0, 10) : undefined;
        if (until !== undefined && !isIsoDate(until))
          throw new RelanceError('BAD_USER_INPUT', 'Pause until must be a date', { field: 'pauseUntil' });
        const reason =
          typeof value('debt.pauseReason') === 'string' && String(value('debt.pauseReason')).trim()
            ? String(value('debt.pauseReason')).trim()
            : 'Paused from Twenty';
        await this.workflows.message(actor, debtId, { kind: 'pause', reason: reason.slice(0, 500), until });
        result = until ? `Paused until ${until}` : 'Paused until resumed';
      } else if (action === 'RESUME') {
        await this.workflows.message(actor, debtId, { kind: 'resume' });
        result = 'Resumed';
      } else if (action === 'PROPOSE_PLAN') {
        const count = Number(value('debt.planInstallments'));
        const first = typeof value('debt.planFirstDueDate') === 'string' ? String(value('debt.planFirstDueDate')).slice(0, 10) : '';
        if (!Number.isInteger(count) || count < 2 || count > MAX_INSTALLMENTS)
          throw new RelanceError('BAD_USER_INPUT', `Plan installments must be 2 to ${MAX_INSTALLMENTS}`, { field: 'planInstallments' });
        if (!isIsoDate(first))
          throw new RelanceError('BAD_USER_INPUT', 'Plan first due date must be a date', { field: 'planFirstDueDate' });
        const debt = await this.debts.get(actor, debtId);
        await this.workflows.message(actor, debtId, {
          kind: 'proposePlan',
          installments: monthlyInstallments(Number(debt.amountCents), count, first),
        });
        result = `Payment plan of ${count} monthly installments from ${first} recorded`;
      } else {
        throw new RelanceError('BAD_USER_INPUT', `Unknown agent action ${action}`, { field: 'agentAction' });
      }
    } catch (error) {
      if (!(error instanceof RelanceError) || error.code !== 'BAD_USER_INPUT') throw error;
      result = `Not done: ${error.message}`;
      outcome = 'REFUSED';
    }
    // The action's parameters are cleared with it: the next action never picks up this one's date or count.
    await this.flagBack(workspaceId, schema, 'debt', record.id!, {
      'debt.agentAction': 'NONE',
      'debt.agentActionResult': result,
      'debt.pauseUntil': null,
      'debt.pauseReason': null,
      'debt.planInstallments': null,
      'debt.planFirstDueDate': null,
    });
    return outcome;
  }

  /** Writes Relance's answer on the Twenty record; a Twenty that does not take it is logged (the change itself stands). */
  private async flagBack(
    workspaceId: string,
    schema: TwentySchema,
    object: 'task' | 'debt',
    twentyId: string,
    entries: Record<string, unknown>,
  ) {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
      const name = key.includes('.') ? fieldName(schema, key) : key;
      if (name) values[name] = value;
    }
    try {
      const { client } = await this.connections.required(workspaceId);
      const names = object === 'task' ? { nameSingular: 'task', namePlural: 'tasks' } : schema.objects.get('debt')!;
      await client.update(names, twentyId, values);
    } catch (error) {
      this.logger.warn({ err: error, workspaceId, object, twentyId }, 'Could not write Relance’s answer back on the Twenty record');
    }
  }
}

const webhookActor = (workspaceId: string): Actor => ({ workspaceId, apiKeyId: 'twenty-webhook', role: 'AGENT' });
