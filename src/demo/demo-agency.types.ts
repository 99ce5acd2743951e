import type { IsoDate } from '../domain/calendar-date';
import type { Cents } from '../domain/money';

/**
 * Rows of a generated demo agency. Each field maps one to one onto a column of
 * migrations/1795457100000 (camelCase for snake_case); workspace_id, timestamps and the
 * lease's stored balance are left to the inserter and the database.
 */

export type PartyKind = 'NATURAL_PERSON' | 'LEGAL_ENTITY';
export type ApprovalStep = 'FORMAL_NOTICE' | 'LITIGATION_HANDOFF' | 'PAYMENT_PLAN';
export type InformationChannel = 'EMAIL' | 'POSTAL' | 'PORTAL';
export type PreferredChannel = 'EMAIL' | 'SMS' | 'POSTAL' | 'PHONE';
export type TenantProfile = 'ONE_OFF' | 'CHRONIC' | 'PRECARIOUS' | 'UNKNOWN';
export type LeaseKind = 'RESIDENTIAL_UNFURNISHED' | 'RESIDENTIAL_FURNISHED' | 'COMMERCIAL' | 'OTHER';
export type PaymentMethod = 'TRANSFER' | 'DIRECT_DEBIT' | 'CHECK' | 'CASH' | 'CARD' | 'HOUSING_BENEFIT' | 'OTHER';

/** Postal address columns shared by landlords, properties, tenants and guarantors. */
export interface DemoAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A `landlord` row with its mandate settings. */
export interface DemoLandlordRow extends DemoAddress {
  id: string;
  kind: PartyKind;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  siren: string | null;
  email: string | null;
  phone: string | null;
  mandateLitigationThresholdCents: Cents;
  mandateApprovalSteps: ApprovalStep[];
  mandateInformationChannels: InformationChannel[];
}

/** A `property` row: a building, a house or a shop. */
export interface DemoPropertyRow extends DemoAddress {
  id: string;
  name: string;
}

/** A `unit` row (lot); the demo lets each unit to exactly one lease. */
export interface DemoUnitRow {
  id: string;
  propertyId: string;
  label: string;
  floor: string | null;
}

/** A `tenant` row. */
export interface DemoTenantRow extends DemoAddress {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  preferredChannel: PreferredChannel;
  consentEmail: boolean;
  consentSms: boolean;
  profile: TenantProfile;
  profileOverride: TenantProfile | null;
  vulnerable: boolean;
}

/** A `guarantor` row (caution): a person, or a company for some commercial leases. */
export interface DemoGuarantorRow extends DemoAddress {
  id: string;
  kind: PartyKind;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
}

/** A `lease` row. */
export interface DemoLeaseRow {
  id: string;
  reference: string;
  unitId: string;
  landlordId: string;
  kind: LeaseKind;
  signedOn: IsoDate;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  monthlyRentCents: Cents;
  monthlyChargesCents: Cents;
  /** Day of the month rent falls due, 1–31 (29–31: that day or the month's last). */
  dueDay: number;
  housingBenefitToLandlord: boolean;
  housingBenefitCents: Cents | null;
  gliInsurer: string | null;
  gliClaimDeadlineDays: number | null;
  scenarioOverride: string | null;
}

/** A `lease_tenant` link row. */
export interface DemoLeaseTenantRow {
  leaseId: string;
  tenantId: string;
}

/** A `lease_guarantor` link row. */
export interface DemoLeaseGuarantorRow {
  leaseId: string;
  guarantorId: string;
}

/** A `charge` row: one monthly rent call. */
export interface DemoChargeRow {
  id: string;
  leaseId: string;
  kind: 'RENT_CALL';
  /** "YYYY-MM". */
  period: string;
  dueDate: IsoDate;
  rentCents: Cents;
  chargesCents: Cents;
  label: string | null;
}

/** A `payment` row. */
export interface DemoPaymentRow {
  id: string;
  leaseId: string;
  amountCents: Cents;
  paidOn: IsoDate;
  method: PaymentMethod;
  /** Unique within the agency, as the table requires per workspace. */
  bankReference: string;
  payerName: string | null;
}

/** A whole demo agency, every table in insertion order. */
export interface DemoAgency {
  landlords: DemoLandlordRow[];
  properties: DemoPropertyRow[];
  units: DemoUnitRow[];
  tenants: DemoTenantRow[];
  guarantors: DemoGuarantorRow[];
  leases: DemoLeaseRow[];
  leaseTenants: DemoLeaseTenantRow[];
  leaseGuarantors: DemoLeaseGuarantorRow[];
  charges: DemoChargeRow[];
  payments: DemoPaymentRow[];
}

/** What to generate. */
export interface DemoAgencyOptions {
  /** Number of leases, hence of units (one lease per unit). 220 is the seeds' agency. */
  leases: number;
  /** PRNG seed; the same seed and options give the same agency. */
  seed?: number;
  /** The day the agency is looked at: the last rent call is for this month, no payment is later. */
  asOf: IsoDate;
  /** Share of leases with money more than 30 days late at `asOf`; 0.08 (the seeds' 8 %) when omitted. */
  lateShare?: number;
}
