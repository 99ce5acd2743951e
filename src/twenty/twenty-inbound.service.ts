import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { isIsoDate } from '../domain/calendar-date';
import { MAX_INSTALLMENTS, monthlyInstallments } from '../domain/payment-plan';
import { DebtWorkflowsService } from '../debt/debt-workflows.service';
import { DebtService } from '../debt/debt.service';
import { TaskCompletionService } from '../debt/task-completion.service';
import { RELANCE_RUNTIME, RelanceRuntime, runsWorker } from '../runtime/relance-runtime';
import { TaskService } from '../tasks/task.service';
import { TwentyUnavailableError } from './twenty-client';
import { TwentyConnectionService } from './twenty-connection.service';
import { TwentyRecordRepository } from './twenty-record.repository';
import { fieldName, schemaAt, TwentySchema } from './twenty-schema';
import { TwentySyncService } from './twenty-sync.service';
import { TwentyRecordEvent, TwentyRecordRef, TwentyWebhookEventRepository } from './twenty-webhook-event.repository';

/** A webhook older (or newer) than this is refused: its signature is not fresh. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;
/** How long a delivery waits for its record's turn before it is left to the sweep (Twenty itself gives up after 5 s). */
const TURN_WAIT_MS = 15_000;
/** The longest a turn is held: a process that dies holding one frees it after this. */
const TURN_SECONDS = 120;
/** Records retried per sweep. */
const RETRY_BATCH = 100;

export type WebhookResult = 'APPLIED' | 'IGNORED' | 'DUPLICATE' | 'STALE' | 'REFUSED';

type TwentyRecordPayload = Record<string, unknown> & { id?: string; updatedAt?: string };

/**
 * A delivery as Twenty's CallWebhookJob posts it (packages/twenty-server/src/engine/core-modules/webhook/):
 * the whole record after the change (every field, `null` when unset) and, on `*.updated`,
 * `updatedFields`, the fields whose value changed (the keys of the event's diff).
 */
interface TwentyWebhookPayload {
  eventName?: string;
  /** The Twenty workspace the event happened in. */
  workspaceId?: string;
  event?: string;
  record?: TwentyRecordPayload;
  updatedFields?: unknown;
  /** A short-lived Twenty release batched events this way (call-webhook-jobs.job.ts). */
  items?: Array<{ record?: TwentyRecordPayload; updatedFields?: unknown }>;
}

/**
 * What an event may change. `changed`: the fields taken only from the events that name
 * them (the assignee, a Debt's agent action) that this one changed and that no later
 * applied change overtook; UNKNOWN when there is no list — an older Twenty that sends
 * none, or the sweep reading the record back — and they are then read from the record.
 * `latest`: the record is the newest version seen, so what is read from its state (a
 * status, a completion) applies; an older version only brings its named changes.
 */
interface EventScope {
  changed: ReadonlySet<string> | 'UNKNOWN';
  latest: boolean;
}

/** What applying an event did: the answer to Twenty, and the outcome remembered (a trace when the answer could not be written back). */
interface Applied {
  result: WebhookResult;
  outcome: string;
}

const TASK_NAMES = { nameSingular: 'task', namePlural: 'tasks' };

/**
 * Twenty → Relance: the signed webhook of one workspace's Twenty (its address names the
 * workspace, its secret is that connection's). A task completed there with its outcome
 * drives the workflow exactly as `completeTask` does, with the same checks — a refused
 * report is flagged back on the Twenty task with the reason (durably, through the sync's
 * {@link TwentySyncService.flagTask}); an agent action set on a Debt record (pause with a
 * date, resume, propose a plan) is carried out and set back to NONE with its result.
 *
 * **Order and replays.** Twenty posts deliveries concurrently, so two versions of one
 * record can arrive together and in either order. Each record has a turn (a row, see
 * {@link TwentyWebhookEventRepository.claimTurn}): one delivery at a time admits and
 * applies that record's events, the others wait. Under the turn, the same event again is
 * a DUPLICATE and changes nothing; an event about a version older than one seen is STALE:
 * what is read from a record's state (its status, a completion) is read from the newest
 * version only, so a newer version applied is never undone by an older one. An event
 * must carry the record's `updatedAt` (Twenty's always do): without it there is no order,
 * and it is refused (400).
 *
 * **Echoes.** Twenty sends the whole record, nulls included, also after Relance's own
 * sync writes to it, and an agent action set on a Debt is in every record it sends until
 * Relance answers it. So the assignee and the agent action are taken only from the event
 * whose `updatedFields` names them — the change the Twenty user made, applied once —
 * unless a later change to the same field was applied already. That holds in any order:
 * a user's change delivered after the echo of a later sync write still counts, though
 * the echo's version made it STALE. (Without `updatedFields`, an older Twenty: an assignee
 * set is taken, never a null, and an action shown is carried out.)
 *
 * **Failures.** When Relance cannot apply an event (Temporal or the database down), the
 * event stays PENDING and Twenty is answered 503, which its webhook log shows. Twenty
 * never sends a delivery again, so the worker's sweep ({@link retryPending}, every
 * TWENTY_SYNC_INTERVAL_SECONDS like the sync) reads each such record back from Twenty and
 * applies it as it is then. After two days it is given up, with an error in the log.
 */
@Injectable()
export class TwentyInboundService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TwentyWebhook');
  private timer: NodeJS.Timeout | undefined;
  private retrying: Promise<number> | undefined;

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly connections: TwentyConnectionService,
    private readonly records: TwentyRecordRepository,
    private readonly events: TwentyWebhookEventRepository,
    private readonly sync: TwentySyncService,
    private readonly tasks: TaskService,
    private readonly completion: TaskCompletionService,
    private readonly workflows: DebtWorkflowsService,
    private readonly debts: DebtService,
  ) {}

  onModuleInit(): void {
    if (!runsWorker(this.runtime.mode)) return;
    // As often as the sync runs: both catch up with Twenty after an outage.
    this.timer = setInterval(() => void this.retryPending().catch(() => undefined), this.runtime.config.twentySyncIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.retrying?.catch(() => undefined);
  }

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

  /** A verified delivery: each record event in it, once, in order. */
  async receive(workspaceId: string, payload: TwentyWebhookPayload): Promise<WebhookResult> {
    // Signed with this connection's secret, yet from another Twenty workspace (a secret reused across two): refused.
    const expected = await this.connections.twentyWorkspaceOf(workspaceId);
    if (expected && typeof payload.workspaceId === 'string' && payload.workspaceId !== expected)
      throw new RelanceError('FORBIDDEN', 'This webhook comes from another Twenty workspace than the one connected', {
        field: 'workspaceId',
      });
    const eventName = String(payload.eventName ?? payload.event ?? '');
    const items = payload.record ? [{ record: payload.record, updatedFields: payload.updatedFields }] : (payload.items ?? []);
    let result: WebhookResult = 'IGNORED';
    for (const { record, updatedFields } of items)
      if (record) result = await this.receiveOne(workspaceId, eventName, record, fieldList(updatedFields));
    return result;
  }

  /**
   * Applies again the events Relance could not apply when they came (left PENDING): for
   * each such record, under its turn, the record as Twenty has it now, read back through
   * its API — the state the failed event led to, or a later one. A record Twenty no
   * longer has settles them as IGNORED; a Twenty that does not answer leaves them for the
   * next sweep. Runs in the worker at the sync's interval; returns how many records it settled.
   */
  retryPending(): Promise<number> {
    this.retrying ??= this.retryAll().finally(() => (this.retrying = undefined));
    return this.retrying;
  }

  private async receiveOne(
    workspaceId: string,
    eventName: string,
    record: TwentyRecordPayload,
    updatedFields: string[] | undefined,
  ): Promise<WebhookResult> {
    const [object, operation] = eventName.split('.');
    if (operation !== 'updated' || (object !== 'task' && object !== 'debt') || typeof record.id !== 'string') return 'IGNORED';
    const version = versionOf(record.updatedAt);
    if (!version)
      throw new RelanceError('BAD_USER_INPUT', 'The record has no updatedAt: Relance cannot tell this event from an older one', {
        field: 'record.updatedAt',
      });
    const event: TwentyRecordEvent = { key: eventKey(eventName, record.id, version), objectName: object, recordId: record.id, version };
    const turn = await this.withTurn(workspaceId, event, TURN_WAIT_MS, async () => {
      const admission = await this.events.admit(workspaceId, event);
      if (admission === 'DUPLICATE') return admission;
      const latest = admission !== 'STALE';
      if (updatedFields === undefined && !latest) return 'STALE';
      return this.apply(workspaceId, event, record, { changed: updatedFields ? new Set(updatedFields) : 'UNKNOWN', latest });
    });
    if (turn) return turn.done;
    // Another delivery of the record has held its turn that long: this one is remembered for the sweep.
    const admission = await this.events.admit(workspaceId, event);
    if (admission === 'DUPLICATE' || admission === 'STALE') return admission;
    throw new RelanceError('UNAVAILABLE', 'Relance is busy with this record: the event is kept and applied shortly');
  }

  /**
   * Runs `work` holding the record's turn; undefined when another delivery held it for
   * `waitMs` (0: one try). Waiting polls: deliveries of one record come a few at a time.
   */
  private async withTurn<T>(workspaceId: string, record: TwentyRecordRef, waitMs: number, work: () => Promise<T>) {
    const deadline = Date.now() + waitMs;
    let token = await this.events.claimTurn(workspaceId, record, TURN_SECONDS);
    while (token === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 15 + Math.random() * 35));
      token = await this.events.claimTurn(workspaceId, record, TURN_SECONDS);
    }
    if (token === undefined) return undefined;
    try {
      return { done: await work() };
    } finally {
      await this.events.releaseTurn(workspaceId, record, token);
    }
  }

  /**
   * Applies an admitted event and settles it, with the versions of the named fields it
   * changed. When that fails the event is left PENDING and the error is UNAVAILABLE (a
   * 503 to Twenty); an older version with nothing left to apply stays STALE.
   */
  private async apply(
    workspaceId: string,
    event: TwentyRecordEvent,
    record: TwentyRecordPayload,
    scope: EventScope,
  ): Promise<WebhookResult> {
    let applied: Applied;
    let named: string[];
    try {
      const schema = schemaAt((await this.connections.required(workspaceId)).connection.installedVersion);
      const watched = event.objectName === 'task' ? ['assigneeId'] : [fieldName(schema, 'debt.agentAction')].filter((f) => f !== undefined);
      const { changed } = scope;
      named = changed === 'UNKNOWN' ? watched : watched.filter((field) => changed.has(field));
      const overtaken = await this.events.overtaken(workspaceId, event, named);
      named = named.filter((field) => !overtaken.has(field));
      if (!scope.latest && named.length === 0) return 'STALE';
      const narrowed: EventScope = { changed: changed === 'UNKNOWN' ? 'UNKNOWN' : new Set(named), latest: scope.latest };
      applied =
        event.objectName === 'task'
          ? await this.onTask(workspaceId, schema, record, narrowed)
          : await this.onDebt(workspaceId, schema, record, narrowed);
    } catch (error) {
      this.logger.warn(
        { err: error, workspaceId, object: event.objectName, twentyId: event.recordId, version: event.version },
        'Could not apply a Twenty event: it is kept and applied again shortly',
      );
      if (!scope.latest) await this.events.reopen(workspaceId, event);
      throw new RelanceError('UNAVAILABLE', 'Relance could not apply this event now: it is kept and applied again shortly', {
        cause: error,
      });
    }
    await this.events.settle(workspaceId, event, applied.outcome, named);
    return applied.result;
  }

  private async onTask(workspaceId: string, schema: TwentySchema, record: TwentyRecordPayload, scope: EventScope): Promise<Applied> {
    const taskId = await this.records.relanceIdOf(workspaceId, 'TASK', record.id!);
    if (!taskId) return settled('IGNORED');
    const task = await this.tasks.state(workspaceId, taskId);
    if (!task || task.status === 'DONE') return settled('IGNORED');
    const actor = webhookActor(workspaceId);
    const assignee = assigneeSet(record, scope.changed);
    if (assignee !== undefined && assignee !== task.assignee) await this.tasks.applyMirroredChange(workspaceId, taskId, { assignee });
    // An older version's status is not the task's any more: only its own change of assignee counted.
    if (!scope.latest) return settled('APPLIED');
    if (record.status === 'IN_PROGRESS' && task.status === 'TODO')
      await this.tasks.applyMirroredChange(workspaceId, taskId, { start: true });
    if (record.status !== 'DONE') return settled('APPLIED');
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
    } catch (error) {
      if (!(error instanceof RelanceError) || error.code !== 'BAD_USER_INPUT') throw error;
      // Refused: the task goes back to where it was in Relance, with the reason on it. The sync keeps that
      // write until Twenty takes it; should even keeping it fail, the event stays PENDING and is refused again.
      await this.sync.flagTask(workspaceId, taskId, { status: task.status, 'task.relanceFeedback': `Not recorded: ${error.message}` });
      return settled('REFUSED');
    }
    return this.afterApplied(() => this.sync.flagTask(workspaceId, taskId, { 'task.relanceFeedback': `Recorded in Relance: ${outcome}` }), {
      workspaceId,
      object: 'task',
      twentyId: record.id!,
    });
  }

  private async onDebt(workspaceId: string, schema: TwentySchema, record: TwentyRecordPayload, scope: EventScope): Promise<Applied> {
    const actionField = fieldName(schema, 'debt.agentAction');
    const action = actionField ? record[actionField] : undefined;
    if (typeof action !== 'string' || action === 'NONE' || action === '') return settled('IGNORED');
    // An action set and not answered yet is in every record Twenty sends meanwhile (echoes of the sync's
    // writes included): it is carried out from the event that set it, once, whichever order they come in.
    if (scope.changed !== 'UNKNOWN' && !scope.changed.has(actionField!)) return settled('IGNORED');
    const debtId = await this.records.relanceIdOf(workspaceId, 'DEBT', record.id!);
    if (!debtId) return settled('IGNORED');
    const actor = webhookActor(workspaceId);
    const value = (key: string) => {
      const name = fieldName(schema, key);
      return name ? record[name] : undefined;
    };
    let result: string;
    let refused = false;
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
      refused = true;
    }
    // The action's parameters are cleared with it: the next action never picks up this one's date or count.
    const answer = () =>
      this.writeOnDebt(workspaceId, schema, record.id!, {
        'debt.agentAction': 'NONE',
        'debt.agentActionResult': result,
        'debt.pauseUntil': null,
        'debt.pauseReason': null,
        'debt.planInstallments': null,
        'debt.planFirstDueDate': null,
      });
    // A refusal changed nothing: if Twenty does not take the answer, the event stays PENDING and is refused
    // and answered again by the sweep. A done action must not be done twice: its answer is only traced.
    if (refused) {
      await answer();
      return settled('REFUSED');
    }
    return this.afterApplied(answer, { workspaceId, object: 'debt', twentyId: record.id! });
  }

  /**
   * Writes Relance's answer after a change that stands: a write that fails is logged at
   * warn and remembered as the event's outcome (APPLIED_NO_FLAG), never retried by
   * applying the event again, which would do the change twice.
   */
  private async afterApplied(
    write: () => Promise<unknown>,
    where: { workspaceId: string; object: string; twentyId: string },
  ): Promise<Applied> {
    try {
      await write();
      return settled('APPLIED');
    } catch (error) {
      this.logger.warn({ err: error, ...where }, 'Applied a Twenty event, but could not write Relance’s answer back on the Twenty record');
      return { result: 'APPLIED', outcome: 'APPLIED_NO_FLAG' };
    }
  }

  /** Writes Relance's answer on the Twenty Debt record, directly (the sync keeps no write for debts); throws what Twenty answered. */
  private async writeOnDebt(workspaceId: string, schema: TwentySchema, twentyId: string, entries: Record<string, unknown>) {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
      const name = fieldName(schema, key);
      if (name) values[name] = value;
    }
    const { client } = await this.connections.required(workspaceId);
    await client.update(schema.objects.get('debt')!, twentyId, values);
  }

  private async retryAll(): Promise<number> {
    for (const given of await this.events.abandonExpired())
      this.logger.error(given, 'Gave up a Twenty event Relance could not apply for two days: set the change again in Twenty');
    await this.events.purge();
    const unreachable = new Set<string>();
    let count = 0;
    for (const pending of await this.events.pendingRecords(RETRY_BATCH)) {
      if (unreachable.has(pending.workspaceId)) continue;
      try {
        const turn = await this.withTurn(pending.workspaceId, pending, 0, () => this.retryRecord(pending.workspaceId, pending));
        if (turn?.done) count++;
      } catch (error) {
        if (error instanceof TwentyUnavailableError) unreachable.add(pending.workspaceId);
        this.logger.warn({ err: error, ...pending }, 'A Twenty event kept for later could not be applied yet');
      }
    }
    return count;
  }

  /** Under the record's turn: applies the record as Twenty has it now; true when its PENDING events are settled. */
  private async retryRecord(workspaceId: string, ref: TwentyRecordRef): Promise<boolean> {
    if (!(await this.events.hasPending(workspaceId, ref))) return false;
    const target = await this.connections.required(workspaceId).catch((error: unknown) => {
      if (error instanceof RelanceError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    const names = target && (ref.objectName === 'task' ? TASK_NAMES : schemaAt(target.connection.installedVersion).objects.get('debt'));
    const [record] = target && names ? await target.client.find(names.namePlural, { id: ref.recordId }, 1) : [];
    const version = versionOf(record?.updatedAt);
    if (!record || !version) {
      // No connection, no such object or record any more: there is nothing left to apply.
      await this.events.settlePending(workspaceId, ref, 'IGNORED');
      return true;
    }
    const event: TwentyRecordEvent = { ...ref, key: eventKey(`${ref.objectName}.updated`, ref.recordId, version), version };
    // Applied as it is now even when this version's own delivery was applied already: an event before it is
    // still PENDING, with changes that its successors did not name. They are read from the record.
    await this.events.admit(workspaceId, event);
    const result = await this.apply(workspaceId, event, record, { changed: 'UNKNOWN', latest: true });
    await this.events.settlePending(workspaceId, ref, result === 'IGNORED' ? 'IGNORED' : 'SUPERSEDED');
    return true;
  }
}

const settled = (result: WebhookResult): Applied => ({ result, outcome: result });

/** The event's identity: its record at its version (a replay, or Twenty delivering it twice, has the same). */
const eventKey = (eventName: string, recordId: string, version: string) =>
  createHash('sha256').update(`${eventName}|${recordId}|${version}`).digest('hex');

const versionOf = (updatedAt: unknown): string | undefined =>
  typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) ? updatedAt : undefined;

/** `updatedFields`, a relation named by its join column (`assignee` → `assigneeId`), as the record carries it. */
const fieldList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((name) => typeof name === 'string')
    ? value.map((name: string) => (name === 'assignee' ? 'assigneeId' : name))
    : undefined;

/**
 * The assignee an event sets (null: nobody), undefined when it sets none. Twenty sends
 * `assigneeId: null` whenever nobody is assigned there, echoes of Relance's own writes
 * included: only an event whose `updatedFields` names the assignee changes it. Without the
 * list, a member assigned in Twenty is taken, and a null never clears Relance's assignee.
 */
function assigneeSet(record: TwentyRecordPayload, changed: EventScope['changed']): string | null | undefined {
  const value = typeof record.assigneeId === 'string' && record.assigneeId !== '' ? record.assigneeId : null;
  if (changed === 'UNKNOWN') return value ?? undefined;
  return changed.has('assigneeId') ? value : undefined;
}

const webhookActor = (workspaceId: string): Actor => ({ workspaceId, apiKeyId: 'twenty-webhook', role: 'AGENT' });
