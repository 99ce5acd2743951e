import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server speaking the part of Twenty's REST API an integrator uses, with the shapes of
 * twentyhq/twenty's `packages/twenty-server/src/` (paths below are relative to it unless they start with
 * `packages/`; `…/` is the folder of the path cited just before): the metadata API in its legacy
 * envelope, the core records API of every object (custom ones included), `currentWorkspace` over GraphQL, the
 * public client config, and the signed webhook every change to a record sends — an agent's edit in Twenty's UI
 * and a write through the API alike. It names things as a recent workspace does: task `bodyV2`; task and note
 * targets as MORPH_RELATION fields `target<Object>`, written through `target<Object>Id`.
 *
 * Webhooks as Twenty sends them (engine/core-modules/webhook/jobs/call-webhook-jobs.job.ts and call-webhook.job.ts,
 * the event from engine/twenty-orm/utils/format-twenty-orm-event-to-database-batch-event.util.ts): the whole record
 * after the change, every field present and `null` when unset (a relation as its join column, `assigneeId`), and
 * `updatedFields`, the fields whose value changed (engine/core-modules/event-emitter/utils/object-record-changed-values.ts:
 * `updatedAt` and relation fields left out); an update that changes nothing sends no event. Only `.updated` events are
 * sent here. Twenty's CallWebhookJob posts a batch's deliveries concurrently, catches every failure (logged in its
 * webhook log) and never sends a delivery again; so does this fake.
 *
 * @example
 * const twenty = await startFakeTwentyServer();
 * twenty.webhook = { url: `${relanceUrl}/webhooks/twenty/${workspaceId}`, secret };
 * const { status } = await twenty.updateAsUser('tasks', taskId, { status: 'DONE' });
 * // Two edits Twenty's queue holds at once, posted together:
 * const edits = [twenty.editAsUser('tasks', taskId, { assigneeId: a }), twenty.editAsUser('tasks', taskId, { assigneeId: b })];
 * await Promise.all(edits.map((edit) => twenty.send(edit!)));
 */
export interface FakeTwentyServer {
  url: string;
  apiKey: string;
  workspaceName: string;
  /** The Twenty workspace's id, as each webhook payload carries it (`workspaceId`). */
  workspaceId: string;
  objects: FakeObject[];
  /** By namePlural. */
  records: Map<string, FakeRecord[]>;
  /** Every request that carried the API key (or hit a public route), in order, 503s included; `path` keeps the query. */
  requests: Array<{ method: string; path: string; body?: unknown }>;
  /** Every webhook delivery posted, in the order they were prepared, with Relance's answer once it came. */
  deliveries: FakeDelivery[];
  /** While true every request answers 503 (a CRM outage); connection stays up. */
  down: boolean;
  /** Where webhooks go and their secret (what an admin sets in Twenty's settings); undefined: none sent. */
  webhook?: { url: string; secret: string };
  /**
   * As an agent editing a record in Twenty's UI: patches it (bumping updatedAt) and, if webhook is set and a value
   * changed, POSTs the signed `<nameSingular>.updated` event; resolves with Relance's HTTP status and the exact body and
   * headers sent (so a test can replay them), or status 0 and an empty body when nothing was sent. Not affected by `down`.
   */
  updateAsUser(namePlural: string, id: string, patch: Record<string, unknown>): Promise<FakeWebhookRequest & { status: number }>;
  /**
   * The same edit, its delivery prepared (signed) but not posted, as when Twenty's queue holds it: {@link send} posts
   * it. Undefined when no webhook is set or no value changed.
   */
  editAsUser(namePlural: string, id: string, patch: Record<string, unknown>): FakeWebhookRequest | undefined;
  /** Posts a prepared delivery once; resolves with Relance's status (0 when Relance did not answer). */
  send(request: FakeWebhookRequest): Promise<number>;
  /** Waits until every delivery posted so far (those of API writes go out on their own) has Relance's answer. */
  settled(): Promise<void>;
  /** Seeds a record (e.g. a person) directly, validated as a POST would be. */
  seed(namePlural: string, record: Record<string, unknown>): FakeRecord;
  close(): Promise<void>;
}

/** A signed webhook request as Twenty posts it. */
export interface FakeWebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** One webhook delivery: who made the change (an agent in the UI, or a client of the API such as Relance's sync). */
export interface FakeDelivery {
  origin: 'USER' | 'API';
  eventName: string;
  record: Record<string, unknown>;
  updatedFields: string[];
  /** Relance's HTTP status; undefined while in flight, 0 when it did not answer. */
  status?: number;
}

export interface FakeSelectOption {
  id: string;
  value: string;
  label: string;
  color?: string;
  position?: number;
}

/** A field as the metadata API lists it (engine/metadata-modules/field-metadata/utils/to-legacy-field-metadata-response.util.ts). */
export interface FakeField {
  id: string;
  objectMetadataId: string;
  type: string;
  name: string;
  label: string;
  description: string | null;
  icon: string | null;
  isCustom: boolean;
  isActive: boolean;
  options?: FakeSelectOption[];
  /** Both sides of a relation; MORPH_RELATION fields carry one too here (Twenty lists theirs as `morphRelations`). */
  relation?: {
    type: RelationSide;
    targetObjectMetadata: { id: string; nameSingular: string };
    targetFieldMetadata: { id: string; name: string };
  };
}

export interface FakeObject {
  id: string;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  description: string | null;
  icon: string | null;
  isCustom: boolean;
  isActive: boolean;
  fields: FakeField[];
}

export type FakeRecord = Record<string, unknown> & { id: string; createdAt: string; updatedAt: string };

export type RelationSide = 'MANY_TO_ONE' | 'ONE_TO_MANY';
type Body = Record<string, unknown>;
type Reply = { status: number; body: unknown };
type Predicate = (record: Body) => boolean;

const WEBHOOK_ID = '8d2e4f60-1b3c-4a5d-8e7f-90a1b2c3d4e5';
/** packages/twenty-shared/src/types/FieldMetadataType.ts */
const FIELD_TYPES = new Set([
  ...'UUID TEXT PHONES EMAILS DATE_TIME DATE BOOLEAN NUMBER NUMERIC LINKS CURRENCY FULL_NAME RATING SELECT MULTI_SELECT'.split(' '),
  ...'RELATION MORPH_RELATION POSITION ADDRESS RAW_JSON RICH_TEXT RICH_TEXT_V2 ACTOR ARRAY TS_VECTOR FILES'.split(' '),
]);
const METADATA_DEFAULTS = { description: null, icon: null, isCustom: false, isActive: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Twenty's REST error body (engine/core-modules/exception-handler/utils/send-http-exception-response.util.ts). */
class TwentyError extends Error {
  constructor(readonly body: { statusCode: number; error: string; messages: string[] }) {
    super(body.messages.join('; '));
  }
}
const badRequest = (message: string) => new TwentyError({ statusCode: 400, error: 'BadRequestException', messages: [message] });
const notFound = (message: string) => new TwentyError({ statusCode: 404, error: 'NotFoundException', messages: [message] });
/** Flattened to `messages` (engine/workspace-manager/workspace-migration/interceptors/utils/workspace-migration-builder-rest-api-exception-handler.util.ts). */
const invalidMetadata = (messages: string[]) => new TwentyError({ statusCode: 400, error: 'METADATA_VALIDATION_ERROR', messages });

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
/** lodash camelCase, as Twenty's computeMetadataNameFromLabel: 'Leases as landlord' → 'leasesAsLandlord'. */
const camelCase = (label: string) =>
  label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word.toLowerCase() : capitalised(word.toLowerCase())))
    .join('');
const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const asBody = (value: unknown): Body => {
  if (!isObject(value)) throw badRequest('The request body must be a JSON object');
  return value;
};
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const pick = (input: Body, keys: string[]) => Object.fromEntries(keys.filter((key) => key in input).map((key) => [key, input[key]]));
const cursors = (list: Array<{ id: string }>) => ({ startCursor: list[0]?.id ?? null, endCursor: list.at(-1)?.id ?? null });
const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** A metadata name: camelCase, at most 63 characters (engine/metadata-modules/flat-field-metadata/validators/utils/validate-flat-field-metadata-name.util.ts), not taken. */
function checkName(messages: string[], what: string, name: unknown, taken: string[]): void {
  if (typeof name !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(name) || name.length > 63)
    messages.push(`${what} "${String(name)}" must be camelCase (/^[a-z][a-zA-Z0-9]*$/) and at most 63 characters`);
  else if (taken.includes(name)) messages.push(`${what} "${name}" is not available`);
}

/**
 * SELECT and MULTI_SELECT options (engine/metadata-modules/flat-field-metadata/validators/utils/validate-enum-flat-field-metadata.util.ts,
 * engine/metadata-modules/field-metadata/dtos/options.input.ts).
 */
function checkOptions(options: unknown): string[] {
  if (!Array.isArray(options) || options.length === 0) return ['Options are required for enum fields'];
  const messages: string[] = [];
  for (const { id, value, label } of options.map((option: unknown) => (isObject(option) ? option : {}))) {
    if (typeof id !== 'string' || !UUID.test(id)) messages.push(`Option id is required and must be a UUID (got ${String(id)})`);
    if (typeof value !== 'string' || !/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(value) || value.length > 63)
      messages.push(`Option value "${String(value)}" must be UPPER_SNAKE_CASE, 1 to 63 characters`);
    if (typeof label !== 'string' || !label || label.length > 63 || label.includes(','))
      messages.push(`Option label "${String(label)}" must be 1 to 63 characters, without a comma`);
  }
  for (const key of ['id', 'value', 'position']) {
    const values = options.map((option: unknown) => (isObject(option) ? option[key] : undefined)).filter((v) => v !== undefined);
    if (new Set(values).size !== values.length) messages.push(`Option ${key}s must be unique`);
  }
  return messages;
}

/** Splits on commas outside parentheses, brackets and quotes (engine/api/rest/input-request-parsers/filter-parser-utils/parse-filter.util.ts). */
function splitTopLevel(filter: string): string[] {
  const parts: string[] = [];
  let [depth, quote, start] = [0, '', 0];
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quote) quote = c === quote ? '' : quote;
    else if ((c === '"' || c === "'") && /[:[,]/.test(filter[i - 1] ?? '')) quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) [parts[parts.length], start] = [filter.slice(start, i), i + 1];
  }
  return [...parts, filter.slice(start)].map((part) => part.trim()).filter(Boolean);
}

const unquote = (value: string) => (/^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value);

/** `field[comparator]:value`, dotted composites, and/or/not, a bare list meaning and(…) (…/parse-base-filter.util.ts, …/add-default-conjunction.util.ts). */
function parseFilter(filter: string): Predicate {
  const parts = splitTopLevel(filter);
  const conjunction = parts.length === 1 ? /^(and|or|not)\((.*)\)$/s.exec(parts[0]) : null;
  if (parts.length !== 1 || conjunction) {
    const predicates = (conjunction ? splitTopLevel(conjunction[2]) : parts).map(parseFilter);
    if (conjunction?.[1] === 'not' && predicates.length !== 1) throw badRequest('not() takes exactly one condition');
    if (conjunction?.[1] === 'not') return (record) => !predicates[0](record);
    if (conjunction?.[1] === 'or') return (record) => predicates.some((p) => p(record));
    return (record) => predicates.every((p) => p(record));
  }
  const leaf = /^([a-zA-Z0-9_.]+)\[(\w+)\]:(.*)$/s.exec(parts[0]);
  if (!leaf) throw badRequest(`Invalid filter: '${parts[0]}'`);
  const [, path, comparator, raw] = leaf;
  const value = unquote(raw);
  const numeric = (s: string) => s !== '' && !isNaN(Number(s));
  const order = (actual: string) => (numeric(actual) && numeric(value) ? Number(actual) - Number(value) : actual.localeCompare(value));
  const listed = splitTopLevel(raw.replace(/^\[|\]$/g, '')).map(unquote);
  const tests: Record<string, (actual: string) => boolean> = {
    eq: (actual) => actual === value,
    in: (actual) => listed.includes(actual),
    gt: (actual) => order(actual) > 0,
    gte: (actual) => order(actual) >= 0,
    lt: (actual) => order(actual) < 0,
    lte: (actual) => order(actual) <= 0,
  };
  if (comparator !== 'neq' && comparator !== 'is' && !tests[comparator]) throw badRequest(`Unsupported filter comparator '${comparator}'`);
  return (record) => {
    const found = path.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), record);
    const actual = found == null ? null : typeof found === 'object' ? JSON.stringify(found) : String(found);
    if (comparator === 'is') return value === 'NULL' ? actual === null : actual !== null;
    if (comparator === 'neq') return actual !== value;
    return actual !== null && tests[comparator](actual);
  };
}

/** Trimmed standard objects of a recent workspace: `nameSingular/namePlural/labelSingular/labelPlural/icon`, then `name TYPE Label` fields. */
const STANDARD_OBJECTS = [
  ['workspaceMember/workspaceMembers/Workspace Member/Workspace Members/IconUserCircle', 'name FULL_NAME Name, userEmail TEXT User Email'],
  ['company/companies/Company/Companies/IconBuildingSkyscraper', 'name TEXT Name, domainName LINKS Domain'],
  ['person/people/Person/People/IconUser', 'name FULL_NAME Name, emails EMAILS Emails, phones PHONES Phones, jobTitle TEXT Job Title'],
  ['task/tasks/Task/Tasks/IconCheckbox', 'title TEXT Title, bodyV2 RICH_TEXT_V2 Body, dueAt DATE_TIME Due Date, status SELECT Status'],
  ['note/notes/Note/Notes/IconNotes', 'title TEXT Title, bodyV2 RICH_TEXT_V2 Body'],
  ['taskTarget/taskTargets/Task Target/Task Targets/IconCheckbox', ''],
  ['noteTarget/noteTargets/Note Target/Note Targets/IconNotes', ''],
];
const TASK_STATUSES = [
  ['TODO', 'To do', 'sky'],
  ['IN_PROGRESS', 'In progress', 'purple'],
  ['DONE', 'Done', 'green'],
];

export async function startFakeTwentyServer(
  options: { apiKey?: string; workspaceName?: string; workspaceId?: string } = {},
): Promise<FakeTwentyServer> {
  const objects: FakeObject[] = [];
  const records = new Map<string, FakeRecord[]>();
  /** Deliveries posted (or about to be) and not answered yet. */
  const inFlight = new Set<Promise<unknown>>();
  const deliveryOf = new WeakMap<FakeWebhookRequest, FakeDelivery>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };
  let lastTime = 0;
  /** Strictly increasing, so every update moves updatedAt forward. */
  const now = () => new Date((lastTime = Math.max(Date.now(), lastTime + 1))).toISOString();
  const objectById = (id: unknown) => objects.find((object) => object.id === id);
  const objectByPlural = (namePlural: string) => objects.find((object) => object.namePlural === namePlural);
  const namesOf = (object?: FakeObject) => object?.fields.map((field) => field.name) ?? [];
  const standard = (nameSingular: string) => objects.find((object) => object.nameSingular === nameSingular) as FakeObject;

  function addField(object: FakeObject, name: string, type: string, label: string, extra: Partial<FakeField> = {}): FakeField {
    const field: FakeField = { id: randomUUID(), objectMetadataId: object.id, type, name, label, ...METADATA_DEFAULTS, ...extra };
    object.fields.push(field);
    return field;
  }

  /** Links a field to a new inverse on the target (engine/metadata-modules/flat-field-metadata/utils/generate-morph-or-relation-flat-field-metadata-pair.util.ts). */
  function addInverse(
    field: FakeField,
    target: FakeObject,
    inverse: { name: string; label: string; icon?: string | null; side?: RelationSide },
  ) {
    const { name, label, icon = null, side = 'MANY_TO_ONE' } = inverse;
    const source = objectById(field.objectMetadataId) as FakeObject;
    const back = addField(target, name, 'RELATION', label, { icon, isCustom: field.isCustom });
    const to = (o: FakeObject, f: FakeField) => ({
      targetObjectMetadata: { id: o.id, nameSingular: o.nameSingular },
      targetFieldMetadata: { id: f.id, name: f.name },
    });
    field.relation = { type: side, ...to(target, back) };
    back.relation = { type: side === 'MANY_TO_ONE' ? 'ONE_TO_MANY' : 'MANY_TO_ONE', ...to(source, field) };
    return field;
  }

  /** Adds an object with the fields every object has (engine/metadata-modules/object-metadata/dtos/create-object.input.ts names it). */
  function addObject(names: string[], extra: Partial<FakeObject> = {}): FakeObject {
    const [nameSingular, namePlural, labelSingular, labelPlural] = names;
    const object: FakeObject = {
      id: randomUUID(),
      nameSingular,
      namePlural,
      labelSingular,
      labelPlural,
      ...METADATA_DEFAULTS,
      fields: [],
      ...extra,
    };
    objects.push(object);
    records.set(namePlural, []);
    addField(object, 'id', 'UUID', 'Id');
    addField(object, 'createdAt', 'DATE_TIME', 'Creation date');
    addField(object, 'updatedAt', 'DATE_TIME', 'Last update');
    return object;
  }

  /** `target<Object>` on taskTarget and noteTarget (engine/metadata-modules/object-metadata/utils/build-default-relation-flat-field-metadatas-for-custom-object.util.ts). */
  function addActivityTargets(target: FakeObject) {
    for (const join of [standard('taskTarget'), standard('noteTarget')])
      addInverse(addField(join, `target${capitalised(target.nameSingular)}`, 'MORPH_RELATION', target.labelSingular), target, {
        name: join.namePlural,
        label: join.labelPlural,
      });
  }

  /** Removes a field and its values (`name`, and `nameId` for a join column) from the object's records. */
  function removeField(object: FakeObject, field: FakeField) {
    object.fields.splice(object.fields.indexOf(field), 1);
    for (const record of records.get(object.namePlural) ?? []) {
      delete record[field.name];
      delete record[`${field.name}Id`];
    }
  }

  /** Keys must be fields or join columns `<relation>Id`; SELECT values among the options; a join column's record must exist (Postgres FK). */
  function checkRecord(object: FakeObject, data: Body) {
    for (const [key, value] of Object.entries(data)) {
      const field = object.fields.find((f) => f.name === key);
      const joined = object.fields.find((f) => f.relation?.type === 'MANY_TO_ONE' && `${f.name}Id` === key);
      if (!field && !joined) throw badRequest(`Object ${object.nameSingular} doesn't have any "${key}" field.`);
      const allowed = field?.options?.map((option) => option.value);
      const values: unknown[] = field?.type === 'MULTI_SELECT' && Array.isArray(value) ? value : [value];
      if (allowed && value != null && values.some((v) => !allowed.includes(v as string)))
        throw badRequest(`Invalid value ${JSON.stringify(value)} for field "${key}": expected ${allowed.join(', ')}`);
      const target = joined && objectById(joined.relation?.targetObjectMetadata.id);
      if (target && value != null && !records.get(target.namePlural)?.some((record) => record.id === value))
        throw badRequest(`insert or update on table "${object.nameSingular}" violates foreign key constraint on "${key}"`);
    }
  }

  function createRecord(object: FakeObject, data: Body): FakeRecord {
    checkRecord(object, data);
    const list = records.get(object.namePlural) ?? [];
    const id = typeof data.id === 'string' ? data.id : randomUUID();
    if (list.some((record) => record.id === id)) throw badRequest(`A record with id ${id} already exists`);
    const at = now();
    list.push({ ...data, id, createdAt: at, updatedAt: at });
    return list[list.length - 1];
  }

  function updateRecord(object: FakeObject, record: FakeRecord, patch: Body): FakeRecord {
    checkRecord(object, patch);
    return Object.assign(record, patch, { id: record.id, createdAt: record.createdAt, updatedAt: now() });
  }

  /**
   * The record as Twenty's events carry it: every field, `null` when unset; a MANY_TO_ONE relation (and a morph
   * relation) as its join column `<name>Id`, a ONE_TO_MANY one not at all. (Twenty gives an unset composite field as
   * its sub-fields, empty; `null` here.)
   */
  function eventRecord(object: FakeObject, record: FakeRecord): Body {
    const full: Body = {};
    for (const field of object.fields) {
      if (field.relation?.type === 'ONE_TO_MANY') continue;
      const key = field.relation ? `${field.name}Id` : field.name;
      full[key] = record[key] ?? null;
    }
    return full;
  }

  /** Applies an edit; the event Twenty would emit for it (its full record and changed fields), undefined when nothing changed. */
  function edit(object: FakeObject, record: FakeRecord, patch: Body): { record: Body; updatedFields: string[] } | undefined {
    const before = eventRecord(object, record);
    const after = eventRecord(object, updateRecord(object, record, patch));
    const updatedFields = Object.keys(after).filter(
      (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    return updatedFields.length > 0 ? { record: after, updatedFields } : undefined;
  }

  /** The delivery Twenty's CallWebhookJob would post for an event (signed when the webhook has a secret), logged in `deliveries`. */
  function prepare(origin: FakeDelivery['origin'], object: FakeObject, event: { record: Body; updatedFields: string[] }) {
    if (!fake.webhook) return undefined;
    const { url: targetUrl, secret } = fake.webhook;
    const eventName = `${object.nameSingular}.updated`;
    const payload = {
      targetUrl,
      eventName,
      objectMetadata: { id: object.id, nameSingular: object.nameSingular },
      workspaceId: fake.workspaceId,
      webhookId: WEBHOOK_ID,
      eventDate: new Date().toISOString(),
      ...event,
    };
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (secret) {
      // Twenty signs only when the webhook has a secret; the nonce is not part of the signature.
      const timestamp = String(Date.now());
      headers['X-Twenty-Webhook-Timestamp'] = timestamp;
      headers['X-Twenty-Webhook-Signature'] = createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex');
      headers['X-Twenty-Webhook-Nonce'] = randomBytes(16).toString('hex');
    }
    const request: FakeWebhookRequest = { url: targetUrl, body, headers };
    deliveryOf.set(request, fake.deliveries[fake.deliveries.push({ origin, eventName, ...event }) - 1]);
    return request;
  }

  /** Posts a delivery once, as call-webhook.job.ts: a 5 s timeout, any failure only logged (here: status 0). */
  function post(request: FakeWebhookRequest): Promise<number> {
    const sent = fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(5000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0)
      .then((status) => {
        const delivery = deliveryOf.get(request);
        if (delivery) delivery.status = status;
        return status;
      });
    return track(sent);
  }

  for (const [names, fields] of STANDARD_OBJECTS) {
    const object = addObject(names.split('/'), { icon: names.split('/')[4] });
    for (const [name, type, ...label] of fields ? fields.split(', ').map((field) => field.split(' ')) : [])
      addField(object, name, type, label.join(' '));
  }
  const [task, taskTarget, noteTarget] = [standard('task'), standard('taskTarget'), standard('noteTarget')];
  const status = task.fields.find((field) => field.name === 'status') as FakeField;
  status.options = TASK_STATUSES.map(([value, label, color], position) => ({ id: randomUUID(), value, label, color, position }));
  addInverse(addField(standard('person'), 'company', 'RELATION', 'Company'), standard('company'), { name: 'people', label: 'People' });
  const members = standard('workspaceMember');
  addInverse(addField(task, 'assignee', 'RELATION', 'Assignee'), members, { name: 'assignedTasks', label: 'Assigned tasks' });
  addInverse(addField(taskTarget, 'task', 'RELATION', 'Task'), task, { name: 'taskTargets', label: 'Task Targets' });
  addInverse(addField(noteTarget, 'note', 'RELATION', 'Note'), standard('note'), { name: 'noteTargets', label: 'Note Targets' });
  addActivityTargets(standard('person'));
  addActivityTargets(standard('company'));
  const jean = { name: { firstName: 'Jean', lastName: 'Martin' }, emails: { primaryEmail: 'jean.martin@example.test' } };
  createRecord(standard('person'), { id: 'a1b2c3d4-0000-4000-8000-000000000001', ...jean });

  /** engine/metadata-modules/object-metadata/controllers/object-metadata.controller.ts, legacy envelope (engine/metadata-modules/object-metadata/utils/to-legacy-object-metadata-response.util.ts). */
  function objectRoute(method: string, id: string | undefined, body: unknown): Reply {
    const takenBy = (except?: FakeObject) => objects.filter((o) => o !== except).flatMap((o) => [o.nameSingular, o.namePlural]);
    if (method === 'GET' && !id) {
      const pageInfo = { hasNextPage: false, hasPreviousPage: false, ...cursors(objects) };
      return ok({ data: { objects }, pageInfo, totalCount: objects.length });
    }
    if (method === 'POST' && !id) {
      // engine/metadata-modules/object-metadata/dtos/create-object.input.ts: the four names are required.
      const input = asBody(body);
      const names = ['nameSingular', 'namePlural', 'labelSingular', 'labelPlural'];
      const messages = names.filter((key) => typeof input[key] !== 'string' || !input[key]).map((key) => `${key} should not be empty`);
      if (input.nameSingular === input.namePlural) messages.push('nameSingular and namePlural must differ');
      for (const key of ['nameSingular', 'namePlural']) checkName(messages, key, input[key], takenBy());
      if (messages.length) throw invalidMetadata(messages);
      const extra = { description: text(input.description), icon: text(input.icon), isCustom: true };
      const object = addObject(
        names.map((key) => String(input[key])),
        extra,
      );
      addField(object, 'name', 'TEXT', 'Name');
      addActivityTargets(object);
      return ok({ data: { createOneObject: object } }, 201);
    }
    const object = objectById(id);
    if (!object) throw notFound('Object does not exist');
    if (method === 'GET') return ok({ data: { object } });
    if (method === 'PATCH') {
      // engine/metadata-modules/object-metadata/dtos/update-object.input.ts, sent unwrapped.
      const input = asBody(body);
      const messages: string[] = [];
      for (const key of ['nameSingular', 'namePlural'] as const)
        if (key in input && input[key] !== object[key]) checkName(messages, key, input[key], takenBy(object));
      if ('isActive' in input && typeof input.isActive !== 'boolean') messages.push('isActive must be a boolean');
      if (messages.length) throw invalidMetadata(messages);
      const list = records.get(object.namePlural) ?? [];
      records.delete(object.namePlural);
      Object.assign(object, pick(input, ['nameSingular', 'namePlural', 'labelSingular', 'labelPlural', 'description', 'icon', 'isActive']));
      records.set(object.namePlural, list);
      for (const field of objects.flatMap((o) => o.fields))
        if (field.relation?.targetObjectMetadata.id === object.id) field.relation.targetObjectMetadata.nameSingular = object.nameSingular;
      return ok({ data: { updateOneObject: object } });
    }
    if (method === 'DELETE') {
      // engine/metadata-modules/flat-object-metadata/services/flat-object-metadata-validator.service.ts
      if (!object.isCustom) throw invalidMetadata(['Standard objects cannot be deleted']);
      if (object.isActive) throw invalidMetadata(['Active objects cannot be deleted']);
      for (const other of objects)
        for (const field of other.fields.filter((f) => f.relation?.targetObjectMetadata.id === object.id)) removeField(other, field);
      objects.splice(objects.indexOf(object), 1);
      records.delete(object.namePlural);
      return ok({ data: { deleteOneObject: { id: object.id } } });
    }
    throw notFound(`Cannot ${method} /rest/metadata/objects/${id}`);
  }

  /**
   * engine/metadata-modules/field-metadata/controllers/field-metadata.controller.ts, with
   * engine/metadata-modules/field-metadata/dtos/create-field.input.ts and update-field.input.ts beside it.
   */
  function fieldRoute(method: string, id: string | undefined, body: unknown): Reply {
    const input = method === 'POST' || method === 'PATCH' ? asBody(body) : {};
    const messages: string[] = [];
    if (method === 'POST' && !id) {
      const object = objectById(input.objectMetadataId);
      if (!object) throw invalidMetadata([`Object metadata ${String(input.objectMetadataId)} not found`]);
      const { type, label } = input;
      if (typeof type !== 'string' || !FIELD_TYPES.has(type)) messages.push(`Unknown field type "${String(type)}"`);
      // engine/metadata-modules/flat-field-metadata/validators/utils/validate-flat-field-metadata-name-availability.util.ts
      checkName(messages, 'name', input.name, namesOf(object));
      if (typeof label !== 'string' || !label) messages.push('label should not be empty');
      if (type === 'SELECT' || type === 'MULTI_SELECT') messages.push(...checkOptions(input.options));
      if (type === 'MORPH_RELATION') messages.push('The fake Twenty server does not create MORPH_RELATION fields');
      // packages/twenty-shared/src/types/RelationCreationPayload.ts (targetFieldName: newest releases only)
      const payload = isObject(input.relationCreationPayload) ? input.relationCreationPayload : {};
      const target = objectById(payload.targetObjectMetadataId);
      const inverseLabel = text(payload.targetFieldLabel) ?? '';
      const inverseName = text(payload.targetFieldName) ?? camelCase(inverseLabel);
      if (type === 'RELATION') {
        if (payload.type !== 'MANY_TO_ONE' && payload.type !== 'ONE_TO_MANY')
          messages.push('relationCreationPayload.type must be MANY_TO_ONE or ONE_TO_MANY');
        if (!target) messages.push(`relationCreationPayload.targetObjectMetadataId ${String(payload.targetObjectMetadataId)} not found`);
        if (!inverseLabel) messages.push('relationCreationPayload.targetFieldLabel should not be empty');
        else checkName(messages, 'relationCreationPayload target field name', inverseName, namesOf(target));
      }
      if (messages.length) throw invalidMetadata(messages);
      const extra = { description: text(input.description), icon: text(input.icon), isCustom: true, ...pick(input, ['options']) };
      const field = addField(object, String(input.name), String(type), String(label), extra);
      const inverse = { name: inverseName, label: inverseLabel, icon: text(payload.targetFieldIcon), side: payload.type as RelationSide };
      if (type === 'RELATION' && target) addInverse(field, target, inverse);
      return ok({ data: { createOneField: field } }, 201);
    }
    const object = objects.find((o) => o.fields.some((f) => f.id === id));
    const field = object?.fields.find((f) => f.id === id);
    if (!object || !field) throw notFound('Field does not exist');
    if (method === 'PATCH') {
      // engine/metadata-modules/flat-field-metadata/services/flat-field-metadata-validator.service.ts: the type is fixed, a new name checked again.
      if ('type' in input && input.type !== field.type) messages.push('The type of a field cannot be changed');
      const renamed = 'name' in input && input.name !== field.name;
      if (renamed) checkName(messages, 'name', input.name, namesOf(object));
      if ('label' in input && (typeof input.label !== 'string' || !input.label)) messages.push('label should not be empty');
      if ('options' in input) messages.push(...checkOptions(input.options));
      if ('isActive' in input && typeof input.isActive !== 'boolean') messages.push('isActive must be a boolean');
      if (messages.length) throw invalidMetadata(messages);
      if (renamed) {
        // Twenty renames the column: the values stay, under the new key.
        const keys = [[field.name, String(input.name)]];
        if (field.relation?.type === 'MANY_TO_ONE') keys.push([`${field.name}Id`, `${String(input.name)}Id`]);
        for (const record of records.get(object.namePlural) ?? [])
          for (const [from, to] of keys.filter(([from]) => from in record)) {
            record[to] = record[from];
            delete record[from];
          }
        for (const other of objects.flatMap((o) => o.fields))
          if (other.relation?.targetFieldMetadata.id === field.id) other.relation.targetFieldMetadata.name = String(input.name);
      }
      Object.assign(field, pick(input, ['name', 'label', 'description', 'icon', 'isActive', 'options']));
      return ok({ data: { updateOneField: field } });
    }
    if (method === 'DELETE') {
      if (!field.isCustom) throw invalidMetadata(["Standard Fields can't be deleted"]);
      if (field.isActive) throw invalidMetadata(["Active fields can't be deleted"]);
      // engine/metadata-modules/flat-field-metadata/utils/from-delete-field-input-to-flat-field-metadatas-to-delete.util.ts: the inverse goes too.
      removeField(object, field);
      const target = objectById(field.relation?.targetObjectMetadata.id);
      const inverse = target?.fields.find((f) => f.id === field.relation?.targetFieldMetadata.id);
      if (target && inverse) removeField(target, inverse);
      return ok({ data: { deleteOneField: { id: field.id } } });
    }
    throw notFound(`Cannot ${method} /rest/metadata/fields/${id ?? ''}`);
  }

  /**
   * engine/api/rest/core/controllers/rest-api-core.controller.ts and engine/api/rest/core/handlers/rest-api-*.handler.ts
   * (the answer's keys: rest-api-base.handler.ts there).
   */
  function recordRoute(method: string, namePlural: string, id: string | undefined, query: URLSearchParams, body: unknown): Reply {
    const object = objectByPlural(namePlural);
    if (!object) throw notFound(`Object "${namePlural}" not found`);
    const list = records.get(namePlural) ?? [];
    const singular = capitalised(object.nameSingular);
    if (method === 'GET' && !id) {
      // engine/api/rest/core/handlers/rest-api-find-many.handler.ts; limit 60 by default, at most 200 (packages/twenty-shared/src/constants/Query*Records.ts).
      const limit = Number(query.get('limit') ?? 60);
      if (!Number.isInteger(limit) || limit < 0) throw badRequest(`Invalid limit '${query.get('limit')}'`);
      const filter = query.get('filter');
      const matches = filter ? list.filter(parseFilter(filter)) : list;
      const after = query.get('starting_after');
      const start = after ? matches.findIndex((r) => r.id === after) + 1 : 0;
      if (after && start === 0) throw badRequest(`Invalid cursor '${after}'`);
      const page = matches.slice(start, start + Math.min(limit, 200));
      const pageInfo = { hasNextPage: start + page.length < matches.length, ...cursors(page) };
      return ok({ data: { [namePlural]: page }, pageInfo, totalCount: matches.length });
    }
    if (method === 'POST' && !id) return ok({ data: { [`create${singular}`]: createRecord(object, asBody(body)) } }, 201);
    const record = list.find((r) => r.id === id);
    // 404 in newer releases (engine/api/common/common-query-runners/utils/common-query-runner-to-rest-api-exception-handler.util.ts).
    if (!record && ['GET', 'PATCH', 'DELETE'].includes(method)) throw notFound('Record not found');
    if (method === 'GET') return ok({ data: { [object.nameSingular]: record } });
    if (method === 'PATCH' && record) {
      // A write through the API sends its webhook too, on its own, after the answer (Twenty queues it).
      const event = edit(object, record, asBody(body));
      const request = event && prepare('API', object, event);
      if (request) void track(new Promise((resolve) => setImmediate(resolve)).then(() => post(request)));
      return ok({ data: { [`update${singular}`]: record } });
    }
    if (method === 'DELETE' && record) {
      list.splice(list.indexOf(record), 1);
      return ok({ data: { [`delete${singular}`]: { id: record.id } } });
    }
    throw notFound(`Cannot ${method} /rest/${namePlural}/${id ?? ''}`);
  }

  function route(method: string, url: URL, body: unknown): Reply {
    const path = url.pathname.replace(/\/+$/, '');
    // engine/core-modules/client-config/client-config.controller.ts: public; appVersion comes from APP_VERSION.
    if (method === 'GET' && path === '/client-config') return ok({ appVersion: 'v1.8.0-fake' });
    if (method === 'POST' && path === '/graphql') {
      // engine/core-modules/workspace/workspace.resolver.ts: the one query answered here.
      const query = isObject(body) ? (text(body.query) ?? '') : '';
      if (/\bcurrentWorkspace\b/.test(query))
        return ok({ data: { currentWorkspace: { id: fake.workspaceId, displayName: fake.workspaceName } } });
      return ok({ errors: [{ message: 'The fake Twenty server answers only { currentWorkspace { id displayName } }' }] }, 400);
    }
    const metadata = /^\/rest\/metadata\/(objects|fields)(?:\/([^/]+))?$/.exec(path);
    if (metadata) return (metadata[1] === 'objects' ? objectRoute : fieldRoute)(method, metadata[2], body);
    const core = /^\/rest\/([a-zA-Z0-9]+)(?:\/([^/]+))?$/.exec(path);
    if (core) return recordRoute(method, core[1], core[2], url.searchParams, body);
    throw notFound(`Cannot ${method} ${path}`);
  }

  function handle(request: IncomingMessage, raw: string): Reply {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const authorised = (method === 'GET' && url.pathname === '/client-config') || request.headers.authorization === `Bearer ${fake.apiKey}`;
    let body: unknown = undefined;
    let malformed = false;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      [body, malformed] = [raw, true];
    }
    if (authorised) fake.requests.push({ method, path: request.url ?? '/', ...(body === undefined ? {} : { body }) });
    if (fake.down) return ok({ statusCode: 503, error: 'ServiceUnavailable', messages: ['Twenty is unavailable (simulated outage)'] }, 503);
    // Newer Twenty answers a bad key 403 "Forbidden resource" (engine/guards/jwt-auth.guard.ts); this fake answers 401.
    if (!authorised) return ok({ statusCode: 401, error: 'UNAUTHENTICATED', messages: ['Token invalid'] }, 401);
    try {
      if (malformed) throw badRequest('The request body is not valid JSON');
      return route(method === 'PUT' ? 'PATCH' : method, url, body);
    } catch (error) {
      if (error instanceof TwentyError) return ok(error.body, error.body.statusCode);
      return ok({ statusCode: 500, error: 'InternalServerError', messages: [String(error)] }, 500);
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, body } = handle(request, Buffer.concat(chunks).toString('utf8'));
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeTwentyServer = {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey ?? 'twenty-api-key-0123',
    workspaceName: options.workspaceName ?? 'Acme Gestion',
    workspaceId: options.workspaceId ?? randomUUID(),
    objects,
    records,
    requests: [],
    deliveries: [],
    down: false,
    seed(namePlural, record) {
      const object = objectByPlural(namePlural);
      if (!object) throw new Error(`No object ${namePlural} in the fake Twenty workspace`);
      return createRecord(object, record);
    },
    editAsUser(namePlural, id, patch) {
      const object = objectByPlural(namePlural);
      const record = records.get(namePlural)?.find((r) => r.id === id);
      if (!object || !record) throw new Error(`No ${namePlural} record ${id} in the fake Twenty workspace`);
      const event = edit(object, record, patch);
      return event && prepare('USER', object, event);
    },
    send: (request) => post(request),
    async updateAsUser(namePlural, id, patch) {
      const request = fake.editAsUser(namePlural, id, patch);
      if (!request) return { url: '', status: 0, body: '', headers: {} };
      return { ...request, status: await post(request) };
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: async () => {
      await fake.settled();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return fake;
}
