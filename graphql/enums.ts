import { registerEnumType } from '@nestjs/graphql';
import { API_KEY_ROLES } from '../src/auth/actor';
import { ENUMS_BY_LIST } from '../src/common/graphql-enums';
import { CHANNELS, MESSAGE_STATUSES, PROVIDERS } from '../src/messaging/channels/channel-port';
import { DEBT_STATUSES, JOURNAL_ACTOR_KINDS } from '../src/debt/case-journal';
import { TASK_KINDS, TASK_STATUSES } from '../src/tasks/task.entity';
import { APPROVAL_KINDS, APPROVAL_STATUSES } from '../src/approvals/approval-request.entity';
import { APPROVAL_STEPS, INFORMATION_CHANNELS, PARTY_KINDS } from '../src/domain/parties';
import { ACTION_KINDS, CATCH_UP_POLICIES, LEASE_KINDS, PREFERRED_CHANNELS, TENANT_PROFILES } from '../src/domain/scenario';
import type { SimulatedEvent } from '../src/domain/scenario-simulation';
import type { SensitiveCategory } from '../src/domain/sensitive-terms';
import { CHARGE_KINDS, PAYMENT_METHODS } from '../src/ledger/ledger.service';
import { SCENARIO_STATUSES } from '../src/scenarios/scenario.entity';
import { TEMPLATE_LOCALES, TEMPLATE_TONES, TemplateMedium } from '../src/messaging/templates/template-kinds';
import type { EffectiveTemplate } from '../src/messaging/templates/template.service';
import { TASK_OUTCOMES } from '../workflows/debt.messages';
import { TWENTY_RECORD_KINDS } from '../src/twenty/twenty-record.entity';
import { COMMANDEMENT_DELAYS, LEGAL_MILESTONES, LEGAL_RULES } from '../src/domain/legal-rules';
import { RECEIPT_DELIVERIES, TENANT_DOCUMENT_KINDS } from '../src/domain/receipts';
import { TENANT_DOCUMENT_STATUSES, TENANT_DOCUMENT_DELIVERY_STATUSES } from '../src/receipts/tenant-document.entity';

/**
 * Every closed list of the API as a GraphQL enum, registered once here. Each list keeps its
 * single source in the domain or feature code (LEASE_KINDS in src/domain/scenario.ts,
 * TASK_OUTCOMES in workflows/debt.messages.ts…); an enum's values are the list's own
 * strings, so what resolvers, services and the database hold is unchanged, and JSON
 * variables carry the same strings as before. A list the code states only as a TypeScript
 * union is written out here as `{ VALUE: 'VALUE' }`, which the compiler checks against the
 * union, member for member.
 *
 * Record tables name an enum field's list (`type: 'enum', values: LEASE_KINDS`); the
 * generic filters find the enum of that very list with `enumOfList`.
 */

/** A GraphQL enum object: each value names itself. */
export type EnumOf<T extends string> = { [K in T]: K };

/** Shared with src/ entities, which name an enum by its list (`enumOf(LEASE_KINDS)`). */
const byList = ENUMS_BY_LIST;

function register<T extends string>(name: string, members: EnumOf<T>, description: string, values?: Partial<Record<T, string>>): EnumOf<T> {
  const valuesMap = values && Object.fromEntries(Object.entries(values).map(([value, text]) => [value, { description: text as string }]));
  registerEnumType(members, {
    name,
    description,
    ...(valuesMap ? { valuesMap: valuesMap as Partial<Record<T, { description: string }>> } : {}),
  });
  return members;
}

/** Registers a list as the enum `name`; `values` describes the values that need it. */
function listEnum<T extends string>(name: string, list: readonly T[], description: string, values?: Partial<Record<T, string>>): EnumOf<T> {
  if (byList.has(list)) throw new Error(`${name}: the list is already registered as ${byList.get(list)!.name}`);
  const members = register(name, Object.fromEntries(list.map((value) => [value, value])) as EnumOf<T>, description, values);
  byList.set(list, { name, enum: members });
  return members;
}

/** The enum registered for `list` (the same array), if any. */
export function enumOfList(list: readonly string[]): { name: string; enum: object } | undefined {
  return byList.get(list);
}

// Leases, landlords, tenants, guarantors

export const LeaseKindEnum = listEnum(
  'LeaseKind',
  LEASE_KINDS,
  'The legal regime of a lease. Residential leases (loi 89-462) never carry late fees or penalties.',
  {
    RESIDENTIAL_UNFURNISHED: 'Unfurnished home (bail d’habitation vide, loi 89-462).',
    RESIDENTIAL_FURNISHED: 'Furnished home (bail meublé, loi 89-462).',
    COMMERCIAL: 'Business premises (bail commercial 3-6-9).',
    OTHER: 'Anything else: parking, storage, professional lease…',
  },
);

export const PartyKindEnum = listEnum('PartyKind', PARTY_KINDS, 'A landlord or guarantor: a person, or a company.', {
  NATURAL_PERSON: 'A person (personne physique); needs a last name.',
  LEGAL_ENTITY: 'A company (SCI, SARL…); needs a company name.',
});

export const ApprovalStepEnum = listEnum(
  'ApprovalStep',
  APPROVAL_STEPS,
  'A step the landlord’s mandate reserves for the landlord’s approval.',
  {
    FORMAL_NOTICE: 'The formal notice (mise en demeure).',
    LITIGATION_HANDOFF: 'The hand-off to the litigation partner.',
    PAYMENT_PLAN: 'Any payment plan agreed with the tenant.',
    FEE: 'A late-payment fee (commercial and other leases only).',
  },
);

export const InformationChannelEnum = listEnum(
  'InformationChannel',
  INFORMATION_CHANNELS,
  'How the mandate says a landlord is kept informed.',
);

export const PreferredChannelEnum = listEnum(
  'PreferredChannel',
  PREFERRED_CHANNELS,
  'How a tenant prefers to be reached; a channel group of the scenario sends by the closest channel.',
  {
    POSTAL: 'Letters.',
    PHONE: 'Calls; messages go by SMS.',
  },
);

export const TenantProfileEnum = listEnum(
  'TenantProfile',
  TENANT_PROFILES,
  'A tenant’s payment profile: it picks the scenario and the tone of messages.',
  {
    ONE_OFF: 'An occasional late payer.',
    CHRONIC: 'Late again and again.',
    PRECARIOUS: 'In financial hardship: social path, no faster escalation.',
    UNKNOWN: 'Not enough history to tell.',
  },
);

export const LocaleEnum = listEnum('Locale', TEMPLATE_LOCALES, 'Language of letters and messages.', {
  fr: 'French (the default).',
  en: 'English.',
});

// Ledger and debts

export const ChargeKindEnum = listEnum('ChargeKind', CHARGE_KINDS, 'What a charge bills.', {
  RENT_CALL: 'The monthly rent call (avis d’échéance).',
  REGULARISATION: 'A service-charge regularisation (régularisation des charges).',
  FEE: 'A late-payment fee.',
});

export const PaymentMethodEnum = listEnum('PaymentMethod', PAYMENT_METHODS, 'How a payment was made.', {
  HOUSING_BENEFIT: 'Housing benefit (APL/ALS) paid to the landlord by the CAF or MSA.',
});

export const DebtStatusEnum = listEnum(
  'DebtStatus',
  DEBT_STATUSES,
  'Where a debt stands. OPEN, PAYMENT_PLAN, PAUSED and ESCALATED are open: its workflow runs.',
  {
    OPEN: 'The scenario runs.',
    PAYMENT_PLAN: 'A payment plan is kept; the scenario waits.',
    PAUSED: 'Paused by an agent or a dispute.',
    ESCALATED: 'Handed off (litigation, insurer claim).',
    RESOLVED: 'Paid.',
    WRITTEN_OFF: 'Given up on.',
    CANCELLED: 'Opened by mistake or settled otherwise.',
  },
);

export const DebtEventActorKindEnum = listEnum('DebtEventActorKind', JOURNAL_ACTOR_KINDS, 'Who wrote a timeline entry.', {
  SYSTEM: 'Relance itself: arrears detection, the ledger, a provider’s report.',
  API_KEY: 'A person or integration, through an API key (actorId).',
  WORKFLOW: 'The debt’s dunning workflow (actorId is its workflow id).',
});

// Legal deadlines (src/domain/legal-rules.ts; docs/compliance.md)

export const LegalMilestoneEnum = listEnum('LegalMilestone', LEGAL_MILESTONES, 'Something the law counts a deadline from, with its date.', {
  GUARANTOR_INFORMED: 'The guarantor was told of the first payment incident (C. civ. 2303); a GUARANTOR_NOTICE step records it.',
  COMMANDEMENT_SERVED:
    'A commissaire de justice served the commandement de payer on the tenant: its delay and the guarantor’s 15 days start.',
  COMMANDEMENT_SENT_TO_GUARANTOR: 'The commandement was served on the guarantor (loi 89-462 art. 24).',
  CCAPEX_REFERRED: 'The case was referred to the CCAPEX: an assignation may follow two months later (art. 24 II).',
  CAF_REPORTED: 'The non-payment was reported to the CAF or MSA.',
  LITIGATION_FILE_PREPARED: 'The litigation file was prepared: recorded by the LITIGATION_HANDOFF step, not by recordLegalMilestone.',
  INSURER_CLAIM_PREPARED: 'The GLI claim file was prepared: recorded by the INSURER_CLAIM step, not by recordLegalMilestone.',
  INSURER_CLAIM_FILED: 'The claim reached the rent-guarantee insurer.',
});

export const LegalRuleEnum = listEnum('LegalRule', LEGAL_RULES, 'A deadline the law or the GLI contract sets on a debt.', {
  GUARANTOR_FIRST_INCIDENT: 'Inform a natural-person guarantor of the first incident by the end of its month (C. civ. 2303).',
  GUARANTOR_COMMANDEMENT: 'Serve the commandement on the guarantor within 15 days (loi 89-462 art. 24).',
  COMMANDEMENT_EXPIRY: 'The commandement’s delay ran out: the resolution clause may be invoked.',
  CCAPEX_REFERRAL: 'A legal-entity landlord refers to the CCAPEX two months before the assignation (art. 24 II).',
  CAF_REPORT: 'Report the non-payment to the CAF or MSA within two months (benefit paid to the landlord).',
  GLI_CLAIM: 'The rent-guarantee insurer’s claim deadline.',
  PRESCRIPTION: 'A charge prescribes three years after it fell due (loi 89-462 art. 7-1).',
});

export const CommandementDelayEnum = listEnum(
  'CommandementDelay',
  COMMANDEMENT_DELAYS,
  'How long a tenant has to pay after a commandement de payer.',
  {
    SIX_WEEKS: 'Residential lease signed from 29 July 2023 (loi 2023-668).',
    TWO_MONTHS: 'Residential lease signed before 29 July 2023 (Cass. avis 13 June 2024, no. 24-70.002).',
    ONE_MONTH: 'Commercial lease (C. com. L145-41).',
    LEASE_CLAUSE: 'Other leases: as the lease’s clause provides.',
  },
);

// Tasks

export const TaskKindEnum = listEnum('TaskKind', TASK_KINDS, 'What an agent is asked to do.', {
  SOCIAL_REFERRAL: 'Refer the tenant to a social worker.',
  FOLLOW_UP: 'Anything else to chase: a wrong number, a returned letter, a rejected plan…',
});

export const TaskStatusEnum = listEnum('TaskStatus', TASK_STATUSES, 'A task moves TODO → IN_PROGRESS → DONE.');

export const TaskOutcomeEnum = listEnum('TaskOutcome', TASK_OUTCOMES, 'What came of a call or visit; it drives the scenario.', {
  REACHED: 'The tenant was reached.',
  PROMISE_TO_PAY: 'The tenant promised to pay by a date: the scenario waits until then.',
  DISPUTE: 'The tenant disputes the debt: the scenario pauses.',
  NO_ANSWER: 'Nobody answered.',
  WRONG_NUMBER: 'Wrong contact details: a task to find the right ones opens.',
  OTHER: 'Anything else (see the report).',
});

export const TaskTargetKindEnum = register<'DEBT' | 'LEASE' | 'TENANT'>(
  'TaskTargetKind',
  { DEBT: 'DEBT', LEASE: 'LEASE', TENANT: 'TENANT' },
  'What a task target names.',
);

export const SensitiveCategoryEnum = register<SensitiveCategory>(
  'SensitiveCategory',
  { HEALTH: 'HEALTH', OFFENCE: 'OFFENCE', INSULT: 'INSULT', SPECIAL_CATEGORY: 'SPECIAL_CATEGORY' },
  'Why a word of a call report looks like sensitive data (GDPR art. 9 and 10).',
  { SPECIAL_CATEGORY: 'Origin, religion, politics, union membership or sex life.' },
);

// Approval requests

export const ApprovalKindEnum = listEnum('ApprovalKind', APPROVAL_KINDS, 'What a landlord is asked to approve.', {
  FORMAL_NOTICE: 'The formal notice (registered letter) to the tenant.',
  HANDOFF: 'The hand-off to the litigation partner or the rent-guarantee insurer.',
  FEE: 'A late-payment fee the lease provides.',
  PAYMENT_PLAN: 'A payment plan proposed to the tenant (stepKey "payment-plan").',
  OTHER: 'Another step the scenario reserves to the landlord.',
});

export const ApprovalStatusEnum = listEnum('ApprovalStatus', APPROVAL_STATUSES, 'Where an approval request stands.', {
  PENDING: 'Waiting for the landlord’s decision, until its deadline.',
  APPROVED: 'Approved (decideApproval): the step runs when due, the plan starts.',
  REJECTED: 'Rejected (decideApproval): the step is not carried out, the plan is dropped; an agent takes over.',
  LAPSED: 'No decision by the deadline (or the debt closed first): as rejected, and an agent chases the landlord.',
});

// Messages and templates

export const ChannelEnum = listEnum('Channel', CHANNELS, 'A way of reaching someone.', {
  REGISTERED_LETTER: 'Registered letter with acknowledgement of receipt (LRAR).',
});

export const ProviderEnum = listEnum('Provider', PROVIDERS, 'Who carries a channel’s messages.', {
  CAPTURE: 'Nobody: kept here without sending (the default).',
  SMTP: 'An SMTP server (e-mail).',
  SINCH: 'Sinch (SMS).',
  PRINT_QUEUE: 'The agency prints and posts (letters).',
  MAILEVA: 'Maileva’s registered-mail API (registered letters).',
});

export const MessageStatusEnum = listEnum('MessageStatus', MESSAGE_STATUSES, 'Where an outbound message stands.', {
  QUEUED: 'Waiting to be sent.',
  SENDING: 'Handed to the provider, answer pending.',
  SENT: 'Accepted by the provider (a printed letter: in the print queue).',
  DELIVERED: 'The provider reports it delivered.',
  FAILED: 'Not delivered (see lastError).',
});

export const TemplateToneEnum = listEnum(
  'TemplateTone',
  TEMPLATE_TONES,
  'A template’s tone: the default, or a variant for one tenant profile.',
);

export const TemplateMediumEnum = register<TemplateMedium>(
  'TemplateMedium',
  { SMS: 'SMS', EMAIL: 'EMAIL', LETTER: 'LETTER', TASK: 'TASK' },
  'What a template renders into.',
  { EMAIL: 'An e-mail, with its letter as PDF.', TASK: 'The body of an agent’s task (a call script).' },
);

export const TemplateSourceEnum = register<EffectiveTemplate['source']>(
  'TemplateSource',
  { SHIPPED: 'SHIPPED', WORKSPACE: 'WORKSPACE' },
  'Where a template or legal block text comes from.',
  { SHIPPED: 'The text shipped with Relance (version 0).', WORKSPACE: 'A version the workspace saved.' },
);

// Scenarios

export const ActionKindEnum = listEnum('ActionKind', ACTION_KINDS, 'What a scenario step does.', {
  FORMAL_NOTICE: 'Formal notice by registered letter (mise en demeure).',
  CALL_TASK: 'A call, as an agent’s task with its script.',
  VISIT_TASK: 'A visit, as an agent’s task.',
  LANDLORD_NOTIFICATION: 'Tell the landlord.',
  GUARANTOR_NOTICE: 'Notify the guarantor (caution).',
  LITIGATION_HANDOFF: 'Hand the file to the litigation partner.',
  INSURER_CLAIM: 'File the rent-guarantee insurance (GLI) claim.',
  FEE: 'Post a late-payment fee (never on residential leases).',
  SOCIAL_REFERRAL: 'Refer the tenant to a social worker.',
});

export const ScenarioStatusEnum = listEnum('ScenarioStatus', SCENARIO_STATUSES, 'Where a scenario stands.', {
  DRAFT: 'Never published.',
  PUBLISHED: 'New debts may get its latest version.',
  ARCHIVED: 'No new debt gets it; running debts keep their version.',
});

export const CatchUpPolicyEnum = listEnum(
  'CatchUpPolicy',
  CATCH_UP_POLICIES,
  'What happens to a step whose moment passed before the scenario (re)started.',
  {
    SEND: 'Carried out however late (legal and human steps).',
    SKIP: 'Never caught up.',
    WITHIN_DAYS: 'Carried out only if at most `days` late.',
  },
);

export const SimulatedEventKindEnum = register<SimulatedEvent['kind']>(
  'SimulatedEventKind',
  { DONE: 'DONE', RUN: 'RUN', SKIP: 'SKIP', CLOSE: 'CLOSE', FINISHED: 'FINISHED', LEGAL: 'LEGAL' },
  'One entry of a simulated calendar.',
  {
    DONE: 'A step the real debt already went through.',
    RUN: 'A step carried out.',
    SKIP: 'A step skipped (see reason).',
    CLOSE: 'The debt closes (see reason).',
    FINISHED: 'No step left.',
    LEGAL: 'A deadline law or the GLI contract sets on the real debt: its task opens then (see reason and dueOn; docs/compliance.md).',
  },
);

// Access

export const ApiKeyRoleEnum = listEnum(
  'ApiKeyRole',
  API_KEY_ROLES,
  'ADMIN and AGENT keys write; LANDLORD keys read one landlord’s records; READONLY keys read.',
);

// Twenty connector

export const TwentyRecordKindEnum = listEnum('TwentyRecordKind', TWENTY_RECORD_KINDS, 'What Relance keeps in a Twenty workspace.', {
  PERSON: 'A tenant or guarantor, as a Twenty Person (one Twenty knows by e-mail is linked, not duplicated).',
  COMPANY: 'A legal-entity landlord, as a Twenty Company.',
  LEASE: 'A lease, as a record of the Lease object Relance installs.',
  LEASE_PARTY: 'A tenant or guarantor of a lease (links a Lease and a Person).',
  DEBT: 'A recovery case, as a record of the Debt object.',
  TASK: "An agent's task, as a Twenty Task.",
  NOTE: "An entry of a debt's timeline, as a Twenty Note on the Debt.",
  LETTER: 'A letter sent on a debt, as a Twenty Note linking its PDF.',
});

// The tenant's documents (loi 89-462 art. 21)

export const TenantDocumentKindEnum = listEnum(
  'TenantDocumentKind',
  TENANT_DOCUMENT_KINDS,
  'A document the tenant is owed as rent is called and paid.',
  {
    QUITTANCE: 'A period of rent and charges paid in full (quittance de loyer), rent and charges told apart.',
    RECU: 'A payment that leaves a period partly paid, or money in advance (reçu).',
    RENT_NOTICE: 'A rent call before its due date (avis d’échéance), with what else the lease owes.',
  },
);

export const ReceiptDeliveryEnum = listEnum(
  'ReceiptDelivery',
  RECEIPT_DELIVERIES,
  'What the workspace does with the documents it issues to tenants.',
  {
    ARCHIVE: 'Kept, downloadable from the lease (the agency hands them over).',
    EMAIL: 'Also e-mailed to the lease’s first tenant who gave an address and agreed to e-mail (art. 21); kept otherwise.',
    POST: 'Also put in the print queue, to post to the let home (markTenantDocumentsPrinted once posted).',
    TENANT_CHANNEL:
      'By the tenant’s channel: e-mailed where EMAIL would, otherwise (or when the e-mail is refused for good) in the print queue.',
  },
);

export const TenantDocumentStatusEnum = listEnum(
  'TenantDocumentStatus',
  TENANT_DOCUMENT_STATUSES,
  'Whether a tenant document is made yet.',
  {
    PENDING: 'Owed and queued with the ledger entry that earned it; rendered within seconds.',
    ISSUED: 'Rendered as a PDF and archived with its SHA-256.',
  },
);

export const TenantDocumentDeliveryEnum = listEnum(
  'TenantDocumentDelivery',
  TENANT_DOCUMENT_DELIVERY_STATUSES,
  'Where a tenant document’s e-mail or post stands.',
  {
    NOT_ASKED: 'The workspace keeps documents only (ARCHIVE).',
    TO_PRINT: 'In the print queue: to print and post to the let home (POST, or TENANT_CHANNEL for a tenant who cannot be e-mailed).',
    PRINTED: 'Printed and posted (markTenantDocumentsPrinted).',
    PENDING: 'To e-mail (tried again with backoff after a failure worth retrying).',
    SENDING: 'Handed to the SMTP server; never sent twice automatically.',
    SENT: 'Taken by the SMTP server.',
    SKIPPED: 'Not e-mailed, with why (no address, no agreement, no SMTP server).',
    FAILED: 'Refused for good by the mail server.',
  },
);
