import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { DocumentService } from '../messaging/documents/document.service';
import { daysBetween, IsoDate } from '../domain/calendar-date';
import { RELANCE_RUNTIME, RelanceRuntime, runsWorker } from '../runtime/relance-runtime';
import type { TaskMirror } from '../tasks/task-mirror';
import { TaskService } from '../tasks/task.service';
import { TwentyApiError, TwentyClient, TwentyObjectMetadata, TwentyRecordValues, TwentyUnavailableError } from './twenty-client';
import { TwentyConnectionRepository } from './twenty-connection.repository';
import { TwentyConnectionService } from './twenty-connection.service';
import type { TwentyRecordKind } from './twenty-record.entity';
import { DueRecord, TwentyRecordRepository } from './twenty-record.repository';
import { fieldName, schemaAt, TwentySchema } from './twenty-schema';

/** In dependency order: a record's relations point at records of kinds before it. */
const KIND_ORDER: readonly TwentyRecordKind[] = ['PERSON', 'COMPANY', 'LEASE', 'LEASE_PARTY', 'DEBT', 'TASK', 'NOTE', 'LETTER'];
const BATCH = 100;
/** A pass stops taking new batches after this long, and holds its claim a while longer. */
const PASS_BUDGET_MS = 60_000;
const CLAIM_SECONDS = 180;

const micros = (cents: unknown) => ({ amountMicros: Number(cents ?? 0) * 10_000, currencyCode: 'EUR' });
const daysLate = (oldest: unknown, today: IsoDate) => (typeof oldest === 'string' ? Math.max(0, daysBetween(oldest, today)) : 0);

/** Why a record waits: a record it points at is not in Twenty yet (it is due again next pass, not failed). */
class WaitingFor extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ObjectNames = { nameSingular: string; namePlural: string };

/** Where a task's or note's link to its Debt record goes: the junction object and the link's two keys. */
interface DebtLink {
  junction: ObjectNames;
  /** `taskId` or `noteId`. */
  ownKey: string;
  /** `targetDebtId` (morph) or `debtId`. */
  debtKey: string;
  debtTwentyId: string;
}

/** What a pass needs to know of the workspace's Twenty. */
interface PassContext {
  workspaceId: string;
  client: TwentyClient;
  schema: TwentySchema;
  today: IsoDate;
  /** The target field of taskTarget / noteTarget for an object: `targetDebtId` (morph) or `debtId`. */
  targetKey(junction: 'taskTarget' | 'noteTarget', object: string): string | undefined;
  baseUrl: string;
}

/**
 * Relance → Twenty, through the `twenty_record` outbox: each pass pushes, kind by kind, the
 * rows whose version Twenty has not acknowledged — people (tenants, guarantors), companies
 * (legal-entity landlords), leases, lease parties, debts, tasks, and the debts' timeline
 * entries and letters as notes. Upserts are keyed by Relance's ids (a `relanceId` field,
 * looked up before creating: a crash between Twenty's answer and the acknowledgement never
 * makes a duplicate). A version is acknowledged once Twenty has all of it: a task or note
 * with its link to the Debt record, a task with Relance's answer to write back on it
 * ({@link flagTask}); what failed is due again, and what Twenty already has is found, not
 * made twice.
 *
 * Twenty down (no answer, 5xx, 429) or the key refused ends the pass and backs the
 * workspace off. Any other failure is one record's (Twenty refused it, or Relance could
 * not record Twenty's answer): it is marked failed with its own backoff and error, and the
 * pass goes on — one record never holds up the workspace (a database that cannot record
 * even the failure ends the pass). Dunning never waits for any of it: the workflow only
 * writes rows, which this picks up.
 *
 * People and companies are matched in Twenty by what Twenty itself keeps them apart by:
 * a Person by e-mail (Twenty's `emails` is unique: it cannot hold two people with one
 * address), a Company by name (Twenty's duplicate check for companies). Two tenants of
 * Relance sharing an address — a couple, or one tenant entered twice — are one Twenty
 * Person; each lease party names its own tenant. A Twenty record several Relance rows
 * share is written by none of them: whose name and phone would it carry? It keeps what it
 * had when the second row found it, and each row only links to it; a row whose e-mail or
 * name changes leaves it for the record that matches, or a new one.
 *
 * Passes run every TWENTY_SYNC_INTERVAL_SECONDS in the worker, and soon after a nudge (a
 * task opened: the {@link TaskMirror} port) in any process; a claim on the connection row
 * keeps two processes from running the same workspace at once.
 */
@Injectable()
export class TwentySyncService implements TaskMirror, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TwentySync');
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Promise<void>>();
  /** Workspaces nudged while their pass ran, and whether one of those nudges forces past a backoff. */
  private readonly again = new Map<string, boolean>();
  private stopped = false;

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly connections: TwentyConnectionService,
    private readonly connectionRows: TwentyConnectionRepository,
    private readonly records: TwentyRecordRepository,
    private readonly tasks: TaskService,
    private readonly documents: DocumentService,
  ) {}

  onModuleInit(): void {
    this.tasks.registerMirror(this);
    if (runsWorker(this.runtime.mode)) {
      this.timer = setInterval(() => void this.tick(), this.runtime.config.twentySyncIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** The TaskMirror port: a task was opened, sync the workspace soon. Returns at once and never throws. */
  async mirrorTasks(workspaceId: string): Promise<void> {
    this.nudge(workspaceId);
  }

  /**
   * Runs a pass for the workspace now, or right after the one running. While Twenty is
   * down the connection backs off, and a nudge (a task opened, a flag stored) waits for
   * the backoff rather than hammering it; `force` (an admin's "sync now", an install) does not.
   */
  nudge(workspaceId: string, options: { force?: boolean } = {}): void {
    if (this.stopped) return;
    const force = options.force === true;
    if (this.running.has(workspaceId)) {
      this.again.set(workspaceId, force || this.again.get(workspaceId) === true);
      return;
    }
    const pass = this.claimedPass(workspaceId, force)
      .catch((error) => this.logger.error({ err: error, workspaceId }, 'Twenty sync pass crashed'))
      .finally(() => {
        this.running.delete(workspaceId);
        const again = this.again.get(workspaceId);
        if (again === undefined) return;
        this.again.delete(workspaceId);
        this.nudge(workspaceId, { force: again });
      });
    this.running.set(workspaceId, pass);
  }

  /**
   * Writes fields on a task's Twenty record — Relance's answer to a completion made there:
   * why it was refused, with the status it goes back to, or that it was recorded — durably:
   * kept on the task's outbox row until Twenty accepts them (Twenty down, they wait; a
   * refusal backs off and is tried again), then cleared. A later call for the same task
   * replaces fields not sent yet. Keys are schema keys (`task.relanceFeedback`, written
   * under the workspace's field name at its installed version, left out before it has the
   * field) or Twenty's own fields (`status`). Returns once stored; the sync runs soon after.
   *
   * @example
   * await sync.flagTask(workspaceId, taskId, { status: 'TODO', 'task.relanceFeedback': 'Not recorded: the report is empty' });
   */
  async flagTask(workspaceId: string, relanceTaskId: string, fields: Record<string, string | null>): Promise<void> {
    if (!UUID.test(relanceTaskId) || !(await this.records.flag(workspaceId, relanceTaskId, fields)))
      throw new RelanceError('NOT_FOUND', `No task ${relanceTaskId} in this workspace`, { field: 'relanceTaskId' });
    this.nudge(workspaceId);
  }

  /** Waits for the passes running now (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async tick(): Promise<void> {
    try {
      for (const workspaceId of await this.connectionRows.dueForSync()) this.nudge(workspaceId);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not list the workspaces to sync with Twenty');
    }
  }

  private async claimedPass(workspaceId: string, force: boolean): Promise<void> {
    if (!(await this.connectionRows.claim(workspaceId, CLAIM_SECONDS, { pastBackoff: force }))) return;
    try {
      await this.pass(workspaceId);
      await this.connectionRows.release(workspaceId, { ok: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ workspaceId, error: message }, 'Twenty sync pass stopped; it backs off and tries again');
      await this.connectionRows.release(workspaceId, { ok: false, error: message });
    }
  }

  /** One pass; throws (ending it) when Twenty is down or refuses the key. */
  private async pass(workspaceId: string): Promise<void> {
    const { connection, client } = await this.connections.required(workspaceId);
    if (connection.installedVersion === 0) return;
    const objects = await client.objects();
    const context: PassContext = {
      workspaceId,
      client,
      schema: schemaAt(connection.installedVersion),
      today: todayIn(),
      targetKey: (junction, object) => targetKeyOf(objects, junction, object),
      baseUrl: this.connections.publicBaseUrl(),
    };
    const started = Date.now();
    for (const kind of KIND_ORDER) {
      for (;;) {
        const due = await this.records.due(workspaceId, kind, context.today, BATCH);
        let acknowledged = 0;
        for (const record of due) if (await this.push(context, kind, record)) acknowledged++;
        if (due.length < BATCH || acknowledged === 0 || Date.now() - started > PASS_BUDGET_MS) break;
      }
    }
  }

  /**
   * Pushes one record — its values, its link to the Debt record, the fields flagged on it —
   * and acknowledges that version; true when Twenty has all of it. Rethrows only what ends
   * the pass (Twenty down, the key refused); any other failure is this record's alone.
   */
  private async push(context: PassContext, kind: TwentyRecordKind, record: DueRecord): Promise<boolean> {
    try {
      // Before the record: a task or note waits for its Debt record rather than going to Twenty without it.
      const link = await this.debtLink(context, kind, record);
      const twentyId = await this.write(context, kind, record);
      const linkTwentyId = link ? await this.linked(context, link, record, twentyId) : null;
      await this.records.markSynced(context.workspaceId, kind, record.id, {
        twentyId,
        version: record.version,
        linkTwentyId,
        flagAt: record.pendingFlagAt,
      });
      return true;
    } catch (error) {
      if (error instanceof WaitingFor) return false;
      if (error instanceof TwentyUnavailableError || (error instanceof TwentyApiError && error.authRefused)) throw error;
      const message =
        error instanceof TwentyApiError
          ? error.message
          : `Relance could not sync it: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.warn(
        { workspaceId: context.workspaceId, kind, relanceId: record.id, error: message },
        'A record did not reach Twenty; it backs off',
      );
      await this.records.markFailed(context.workspaceId, kind, record.id, message);
      return false;
    }
  }

  /** Twenty's id of the parent record a record points at; WaitingFor while Twenty does not have it. */
  private async parent(context: PassContext, kind: TwentyRecordKind, id: unknown): Promise<string> {
    const found = typeof id === 'string' ? (await this.records.twentyIds(context.workspaceId, kind, [id])).get(id) : undefined;
    if (!found) throw new WaitingFor();
    return found;
  }

  /** Where a task's or a note's link to its Debt record goes; undefined for other kinds, or a Twenty without such links. */
  private async debtLink(context: PassContext, kind: TwentyRecordKind, record: DueRecord): Promise<DebtLink | undefined> {
    if (kind !== 'TASK' && kind !== 'NOTE' && kind !== 'LETTER') return undefined;
    // A note is about its debt: it waits for the Debt record. A task goes without one where Twenty has no Debt object.
    if (kind === 'TASK' && !context.schema.objects.has('debt')) return undefined;
    const debtTwentyId = await this.parent(context, 'DEBT', record.data.debtId);
    const junction = kind === 'TASK' ? 'taskTarget' : 'noteTarget';
    const debtKey = context.targetKey(junction, 'debt');
    if (!debtKey) return undefined;
    return {
      junction: { nameSingular: junction, namePlural: `${junction}s` },
      ownKey: kind === 'TASK' ? 'taskId' : 'noteId',
      debtKey,
      debtTwentyId,
    };
  }

  /**
   * The link between a task or note and its Debt record: the one Twenty confirmed before
   * (for the same Twenty record), else the one it has (made by a push whose acknowledgement
   * was lost), else a new one.
   */
  private async linked(context: PassContext, link: DebtLink, record: DueRecord, twentyId: string): Promise<string> {
    if (record.linkTwentyId && record.twentyId === twentyId) return record.linkTwentyId;
    const values = { [link.ownKey]: twentyId, [link.debtKey]: link.debtTwentyId };
    const found = (await context.client.find(link.junction.namePlural, values))[0]?.id;
    return found ?? context.client.create(link.junction, values);
  }

  private async write(context: PassContext, kind: TwentyRecordKind, record: DueRecord): Promise<string> {
    const data = record.data;
    const { schema, today, client } = context;
    const names = (key: 'person' | 'company' | 'lease' | 'leaseParty' | 'debt' | 'task' | 'note'): ObjectNames =>
      key === 'person'
        ? { nameSingular: 'person', namePlural: 'people' }
        : key === 'company'
          ? { nameSingular: 'company', namePlural: 'companies' }
          : key === 'task' || key === 'note'
            ? { nameSingular: key, namePlural: `${key}s` }
            : schema.objects.get(key)!;
    const parent = (parentKind: TwentyRecordKind, id: unknown) => this.parent(context, parentKind, id);
    const values = (entries: Record<string, unknown>) => withSchemaNames(schema, entries);
    switch (kind) {
      case 'PERSON': {
        const person = {
          name: { firstName: data.firstName ?? '', lastName: data.lastName ?? '' },
          ...(data.email ? { emails: { primaryEmail: data.email } } : {}),
          ...(data.phone ? { phones: { primaryPhoneNumber: data.phone } } : {}),
        };
        const email = data.email ? String(data.email) : undefined;
        return this.sharedUpsert(context, kind, record, names('person'), person, async () =>
          email ? (await client.find('people', { 'emails.primaryEmail': email }))[0]?.id : undefined,
        );
      }
      case 'COMPANY':
        return this.sharedUpsert(
          context,
          kind,
          record,
          names('company'),
          { name: data.name },
          async () => (await client.find('companies', { name: String(data.name) }))[0]?.id,
        );
      case 'LEASE': {
        if (!schema.objects.has('lease')) throw new WaitingFor();
        const ended = typeof data.endsOn === 'string' && data.endsOn < today;
        return this.upsert(
          context,
          names('lease'),
          record.twentyId,
          record.id,
          values({
            name: data.reference,
            'lease.unitAddress': data.unitAddress,
            'lease.monthlyRent': micros(data.monthlyRentCents),
            'lease.monthlyCharges': micros(data.monthlyChargesCents),
            'lease.balance': micros(data.balanceCents),
            'lease.daysLate': daysLate(data.oldestUnpaidDueDate, today),
            'lease.status': ended ? 'ENDED' : data.oldestUnpaidDueDate ? 'IN_ARREARS' : 'UP_TO_DATE',
            'lease.landlordName': data.landlordName,
            ...(data.landlordKind === 'LEGAL_ENTITY' ? { 'lease.landlordCompany': await parent('COMPANY', data.landlordId) } : {}),
          }),
        );
      }
      case 'LEASE_PARTY':
        if (!schema.objects.has('leaseParty')) throw new WaitingFor();
        return this.upsert(
          context,
          names('leaseParty'),
          record.twentyId,
          record.id,
          values({
            name: data.name,
            'leaseParty.role': data.role,
            'leaseParty.lease': await parent('LEASE', data.leaseId),
            'leaseParty.person': await parent('PERSON', data.personId),
          }),
        );
      case 'DEBT': {
        if (!schema.objects.has('debt')) throw new WaitingFor();
        const next = data.nextActionKind
          ? `${String(data.nextActionKind)}${data.nextActionStepKey ? ` (${String(data.nextActionStepKey)})` : ''}`
          : null;
        return this.upsert(
          context,
          names('debt'),
          record.twentyId,
          record.id,
          values({
            name: `${String(data.reference)} · ${String(data.openedOn)}`,
            'debt.amount': micros(data.amountCents),
            'debt.daysLate': data.closed ? 0 : daysLate(data.oldestUnpaidDueDate, today),
            'debt.status': data.status,
            'debt.currentStep': data.currentStep,
            'debt.nextAction': next,
            'debt.nextActionAt': data.nextActionAt ?? null,
            'debt.scenario': data.scenario,
            'debt.profile': data.profile,
            'debt.relanceUrl': { primaryLinkUrl: `${context.baseUrl}/app/debts/${record.id}`, primaryLinkLabel: 'Relance' },
            'debt.lease': await parent('LEASE', data.leaseId),
          }),
        );
      }
      case 'TASK': {
        const task = values({
          title: data.title,
          bodyV2: { markdown: String(data.body ?? '') },
          dueAt: data.dueAt,
          status: data.status,
          // The outcome fields are the agent's while the task is open (filled in Twenty before marking it done):
          // Relance writes them only once it has the task's outcome, never blanks them before.
          ...(data.outcome != null
            ? {
                'task.relanceOutcome': data.outcome,
                'task.relancePromisedDate': data.promisedDate ?? null,
                'task.relanceReport': data.report ?? null,
              }
            : {}),
          // Relance's answer to what was done in Twenty, written over the rest (see flagTask).
          ...(record.pendingFlag ?? {}),
        });
        const key = fieldName(schema, 'task.relanceTaskId');
        const existing = record.twentyId ?? (key ? (await client.find('tasks', { [key]: record.id }))[0]?.id : undefined);
        if (existing && (await client.update(names('task'), existing, task))) return existing;
        return client.create(names('task'), { ...task, ...(key ? { [key]: record.id } : {}) });
      }
      case 'NOTE': {
        const key = fieldName(schema, 'note.relanceEventId');
        if (!key) throw new WaitingFor();
        const existing = record.twentyId ?? (await client.find('notes', { [key]: record.id }))[0]?.id;
        if (existing) return existing;
        const markdown = `${String(data.kind)} · ${String(data.occurredAt)}\n\n${String(data.summary)}`;
        return client.create(names('note'), { title: String(data.summary).slice(0, 200), bodyV2: { markdown }, [key]: record.id });
      }
      case 'LETTER': {
        const key = fieldName(schema, 'note.relanceEventId');
        if (!key) throw new WaitingFor();
        // The letter opens from the note without a Relance key: its shared link, revoked when the connection goes.
        const link = `${context.baseUrl}${await this.documents.shareLink(context.workspaceId, record.id, 'TWENTY')}`;
        const note = {
          title: `Letter: ${String(data.title)}`.slice(0, 200),
          bodyV2: { markdown: `[${String(data.fileName)}](${link}) (PDF, SHA-256 ${String(data.sha256)})` },
        };
        // A note made before (an earlier version's link, or its answer lost) is brought up to date, not made twice.
        const existing = record.twentyId ?? (await client.find('notes', { [key]: record.id }))[0]?.id;
        if (existing && (await client.update(names('note'), existing, note))) return existing;
        return client.create(names('note'), { ...note, [key]: record.id });
      }
    }
  }

  /** Updates the record Twenty has, else finds it by `relanceId`, else creates it. */
  private async upsert(
    context: PassContext,
    names: ObjectNames,
    twentyId: string | null | undefined,
    relanceId: string | undefined,
    values: TwentyRecordValues,
  ): Promise<string> {
    if (twentyId && (await context.client.update(names, twentyId, values))) return twentyId;
    const relanceKey = relanceId ? { relanceId } : undefined;
    const found = relanceKey ? (await context.client.find(names.namePlural, relanceKey))[0]?.id : undefined;
    if (found && (await context.client.update(names, found, values))) return found;
    return context.client.create(names, { ...values, ...(relanceKey ?? {}) });
  }

  /**
   * A person or company (see the class's comment): the Twenty record this row has, if no
   * other row shares it; else the one Twenty has under the same e-mail or name — linked
   * to as it is when another row shares it, updated when this row is alone on it; else a
   * new one.
   */
  private async sharedUpsert(
    context: PassContext,
    kind: TwentyRecordKind,
    record: DueRecord,
    names: ObjectNames,
    values: TwentyRecordValues,
    lookup: () => Promise<string | undefined>,
  ): Promise<string> {
    const shared = (twentyId: string) => this.records.sharedWithAnother(context.workspaceId, kind, twentyId, record.id);
    if (record.twentyId && !(await shared(record.twentyId)) && (await context.client.update(names, record.twentyId, values)))
      return record.twentyId;
    const found = await lookup();
    if (found && (await shared(found))) return found;
    if (found && (await context.client.update(names, found, values))) return found;
    return context.client.create(names, values);
  }
}

/**
 * Values keyed by schema keys (`debt.amount`) renamed to the workspace's field names at its
 * version; keys without a dot (`name`, `title`) are Twenty's own. A field the version does
 * not have yet is left out; a relation is written through its foreign key (`leaseId`).
 */
function withSchemaNames(schema: TwentySchema, entries: Record<string, unknown>): TwentyRecordValues {
  const values: TwentyRecordValues = {};
  for (const [key, value] of Object.entries(entries)) {
    if (!key.includes('.')) {
      values[key] = value;
      continue;
    }
    const spec = schema.fields.get(key);
    if (!spec) continue;
    values[spec.type === 'RELATION' ? `${spec.name}Id` : spec.name] = value;
  }
  return values;
}

/** The foreign key a taskTarget or noteTarget uses for an object: `targetDebtId` in migrated workspaces, `debtId` before. */
function targetKeyOf(objects: TwentyObjectMetadata[], junction: string, object: string): string | undefined {
  const fields = objects.find((o) => o.nameSingular === junction)?.fields ?? [];
  const morph = `target${object.charAt(0).toUpperCase()}${object.slice(1)}`;
  if (fields.some((f) => f.name === morph)) return `${morph}Id`;
  if (fields.some((f) => f.name === object)) return `${object}Id`;
  return undefined;
}
