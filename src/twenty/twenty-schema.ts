import { DEBT_STATUSES } from '../debt/case-journal';
import { TASK_OUTCOMES } from '../domain/debt-reducer';
import { TENANT_PROFILES } from '../domain/scenario';

/**
 * What Relance installs in a Twenty workspace through Twenty's metadata API, as a list of
 * versions, each the changes it brings over the one before — the migrations of the CRM
 * side. Installing takes a workspace from the version it has to the latest, change by
 * change; every change is idempotent (an object or field already there under its name, and
 * marked as Relance's, is adopted, not created again), so an install interrupted midway is
 * finished by the next. A field is renamed in place (Twenty keeps its column, so its data),
 * never dropped and re-created.
 *
 * Each object and field has a stable `key` that outlives renames: the connection keeps
 * `key → Twenty metadata id` for what Relance created, and uninstalling removes exactly
 * those. The sync reads field names through {@link schemaAt} for the version a workspace
 * has, so a workspace not upgraded yet keeps syncing under its older names.
 */

/** Field types of Twenty's metadata API (packages/twenty-shared, FieldMetadataType) that Relance uses. */
export type TwentyFieldType = 'TEXT' | 'NUMBER' | 'CURRENCY' | 'DATE' | 'DATE_TIME' | 'SELECT' | 'LINKS' | 'RELATION';

/** An object Relance installs, or a standard one it adds fields to. */
export type TwentyObjectKey = 'lease' | 'leaseParty' | 'debt' | 'task' | 'note';
/** Standard objects Relance only adds fields to: it never creates nor removes them. */
export const STANDARD_OBJECTS: readonly TwentyObjectKey[] = ['task', 'note'];

export interface TwentyObjectSpec {
  key: TwentyObjectKey;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  icon: string;
  description: string;
}

export interface TwentyFieldSpec {
  /** Stable across renames: `<object>.<field>`. */
  key: string;
  object: TwentyObjectKey;
  name: string;
  label: string;
  type: TwentyFieldType;
  description: string;
  /** A SELECT's values (Twenty's option values are UPPER_SNAKE). */
  options?: readonly string[];
  /** A RELATION's target and the label of the field Twenty creates on it (MANY_TO_ONE from this side). */
  relation?: { target: 'person' | 'company' | 'lease' | 'debt'; inverseLabel: string; inverseName: string };
}

export type TwentySchemaChange =
  | { kind: 'addObject'; object: TwentyObjectSpec }
  | { kind: 'addField'; field: TwentyFieldSpec }
  | { kind: 'renameField'; key: string; object: TwentyObjectKey; name: string; label: string };

export interface TwentySchemaVersion {
  version: number;
  summary: string;
  changes: readonly TwentySchemaChange[];
}

/** Every object and field Relance installs is marked with this in its description: an install adopts only what carries it. */
export const RELANCE_MARK = '[Relance]';

const mark = (text: string) => `${text} ${RELANCE_MARK}`;

const object = (spec: TwentyObjectSpec): TwentySchemaChange => ({
  kind: 'addObject',
  object: { ...spec, description: mark(spec.description) },
});
const field = (spec: TwentyFieldSpec): TwentySchemaChange => ({
  kind: 'addField',
  field: { ...spec, description: mark(spec.description) },
});

const relanceId = (object: TwentyObjectKey, what: string): TwentyFieldSpec => ({
  key: `${object}.relanceId`,
  object,
  name: 'relanceId',
  label: 'Relance id',
  type: 'TEXT',
  description: `The ${what}'s id in Relance: the sync's key, do not edit`,
});

/** The versions, oldest first. Append a version; never edit a published one. */
export const TWENTY_SCHEMA_VERSIONS: readonly TwentySchemaVersion[] = [
  {
    version: 1,
    summary: 'Lease, lease party and debt objects; the recovery outcome on tasks; notes keyed to timeline entries',
    changes: [
      object({
        key: 'lease',
        nameSingular: 'lease',
        namePlural: 'leases',
        labelSingular: 'Lease',
        labelPlural: 'Leases',
        icon: 'IconHome',
        description: 'A lease managed in Relance: rent, balance and days late, kept up to date by Relance',
      }),
      field(relanceId('lease', 'lease')),
      field({
        key: 'lease.unitAddress',
        object: 'lease',
        name: 'unitAddress',
        label: 'Unit address',
        type: 'TEXT',
        description: 'The rented unit',
      }),
      field({
        key: 'lease.monthlyRent',
        object: 'lease',
        name: 'monthlyRent',
        label: 'Monthly rent',
        type: 'CURRENCY',
        description: 'Rent, without charges',
      }),
      field({
        key: 'lease.monthlyCharges',
        object: 'lease',
        name: 'monthlyCharges',
        label: 'Monthly charges',
        type: 'CURRENCY',
        description: 'Service charges (provisions)',
      }),
      field({
        key: 'lease.balance',
        object: 'lease',
        name: 'balance',
        label: 'Balance',
        type: 'CURRENCY',
        description: 'What the tenants owe today, all charges due',
      }),
      field({
        key: 'lease.daysLate',
        object: 'lease',
        name: 'lateDays',
        label: 'Days late',
        type: 'NUMBER',
        description: 'Days since the oldest unpaid due date',
      }),
      field({
        key: 'lease.status',
        object: 'lease',
        name: 'status',
        label: 'Status',
        type: 'SELECT',
        options: ['UP_TO_DATE', 'IN_ARREARS', 'ENDED'],
        description: 'Up to date, in arrears, or ended',
      }),
      field({
        key: 'lease.landlordName',
        object: 'lease',
        name: 'landlordName',
        label: 'Landlord',
        type: 'TEXT',
        description: 'The landlord as Relance names them',
      }),
      field({
        key: 'lease.landlordCompany',
        object: 'lease',
        name: 'landlordCompany',
        label: 'Landlord company',
        type: 'RELATION',
        relation: { target: 'company', inverseLabel: 'Leases as landlord', inverseName: 'leasesAsLandlord' },
        description: 'The landlord, when a legal entity',
      }),
      object({
        key: 'leaseParty',
        nameSingular: 'leaseParty',
        namePlural: 'leaseParties',
        labelSingular: 'Lease party',
        labelPlural: 'Lease parties',
        icon: 'IconUsers',
        description: 'A tenant or guarantor of a lease (links a Lease and a Person)',
      }),
      field(relanceId('leaseParty', 'lease party')),
      field({
        key: 'leaseParty.role',
        object: 'leaseParty',
        name: 'role',
        label: 'Role',
        type: 'SELECT',
        options: ['TENANT', 'GUARANTOR'],
        description: 'Tenant or guarantor',
      }),
      field({
        key: 'leaseParty.lease',
        object: 'leaseParty',
        name: 'lease',
        label: 'Lease',
        type: 'RELATION',
        relation: { target: 'lease', inverseLabel: 'Parties', inverseName: 'parties' },
        description: 'The lease',
      }),
      field({
        key: 'leaseParty.person',
        object: 'leaseParty',
        name: 'person',
        label: 'Person',
        type: 'RELATION',
        relation: { target: 'person', inverseLabel: 'Lease parties', inverseName: 'leaseParties' },
        description: 'The tenant or guarantor',
      }),
      object({
        key: 'debt',
        nameSingular: 'debt',
        namePlural: 'debts',
        labelSingular: 'Debt',
        labelPlural: 'Debts',
        icon: 'IconCashBanknoteOff',
        description: 'A recovery case in Relance: what is owed, where its scenario stands, what comes next',
      }),
      field(relanceId('debt', 'debt')),
      field({ key: 'debt.amount', object: 'debt', name: 'amount', label: 'Amount', type: 'CURRENCY', description: 'Overdue amount' }),
      field({
        key: 'debt.daysLate',
        object: 'debt',
        name: 'daysLate',
        label: 'Days late',
        type: 'NUMBER',
        description: 'Days since the oldest unpaid due date',
      }),
      field({
        key: 'debt.status',
        object: 'debt',
        name: 'status',
        label: 'Status',
        type: 'SELECT',
        options: DEBT_STATUSES,
        description: 'The case status',
      }),
      field({
        key: 'debt.currentStep',
        object: 'debt',
        name: 'stage',
        label: 'Stage',
        type: 'TEXT',
        description: 'The scenario step last carried out',
      }),
      field({
        key: 'debt.nextAction',
        object: 'debt',
        name: 'nextAction',
        label: 'Next action',
        type: 'TEXT',
        description: 'What the scenario does next',
      }),
      field({
        key: 'debt.nextActionAt',
        object: 'debt',
        name: 'nextActionAt',
        label: 'Next action at',
        type: 'DATE_TIME',
        description: 'When',
      }),
      field({
        key: 'debt.scenario',
        object: 'debt',
        name: 'scenario',
        label: 'Scenario',
        type: 'TEXT',
        description: 'The scenario version the case follows',
      }),
      field({
        key: 'debt.profile',
        object: 'debt',
        name: 'profile',
        label: 'Profile',
        type: 'SELECT',
        options: TENANT_PROFILES,
        description: "The tenant's profile",
      }),
      field({
        key: 'debt.relanceUrl',
        object: 'debt',
        name: 'relanceUrl',
        label: 'In Relance',
        type: 'LINKS',
        description: 'The case file in Relance',
      }),
      field({
        key: 'debt.lease',
        object: 'debt',
        name: 'lease',
        label: 'Lease',
        type: 'RELATION',
        relation: { target: 'lease', inverseLabel: 'Debts', inverseName: 'debts' },
        description: 'The lease in arrears',
      }),
      field({
        key: 'task.relanceTaskId',
        object: 'task',
        name: 'relanceTaskId',
        label: 'Relance task id',
        type: 'TEXT',
        description: "The task's id in Relance: the sync's key",
      }),
      field({
        key: 'task.relanceOutcome',
        object: 'task',
        name: 'relanceOutcome',
        label: 'Recovery outcome',
        type: 'SELECT',
        options: TASK_OUTCOMES,
        description: 'Set it before marking the task done: it drives the scenario',
      }),
      field({
        key: 'task.relancePromisedDate',
        object: 'task',
        name: 'relancePromisedDate',
        label: 'Promised date',
        type: 'DATE',
        description: 'With a promise to pay: the date promised',
      }),
      field({
        key: 'task.relanceReport',
        object: 'task',
        name: 'relanceReport',
        label: 'Call report',
        type: 'TEXT',
        description: 'Factual notes of the call or visit',
      }),
      field({
        key: 'task.relanceFeedback',
        object: 'task',
        name: 'relanceFeedback',
        label: 'Relance feedback',
        type: 'TEXT',
        description: 'Why Relance refused the completion, when it did',
      }),
      field({
        key: 'note.relanceEventId',
        object: 'note',
        name: 'relanceEventId',
        label: 'Relance event id',
        type: 'TEXT',
        description: "The timeline entry's id in Relance",
      }),
    ],
  },
  {
    version: 2,
    summary:
      "The debt's step and the lease's days late named as in Relance; the agent's actions on the Debt record (pause, resume, payment plan)",
    changes: [
      { kind: 'renameField', key: 'debt.currentStep', object: 'debt', name: 'currentStep', label: 'Current step' },
      { kind: 'renameField', key: 'lease.daysLate', object: 'lease', name: 'daysLate', label: 'Days late' },
      field({
        key: 'debt.agentAction',
        object: 'debt',
        name: 'agentAction',
        label: 'Agent action',
        type: 'SELECT',
        options: ['NONE', 'PAUSE', 'RESUME', 'PROPOSE_PLAN'],
        description: 'Set to act on the case: Relance carries it out and sets it back to NONE',
      }),
      field({
        key: 'debt.pauseUntil',
        object: 'debt',
        name: 'pauseUntil',
        label: 'Pause until',
        type: 'DATE',
        description: 'With PAUSE: the day dunning resumes (empty: until resumed)',
      }),
      field({
        key: 'debt.pauseReason',
        object: 'debt',
        name: 'pauseReason',
        label: 'Pause reason',
        type: 'TEXT',
        description: 'With PAUSE: why',
      }),
      field({
        key: 'debt.planInstallments',
        object: 'debt',
        name: 'planInstallments',
        label: 'Plan installments',
        type: 'NUMBER',
        description: 'With PROPOSE_PLAN: how many monthly installments (2 to 36)',
      }),
      field({
        key: 'debt.planFirstDueDate',
        object: 'debt',
        name: 'planFirstDueDate',
        label: 'Plan first due date',
        type: 'DATE',
        description: 'With PROPOSE_PLAN: the first installment’s date',
      }),
      field({
        key: 'debt.agentActionResult',
        object: 'debt',
        name: 'agentActionResult',
        label: 'Agent action result',
        type: 'TEXT',
        description: 'What Relance made of the last agent action',
      }),
    ],
  },
];

export const LATEST_TWENTY_SCHEMA = TWENTY_SCHEMA_VERSIONS[TWENTY_SCHEMA_VERSIONS.length - 1].version;

/** The objects and fields of a version: each field's current name and spec, by key. */
export interface TwentySchema {
  version: number;
  objects: Map<TwentyObjectKey, TwentyObjectSpec>;
  fields: Map<string, TwentyFieldSpec>;
}

/** The schema as a workspace has it at `version` (0: nothing installed). */
export function schemaAt(version: number): TwentySchema {
  const schema: TwentySchema = { version, objects: new Map(), fields: new Map() };
  for (const step of TWENTY_SCHEMA_VERSIONS) {
    if (step.version > version) break;
    for (const change of step.changes) {
      if (change.kind === 'addObject') schema.objects.set(change.object.key, change.object);
      else if (change.kind === 'addField') schema.fields.set(change.field.key, change.field);
      else {
        const before = schema.fields.get(change.key);
        if (before) schema.fields.set(change.key, { ...before, name: change.name, label: change.label });
      }
    }
  }
  return schema;
}

/** The name a field has at a schema's version, undefined when that version does not have it yet. */
export function fieldName(schema: TwentySchema, key: string): string | undefined {
  return schema.fields.get(key)?.name;
}
