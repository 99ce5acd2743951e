import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { validateInput } from '../../src/common/validation.pipe';
import { ArrearsDetectionService } from '../../src/debt/arrears-detection.service';
import { MAX_ENTRY_CENTS } from '../../src/domain/money';
import { DEBT_STATUSES, DebtStatus, JOURNAL_ACTOR_KINDS, JournalActor } from '../../src/debt/case-journal';
import { CHARGE_KINDS, ChargeKind, LedgerService, PAYMENT_METHODS, PaymentMethod } from '../../src/ledger/ledger.service';
import { RecordStore } from '../../src/records/record-store';
import { RecordTable } from '../../src/records/record-table';
import { ChargeKindEnum, DebtEventActorKindEnum, DebtStatusEnum, PaymentMethodEnum, TenantProfileEnum } from '../enums';
import { TENANT_PROFILES, TenantProfile } from '../../src/domain/scenario';
import { recordResolverFor } from '../records/record-resolver.factory';
import { IsCalendarDate, IsPeriod } from './validation';

/** Ledger rows are visible to the landlord of their lease. */
const ON_LANDLORD_LEASE = (alias: string) =>
  `EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = ${alias}.workspace_id AND x.id = ${alias}.lease_id AND x.landlord_id = $L)`;

/** Rows of a debt (its timeline, tasks, messages, documents) are visible to the landlord of its lease. */
export const ON_LANDLORD_DEBT = (alias: string) =>
  `EXISTS (SELECT 1 FROM debt y JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
    WHERE y.workspace_id = ${alias}.workspace_id AND y.id = ${alias}.debt_id AND x.landlord_id = $L)`;

@InputType({ description: 'A rent call (avis d’échéance) or another debit on a lease.' })
export class CreateChargeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'leaseId must be a UUID' })
  leaseId: string;

  @Field(() => ChargeKindEnum, { nullable: true, description: 'RENT_CALL by default.' })
  @IsOptional()
  @IsIn(CHARGE_KINDS)
  kind?: ChargeKind;

  @Field({ description: 'Billed period, YYYY-MM; with the lease and kind, the idempotency key.' })
  @IsPeriod()
  period: string;

  @Field()
  @IsCalendarDate()
  dueDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  rentCents: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  chargesCents: number;

  @Field(() => Int, { nullable: true, description: 'A FEE charge’s amount (its rent and charges parts are 0); 0 by default, and on every other kind.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  feeCents?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  label?: string | null;
}

@ObjectType()
export class Charge {
  @Field(() => ID) id: string;
  @Field(() => ID) leaseId: string;
  @Field(() => ChargeKindEnum) kind: ChargeKind;
  @Field() period: string;
  @Field() dueDate: string;
  @Field(() => Int) rentCents: number;
  @Field(() => Int) chargesCents: number;
  @Field(() => Int, { description: 'A late-payment fee (FEE charge): never rent nor service charges; 0 on other kinds.' }) feeCents: number;
  @Field(() => String, { nullable: true }) label: string | null;
  @Field() createdAt: string;
}

/** Money received for a lease: what payments and credit notes share. */
@InputType({ isAbstract: true })
class LeaseCreditFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'leaseId must be a UUID' })
  leaseId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_ENTRY_CENTS)
  amountCents: number;
}

@InputType({ description: 'A payment received (encaissement).' })
export class CreatePaymentInput extends LeaseCreditFields {
  @Field()
  @IsCalendarDate()
  paidOn: string;

  @Field(() => PaymentMethodEnum)
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  @Field({ description: 'Unique per workspace: re-sending the same payment changes nothing.' })
  @Length(1, 100)
  bankReference: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  payerName?: string | null;
}

@ObjectType()
export class Payment {
  @Field(() => ID) id: string;
  @Field(() => ID) leaseId: string;
  @Field(() => Int) amountCents: number;
  @Field() paidOn: string;
  @Field(() => PaymentMethodEnum) method: PaymentMethod;
  @Field() bankReference: string;
  @Field(() => String, { nullable: true }) payerName: string | null;
  @Field() createdAt: string;
}

@InputType({ description: 'A credit note (avoir) or adjustment in the tenant’s favour.' })
export class CreateCreditNoteInput extends LeaseCreditFields {
  @Field()
  @IsCalendarDate()
  issuedOn: string;

  @Field()
  @Length(1, 500)
  reason: string;
}

@ObjectType()
export class CreditNote {
  @Field(() => ID) id: string;
  @Field(() => ID) leaseId: string;
  @Field(() => Int) amountCents: number;
  @Field() issuedOn: string;
  @Field() reason: string;
  @Field() createdAt: string;
}

@ObjectType({ description: 'A lease in arrears (dossier de recouvrement).' })
export class Debt {
  @Field(() => ID) id: string;
  @Field(() => ID) leaseId: string;
  @Field(() => DebtStatusEnum) status: DebtStatus;
  @Field(() => Int, { description: 'Overdue amount still owed, in cents.' }) amountCents: number;
  @Field(() => String, { nullable: true }) oldestUnpaidDueDate: string | null;
  @Field(() => Int, { description: 'Days since the oldest unpaid due date (Europe/Paris today).' }) daysLate: number;
  @Field() openedOn: string;
  @Field(() => String, { nullable: true }) closedAt: string | null;
  @Field(() => String, { nullable: true }) scenarioVersion: string | null;
  @Field(() => String, { nullable: true }) workflowId: string | null;
  @Field(() => TenantProfileEnum, { nullable: true, description: 'The profile the debt opened with: the worst of its tenants’, their history before it (itself not counted). Null for a debt opened before profiles were explained.' })
  profile: TenantProfile | null;
  @Field(() => String, { nullable: true, description: 'Why that profile, e.g. "tenant Dupont: 2 earlier debts in 12 months".' })
  profileReason: string | null;
  @Field(() => String, { nullable: true, description: 'Why its scenario, e.g. "tenant Dupont is vulnerable → precarious-social"; null until its workflow starts.' })
  scenarioReason: string | null;
  @Field() createdAt: string;
  @Field() updatedAt: string;
}

@ObjectType({ description: 'One entry of a debt’s timeline: payment, action, message, decision.' })
export class DebtEvent {
  @Field(() => ID) id: string;
  @Field(() => ID) debtId: string;
  @Field() kind: string;
  @Field() occurredAt: string;
  @Field(() => DebtEventActorKindEnum) actorKind: JournalActor['kind'];
  @Field(() => String, { nullable: true }) actorId: string | null;
  @Field() summary: string;
}

const stamp = { id: { column: 'id', type: 'uuid' as const }, createdAt: { column: 'created_at', type: 'timestamp' as const, query: true } };

export const CHARGE_TABLE: RecordTable = {
  name: 'Charge', table: 'charge', alias: 'c', landlordScope: ON_LANDLORD_LEASE('c'),
  defaultOrder: [{ dueDate: 'AscNullsLast' }],
  fields: {
    ...stamp,
    leaseId: { column: 'lease_id', type: 'uuid', query: true },
    kind: { column: 'kind', type: 'enum', values: CHARGE_KINDS, query: true },
    period: { column: 'period', type: 'string', query: true },
    dueDate: { column: 'due_date', type: 'date', query: true },
    rentCents: { column: 'rent_cents', type: 'int', query: true },
    chargesCents: { column: 'charges_cents', type: 'int', query: true },
    feeCents: { column: 'fee_cents', type: 'int', query: true },
    label: { column: 'label', type: 'string', nullable: true, query: true },
  },
};

export const PAYMENT_TABLE: RecordTable = {
  name: 'Payment', table: 'payment', alias: 'pay', landlordScope: ON_LANDLORD_LEASE('pay'),
  defaultOrder: [{ paidOn: 'AscNullsLast' }],
  fields: {
    ...stamp,
    leaseId: { column: 'lease_id', type: 'uuid', query: true },
    amountCents: { column: 'amount_cents', type: 'int', query: true },
    paidOn: { column: 'paid_on', type: 'date', query: true },
    method: { column: 'method', type: 'enum', values: PAYMENT_METHODS, query: true },
    bankReference: { column: 'bank_reference', type: 'string', query: true },
    payerName: { column: 'payer_name', type: 'string', nullable: true, query: true },
  },
};

export const CREDIT_NOTE_TABLE: RecordTable = {
  name: 'CreditNote', table: 'credit_note', alias: 'cn', landlordScope: ON_LANDLORD_LEASE('cn'),
  defaultOrder: [{ issuedOn: 'AscNullsLast' }],
  fields: {
    ...stamp,
    leaseId: { column: 'lease_id', type: 'uuid', query: true },
    amountCents: { column: 'amount_cents', type: 'int', query: true },
    issuedOn: { column: 'issued_on', type: 'date', query: true },
    reason: { column: 'reason', type: 'string', query: true },
  },
};

export const DEBT_TABLE: RecordTable = {
  name: 'Debt', table: 'debt', alias: 'd', landlordScope: ON_LANDLORD_LEASE('d'),
  defaultOrder: [{ daysLate: 'DescNullsLast' }],
  fields: {
    ...stamp,
    updatedAt: { column: 'updated_at', type: 'timestamp', query: true },
    leaseId: { column: 'lease_id', type: 'uuid', query: true },
    status: { column: 'status', type: 'enum', values: DEBT_STATUSES, query: true },
    amountCents: { column: 'amount_cents', type: 'int', query: true },
    oldestUnpaidDueDate: { column: 'oldest_unpaid_due_date', type: 'date', nullable: true, query: true },
    daysLate: {
      column: 'days_late',
      type: 'int',
      query: true,
      sql: `COALESCE(GREATEST((now() AT TIME ZONE 'Europe/Paris')::date - d.oldest_unpaid_due_date, 0), 0)`,
      // Sorting by the stored date uses the index; the order is the same, reversed.
      sortAs: { field: 'oldestUnpaidDueDate', inverted: true },
    },
    openedOn: { column: 'opened_on', type: 'date', query: true },
    closedAt: { column: 'closed_at', type: 'timestamp', nullable: true, query: true },
    scenarioVersion: { column: 'scenario_version', type: 'string', nullable: true, query: true },
    workflowId: { column: 'workflow_id', type: 'string', nullable: true, query: true },
    profile: { column: 'profile', type: 'enum', values: TENANT_PROFILES, nullable: true, query: true },
    profileReason: { column: 'profile_reason', type: 'string', nullable: true },
    scenarioReason: { column: 'scenario_reason', type: 'string', nullable: true },
  },
};

export const DEBT_EVENT_TABLE: RecordTable = {
  name: 'DebtEvent', table: 'debt_event', alias: 'de',
  landlordScope: ON_LANDLORD_DEBT('de'),
  defaultOrder: [{ occurredAt: 'AscNullsLast' }],
  fields: {
    id: { column: 'id', type: 'uuid' },
    debtId: { column: 'debt_id', type: 'uuid', query: true },
    kind: { column: 'kind', type: 'string', query: true },
    occurredAt: { column: 'occurred_at', type: 'timestamp', query: true },
    actorKind: { column: 'actor_kind', type: 'enum', values: JOURNAL_ACTOR_KINDS, query: true },
    actorId: { column: 'actor_id', type: 'string', nullable: true },
    summary: { column: 'summary', type: 'string' },
  },
};

export const ChargeResolver = recordResolverFor({ name: 'Charge', plural: 'charges', node: Charge, table: CHARGE_TABLE });
export const PaymentResolver = recordResolverFor({ name: 'Payment', plural: 'payments', node: Payment, table: PAYMENT_TABLE });
export const CreditNoteResolver = recordResolverFor({ name: 'CreditNote', plural: 'creditNotes', node: CreditNote, table: CREDIT_NOTE_TABLE });
export const DebtResolver = recordResolverFor({ name: 'Debt', plural: 'debts', node: Debt, table: DEBT_TABLE });
export const DebtEventResolver = recordResolverFor({ name: 'DebtEvent', plural: 'debtEvents', node: DebtEvent, table: DEBT_EVENT_TABLE });

/**
 * Money in: charges and payments enter through the ledger seam (allocation, balance, debts,
 * timeline in one transaction; idempotent re-imports). Ledger entries are never edited or
 * deleted: a mistake is corrected by a credit note or a new entry, as in accounting.
 */
@Resolver()
export class LedgerMutationsResolver {
  private readonly charges: RecordStore;
  private readonly payments: RecordStore;
  private readonly debts: RecordStore;
  private readonly creditNotes: RecordStore;

  constructor(
    private readonly ledger: LedgerService,
    private readonly arrears: ArrearsDetectionService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.charges = new RecordStore(CHARGE_TABLE, dataSource);
    this.payments = new RecordStore(PAYMENT_TABLE, dataSource);
    this.debts = new RecordStore(DEBT_TABLE, dataSource);
    this.creditNotes = new RecordStore(CREDIT_NOTE_TABLE, dataSource);
  }

  @WriteAccess()
  @Mutation(() => [Charge], { description: 'Imports charges (up to 5,000): one transaction; an already billed period is returned as is.' })
  async createCharges(@CurrentActor() actor: Actor, @Args('data', { type: () => [CreateChargeInput] }) data: CreateChargeInput[]) {
    const inputs = await Promise.all(data.map((d, i) => validateInput(CreateChargeInput, d, `data[${i}]`)));
    const result = await this.ledger.importCharges(actor, inputs as never, 'data');
    return this.inOrder(this.charges, actor, [...result.createdIds, ...result.existingIds]);
  }

  @WriteAccess()
  @Mutation(() => [Payment], { description: 'Records payments (up to 5,000): one transaction; a known bank reference is returned as is.' })
  async createPayments(@CurrentActor() actor: Actor, @Args('data', { type: () => [CreatePaymentInput] }) data: CreatePaymentInput[]) {
    const inputs = await Promise.all(data.map((d, i) => validateInput(CreatePaymentInput, d, `data[${i}]`)));
    const result = await this.ledger.recordPayments(actor, inputs as never, 'data');
    return this.inOrder(this.payments, actor, [...result.createdIds, ...result.existingIds]);
  }

  @WriteAccess()
  @Mutation(() => Payment, { description: 'Records one payment; see createPayments.' })
  async createPayment(@CurrentActor() actor: Actor, @Args('data', { type: () => CreatePaymentInput }) data: CreatePaymentInput) {
    const input = await validateInput(CreatePaymentInput, data, 'data');
    const result = await this.ledger.recordPayments(actor, [input as never], 'data');
    return this.payments.get(actor, [...result.createdIds, ...result.existingIds][0]);
  }

  @WriteAccess()
  @Mutation(() => CreditNote, { description: 'Records a credit note; allocated to the oldest charges like a payment.' })
  async createCreditNote(@CurrentActor() actor: Actor, @Args('data', { type: () => CreateCreditNoteInput }) data: CreateCreditNoteInput) {
    const input = await validateInput(CreateCreditNoteInput, data, 'data');
    return this.creditNotes.get(actor, await this.ledger.recordCreditNote(actor, input));
  }

  @WriteAccess()
  @Mutation(() => [Debt], {
    description: 'Opens a debt on every lease with rent unpaid more than 5 days past due and starts its dunning workflow; returns the new debts.',
  })
  async runArrearsDetection(@CurrentActor() actor: Actor) {
    // Temporal down only defers the workflows: the next run (or the daily Schedule) starts them.
    const { openedDebtIds } = await this.arrears.run(actor.workspaceId, 'defer');
    return this.inOrder(this.debts, actor, openedDebtIds);
  }

  private async inOrder(store: RecordStore, actor: Actor, ids: string[]) {
    const rows = await store.load(this.dataSource, actor, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }
}
