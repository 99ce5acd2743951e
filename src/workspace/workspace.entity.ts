import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { IsE164, IsTimeZone } from '../common/validators';
import { RECEIPT_DELIVERIES, ReceiptDelivery } from '../domain/receipts';
import { DEFAULT_RETENTION_MONTHS_AFTER_CLOSE, RETENTION_MONTHS_BOUNDS } from '../domain/retention';
import { PROFILE_THRESHOLD_BOUNDS as BOUNDS, ProfileThresholds } from '../domain/tenant-profile';
import { ADDRESS_ACCESS, AddressFields } from '../records/contact-fields';
import { recordTableOf } from '../records/record-entity';

/**
 * The agency: the one declaration of the `workspace` table, its GraphQL fields and their
 * validation. Its phone column is wider than a party's (varchar(20)), so it declares its
 * contact fields itself rather than extending ContactFields.
 */
@Entity('workspace')
@ObjectType({ description: 'The agency: its letterhead, payment instructions and time zone.' })
export class Workspace extends AddressFields {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  @Length(1, 200)
  name: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  legalName?: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsE164()
  phone?: string | null;

  @Column({ type: 'varchar', length: 34, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, { message: 'iban must be an IBAN without spaces' })
  iban?: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'bic must be a BIC' })
  bic?: string | null;

  @Column({ name: 'payment_instructions', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Shown on letters: how to pay.' })
  @IsOptional()
  @Length(1, 2000)
  paymentInstructions?: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  @Field({ description: 'IANA time zone; Europe/Paris by default.' })
  @IsOptional()
  @IsTimeZone()
  timeZone: string;

  // The thresholds of tenant profiles (docs/scenarios.md, "Which profile a debt gets").

  @Column({ name: 'profile_window_months', type: 'smallint' })
  @Field(() => Int, {
    description: `Months of history a debt's profile looks at (12 by default, ${BOUNDS.windowMonths.min} to ${BOUNDS.windowMonths.max}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.windowMonths.min)
  @Max(BOUNDS.windowMonths.max)
  profileWindowMonths: number;

  @Column({ name: 'profile_one_off_min_months_on_time', type: 'smallint' })
  @Field(() => Int, { description: 'A one-off late payer paid at least this many months on time in the window (6 by default).' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.oneOffMinMonthsOnTime.min)
  @Max(BOUNDS.oneOffMinMonthsOnTime.max)
  profileOneOffMinMonthsOnTime: number;

  @Column({ name: 'profile_one_off_max_arrears_percent', type: 'smallint' })
  @Field(() => Int, {
    description:
      'A one-off late payer owes at most this share of a month’s rent and charges, in percent (110 by default: about one month).',
  })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.oneOffMaxArrearsPercent.min)
  @Max(BOUNDS.oneOffMaxArrearsPercent.max)
  profileOneOffMaxArrearsPercent: number;

  @Column({ name: 'profile_chronic_min_earlier_debts', type: 'smallint' })
  @Field(() => Int, { description: 'A chronic late payer had at least this many earlier debts in the window (2 by default)…' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.chronicMinEarlierDebts.min)
  @Max(BOUNDS.chronicMinEarlierDebts.max)
  profileChronicMinEarlierDebts: number;

  @Column({ name: 'profile_chronic_min_months_late', type: 'smallint' })
  @Field(() => Int, { description: '…or paid at least this many months late in it (3 by default).' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.chronicMinMonthsLate.min)
  @Max(BOUNDS.chronicMinMonthsLate.max)
  profileChronicMinMonthsLate: number;

  // How long a closed debt keeps what was written about the tenant (docs/compliance.md, "Retention (CNIL)").

  @Column({ name: 'retention_months_after_close', type: 'smallint' })
  @Field(() => Int, {
    description: `Months after a debt closes before its call reports, notes and message texts are anonymised (${DEFAULT_RETENTION_MONTHS_AFTER_CLOSE} by default, from the CNIL's rental-management framework and the 3-year limitation of loi 89-462 art. 7-1; ${RETENTION_MONTHS_BOUNDS.min} to ${RETENTION_MONTHS_BOUNDS.max}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(RETENTION_MONTHS_BOUNDS.min)
  @Max(RETENTION_MONTHS_BOUNDS.max)
  retentionMonthsAfterClose: number;

  // The tenant's documents (docs/compliance.md, "Receipts, quittances and rent notices").

  @Column({ name: 'receipt_delivery', type: 'varchar', length: 16 })
  @Field(() => enumOf(RECEIPT_DELIVERIES), {
    description:
      'What becomes of the quittances, reçus and rent notices Relance issues: ARCHIVE keeps them (downloadable; the default), EMAIL also e-mails each to the tenant who agreed to e-mail, POST puts each in the print queue, TENANT_CHANNEL e-mails where the tenant agreed and posts otherwise.',
  })
  @IsOptional()
  @IsIn(RECEIPT_DELIVERIES)
  receiptDelivery: ReceiptDelivery;

  @Column({ name: 'rent_notices', type: 'boolean' })
  @Field({ description: 'Issue a rent notice (avis d’échéance) for each rent call imported before its due date (off by default).' })
  @IsOptional()
  @IsBoolean()
  rentNotices: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;
}

/** The Workspace field of each profile threshold (`windowMonths` → `profileWindowMonths`). */
export const PROFILE_THRESHOLD_FIELDS: Readonly<Record<keyof ProfileThresholds, Extract<keyof Workspace, `profile${string}`>>> = {
  windowMonths: 'profileWindowMonths',
  oneOffMinMonthsOnTime: 'profileOneOffMinMonthsOnTime',
  oneOffMaxArrearsPercent: 'profileOneOffMaxArrearsPercent',
  chronicMinEarlierDebts: 'profileChronicMinEarlierDebts',
  chronicMinMonthsLate: 'profileChronicMinMonthsLate',
};

/** Every setting an ADMIN may change (`updateWorkspace`); the stamps are internal. */
export const WORKSPACE_TABLE = recordTableOf(Workspace, {
  alias: 'w',
  // A workspace is read as the caller's own, by id: no landlord restriction applies.
  landlordScope: 'TRUE',
  defaultOrder: [],
  internal: ['createdAt', 'updatedAt'],
  fields: {
    name: { update: true },
    legalName: { update: true },
    ...Object.fromEntries(Object.keys(ADDRESS_ACCESS).map((field) => [field, { update: true }])),
    email: { update: true },
    phone: { update: true },
    iban: { update: true },
    bic: { update: true },
    paymentInstructions: { update: true },
    timeZone: { update: true },
    ...Object.fromEntries(Object.values(PROFILE_THRESHOLD_FIELDS).map((field) => [field, { update: true }])),
    retentionMonthsAfterClose: { update: true },
    receiptDelivery: { update: true },
    rentNotices: { update: true },
  },
});
