import type {
  ApprovalStep,
  DemoAddress,
  DemoGuarantorRow,
  DemoLandlordRow,
  DemoTenantRow,
  InformationChannel,
  PreferredChannel,
  TenantProfile,
} from './demo-agency.types';
import {
  COMPANY_FORMS,
  COMPANY_SUFFIXES,
  demoEmail,
  demoLandline,
  demoMobile,
  FIRST_NAMES,
  GLI_INSURERS,
  LAST_NAMES,
  siren,
  slug,
  STREETS,
  TOWNS,
} from './demo-names';
import type { DemoRandom } from './demo-random';

/**
 * The people of the demo agency: landlords with their mandate settings, tenants and
 * guarantors. Every draw comes from the caller's DemoRandom, in a fixed order.
 */

/** A landlord and what the agency manages for them. */
export interface LandlordPortfolio {
  landlord: DemoLandlordRow;
  /** Units (hence leases) this landlord lets through the agency. */
  unitCount: number;
  /** The rent-guarantee insurance this landlord takes out on residential leases, if any. */
  gli: { name: string; claimDeadlineDays: number } | null;
}

/** Numbers that must stay unique across the agency (e-mail local parts, SIRENs). */
export interface DemoSerial {
  next(): number;
}

export function demoSerial(): DemoSerial {
  let n = 0;
  return { next: () => ++n };
}

interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

function person(random: DemoRandom, serial: DemoSerial, lastName: string = random.pick(LAST_NAMES)): Person {
  const firstName = random.pick(FIRST_NAMES);
  return {
    firstName,
    lastName,
    email: demoEmail(`${slug(firstName)}.${slug(lastName)}`, serial.next()),
    phone: demoMobile(random.int(0, 9999)),
  };
}

function postalAddress(random: DemoRandom): DemoAddress {
  const town = random.pick(TOWNS);
  return {
    addressLine1: `${random.int(1, 120)} ${random.pick(STREETS)}`,
    addressLine2: null,
    postalCode: town.postalCode,
    city: town.city,
    country: 'FR',
  };
}

/**
 * Landlords until their portfolios cover `units`. Most are private owners with one to a
 * few lots; a quarter are companies (mostly family SCIs, a few investors) owning more.
 */
export function generateLandlords(random: DemoRandom, serial: DemoSerial, units: number): LandlordPortfolio[] {
  const portfolios: LandlordPortfolio[] = [];
  let remaining = units;
  while (remaining > 0) {
    const legal = random.chance(0.25);
    const wanted = legal ? companyPortfolioSize(random) : privatePortfolioSize(random);
    const unitCount = Math.min(wanted, remaining);
    remaining -= unitCount;
    const landlord = legal ? legalEntityLandlord(random, serial) : naturalPersonLandlord(random, serial);
    const gli = random.chance(legal ? 0.2 : 0.35) ? random.pick(GLI_INSURERS) : null;
    portfolios.push({ landlord, unitCount, gli });
  }
  return portfolios;
}

function privatePortfolioSize(random: DemoRandom): number {
  return random.weighted([
    [1, 50],
    [2, 25],
    [3, 12],
    [random.int(4, 6), 13],
  ]);
}

function companyPortfolioSize(random: DemoRandom): number {
  return random.chance(0.1) ? random.int(15, 40) : random.int(3, 12);
}

function naturalPersonLandlord(random: DemoRandom, serial: DemoSerial): DemoLandlordRow {
  const { firstName, lastName, email, phone } = person(random, serial);
  return {
    id: random.uuid(),
    kind: 'NATURAL_PERSON',
    firstName,
    lastName,
    companyName: null,
    siren: null,
    email,
    phone,
    ...postalAddress(random),
    mandateLitigationThresholdCents: random.pick([50_000, 80_000, 100_000, 150_000]),
    mandateApprovalSteps: random.weighted<ApprovalStep[]>([
      [['FORMAL_NOTICE', 'LITIGATION_HANDOFF'], 50],
      [['FORMAL_NOTICE', 'LITIGATION_HANDOFF', 'PAYMENT_PLAN'], 20],
      [['LITIGATION_HANDOFF'], 15],
      [['FORMAL_NOTICE'], 10],
      [[], 5],
    ]),
    mandateInformationChannels: random.weighted<InformationChannel[]>([
      [['EMAIL'], 30],
      [['EMAIL', 'PORTAL'], 35],
      [['EMAIL', 'POSTAL'], 15],
      [['POSTAL'], 10],
      [['PORTAL'], 10],
    ]),
  };
}

function legalEntityLandlord(random: DemoRandom, serial: DemoSerial): DemoLandlordRow {
  // A family SCI is run by a named manager (gérant), who is the agency's contact.
  const manager = person(random, serial);
  const form = random.pick(COMPANY_FORMS);
  const companyName =
    form === 'SCI'
      ? `SCI ${manager.lastName}${random.chance(0.4) ? ' et Fils' : ''}`
      : `${form} ${manager.lastName} ${random.pick(COMPANY_SUFFIXES)}`;
  return {
    id: random.uuid(),
    kind: 'LEGAL_ENTITY',
    firstName: form === 'SCI' ? manager.firstName : null,
    lastName: form === 'SCI' ? manager.lastName : null,
    companyName,
    siren: siren(random.int(30_000_000, 99_999_999)),
    email: demoEmail(`gestion.${slug(companyName)}`, serial.next(), 'example.org'),
    phone: demoLandline(random.int(0, 9999)),
    ...postalAddress(random),
    mandateLitigationThresholdCents: random.pick([150_000, 200_000, 300_000, 500_000]),
    mandateApprovalSteps: random.weighted<ApprovalStep[]>([
      [['LITIGATION_HANDOFF'], 50],
      [['LITIGATION_HANDOFF', 'PAYMENT_PLAN'], 20],
      [['FORMAL_NOTICE', 'LITIGATION_HANDOFF'], 15],
      [[], 15],
    ]),
    mandateInformationChannels: random.weighted<InformationChannel[]>([
      [['PORTAL'], 30],
      [['EMAIL', 'PORTAL'], 50],
      [['EMAIL'], 20],
    ]),
  };
}

/** A tenant living at (or trading from) `home`, with the lease's payment profile. */
export function generateTenant(
  random: DemoRandom,
  serial: DemoSerial,
  home: DemoAddress,
  profile: TenantProfile,
  lastName?: string,
): DemoTenantRow {
  const { firstName, lastName: name, email, phone } = person(random, serial, lastName);
  // A few tenants have no e-mail address; they are reached by SMS, phone or post.
  const hasEmail = !random.chance(profile === 'PRECARIOUS' ? 0.15 : 0.04);
  const preferredChannel: PreferredChannel = hasEmail
    ? random.weighted([
        ['EMAIL', 50],
        ['SMS', 32],
        ['POSTAL', 10],
        ['PHONE', 8],
      ])
    : random.weighted([
        ['SMS', 50],
        ['POSTAL', 30],
        ['PHONE', 20],
      ]);
  const overridden = random.chance(0.03);
  return {
    id: random.uuid(),
    firstName,
    lastName: name,
    email: hasEmail ? email : null,
    phone,
    preferredChannel,
    consentEmail: hasEmail && (preferredChannel === 'EMAIL' || random.chance(0.8)),
    consentSms: preferredChannel === 'SMS' || random.chance(0.6),
    profile,
    // An agent who knows the tenant better than the ledger does sets the profile by hand.
    profileOverride: overridden ? random.pick<TenantProfile>(['ONE_OFF', 'CHRONIC', 'PRECARIOUS']) : null,
    vulnerable: random.chance(profile === 'PRECARIOUS' ? 0.35 : 0.01),
    // Spelled out rather than spread: every row then shares one object shape, which is
    // markedly faster and smaller across hundreds of thousands of rows.
    addressLine1: home.addressLine1,
    addressLine2: home.addressLine2,
    postalCode: home.postalCode,
    city: home.city,
    country: home.country,
  };
}

/** A guarantor: usually a relative (sharing the tenant's name), or a holding company for a shop. */
export function generateGuarantor(
  random: DemoRandom,
  serial: DemoSerial,
  options: { company: boolean; relativeOf?: string },
): DemoGuarantorRow {
  const { firstName, lastName, email, phone } = person(random, serial, options.relativeOf);
  const id = random.uuid();
  const company = options.company ? `Holding ${lastName} ${random.pick(COMPANY_SUFFIXES)}` : null;
  const { addressLine1, addressLine2, postalCode, city, country } = postalAddress(random);
  return {
    id,
    kind: company ? 'LEGAL_ENTITY' : 'NATURAL_PERSON',
    firstName: company ? null : firstName,
    lastName: company ? null : lastName,
    companyName: company,
    email,
    phone,
    addressLine1,
    addressLine2,
    postalCode,
    city,
    country,
  };
}
