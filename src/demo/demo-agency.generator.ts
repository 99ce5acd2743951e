import { addDays, IsoDate } from '../domain/calendar-date';
import type { Cents } from '../domain/money';
import type { DemoAgency, DemoAgencyOptions, DemoLeaseRow, DemoTenantRow, LeaseKind, TenantProfile } from './demo-agency.types';
import { UnitSlot, generateUnits } from './demo-buildings';
import { RentCalendar } from './demo-calendar';
import { generateLedger, LedgerTerms, PaymentBehaviour } from './demo-ledger';
import { DemoSerial, demoSerial, generateGuarantor, generateLandlords, generateTenant, LandlordPortfolio } from './demo-parties';
import { flat } from './demo-names';
import { DemoRandom } from './demo-random';

export type * from './demo-agency.types';
export { ARREARS_DAYS } from './demo-ledger';
export type { PaymentBehaviour } from './demo-ledger';

// Aliased once: under Jest a global lookup is slow (see demo-random.ts) and these run per lease.
const { floor, min, round } = Math;

/** The seed used when none is given: the demo agency everyone sees is the same one. */
export const DEFAULT_DEMO_SEED = 220;

/** The seeds' headline: 8 % of leases more than 30 days late before the agency got organised. */
export const DEFAULT_LATE_SHARE = 0.08;

/** Shares of the other payment behaviours, chosen to look like a provincial agency's year. */
const RECENTLY_LATE_SHARE = 0.05;
const CAUGHT_UP_SHARE = 0.12;

/**
 * Generates a demo agency like the seeds' ("une agence de province, 220 lots, 8 % d'impayés
 * à plus de 30 jours"): landlords with their mandates, buildings and units, one lease per
 * unit with its tenants and guarantors, twelve monthly rent calls ending with the month of
 * `asOf` and the payments that answer them. Pure and deterministic: no clock, no
 * Math.random; the same options give the same rows, ids included.
 *
 * Exactly `round(leases × lateShare)` leases have money more than 30 days late at `asOf`,
 * as the domain's allocation (oldest charge first) and `daysLate` compute it.
 *
 * @example
 * const agency = generateDemoAgency({ leases: 220, asOf: '2026-03-15' });
 * agency.leases.length; // 220
 * agency.charges.length; // 2640
 */
export function generateDemoAgency(options: DemoAgencyOptions): DemoAgency {
  const { leases: count, seed = DEFAULT_DEMO_SEED, asOf, lateShare = DEFAULT_LATE_SHARE } = options;
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`leases must be a positive integer, got ${count}`);
  if (!(lateShare >= 0 && lateShare <= 1 - RECENTLY_LATE_SHARE - CAUGHT_UP_SHARE))
    throw new RangeError(`lateShare out of range: ${lateShare}`);
  const random = new DemoRandom(seed);
  const serial = demoSerial();
  const calendar = new RentCalendar(asOf);

  const portfolios = generateLandlords(random, serial, count);
  const { properties, slots } = generateUnits(random, count);
  const behaviours = assignBehaviours(random, count, lateShare);
  const agency: DemoAgency = {
    landlords: portfolios.map((p) => p.landlord),
    properties,
    units: slots.map((s) => s.unit),
    tenants: [],
    guarantors: [],
    leases: [],
    leaseTenants: [],
    leaseGuarantors: [],
    charges: [],
    payments: [],
  };
  let reference = 0;
  const ledger = { charges: agency.charges, payments: agency.payments, nextReference: () => ++reference };
  let index = 0;
  for (const portfolio of portfolios) {
    for (let n = 0; n < portfolio.unitCount; n++, index++) {
      const lease = generateLease(random, serial, calendar, { index, slot: slots[index], portfolio, behaviour: behaviours[index] }, agency);
      generateLedger(random, calendar, lease, behaviours[index], ledger);
    }
  }
  return agency;
}

/**
 * Exact counts of each behaviour, shuffled over the leases, so the late share is the asked
 * one at every size instead of drifting with the dice.
 */
function assignBehaviours(random: DemoRandom, count: number, lateShare: number): PaymentBehaviour[] {
  const inArrears = round(count * lateShare);
  const recentlyLate = round(count * RECENTLY_LATE_SHARE);
  const caughtUp = min(round(count * CAUGHT_UP_SHARE), count - inArrears - recentlyLate);
  const behaviours: PaymentBehaviour[] = [];
  for (let i = 0; i < count; i++) {
    if (i < inArrears) behaviours.push('IN_ARREARS');
    else if (i < inArrears + recentlyLate) behaviours.push('RECENTLY_LATE');
    else if (i < inArrears + recentlyLate + caughtUp) behaviours.push('CAUGHT_UP');
    else behaviours.push('ON_TIME');
  }
  return random.shuffle(behaviours);
}

/** Tenants' profiles follow how they pay: chronic and precarious tenants are over-represented in arrears. */
const PROFILES: Record<PaymentBehaviour, readonly (readonly [TenantProfile, number])[]> = {
  IN_ARREARS: [
    ['CHRONIC', 40],
    ['PRECARIOUS', 35],
    ['ONE_OFF', 15],
    ['UNKNOWN', 10],
  ],
  RECENTLY_LATE: [
    ['ONE_OFF', 50],
    ['UNKNOWN', 25],
    ['CHRONIC', 20],
    ['PRECARIOUS', 5],
  ],
  CAUGHT_UP: [
    ['ONE_OFF', 45],
    ['CHRONIC', 35],
    ['UNKNOWN', 15],
    ['PRECARIOUS', 5],
  ],
  ON_TIME: [
    ['UNKNOWN', 85],
    ['ONE_OFF', 12],
    ['CHRONIC', 2],
    ['PRECARIOUS', 1],
  ],
};

const HOUSING_BENEFIT_CHANCE: Record<TenantProfile, number> = { PRECARIOUS: 0.55, CHRONIC: 0.2, ONE_OFF: 0.12, UNKNOWN: 0.1 };

interface LeaseSeed {
  index: number;
  slot: UnitSlot;
  portfolio: LandlordPortfolio;
  behaviour: PaymentBehaviour;
}

/** One lease with its parties, appended to `agency`; returns what its ledger needs. */
function generateLease(
  random: DemoRandom,
  serial: DemoSerial,
  calendar: RentCalendar,
  { index, slot, portfolio, behaviour }: LeaseSeed,
  agency: DemoAgency,
): LedgerTerms {
  const residential = slot.kind === 'RESIDENTIAL_UNFURNISHED' || slot.kind === 'RESIDENTIAL_FURNISHED';
  const profile = random.weighted(PROFILES[behaviour]);
  const { rentCents, chargesCents } = rentFor(random, slot);
  const benefit = residential && rentCents + chargesCents > 20_000 && random.chance(HOUSING_BENEFIT_CHANCE[profile]);
  const housingBenefitCents = benefit ? min(rentCents + chargesCents - 5_000, random.int(8_000, 32_000)) : null;
  const gli = residential && portfolio.gli && random.chance(0.8) ? portfolio.gli : null;
  const startsOn = startDate(random, calendar.asOf, slot.kind);
  const dueDay =
    slot.kind === 'COMMERCIAL'
      ? 1
      : random.weighted([
          [1, 60],
          [5, 20],
          [10, 10],
          [random.int(2, 31), 10],
        ]);
  const lease: DemoLeaseRow = {
    id: random.uuid(),
    reference: flat(`BAIL-${startsOn.slice(0, 4)}-${`${index + 1}`.padStart(6, '0')}`),
    unitId: slot.unit.id,
    landlordId: portfolio.landlord.id,
    kind: slot.kind,
    signedOn: addDays(startsOn, -random.int(3, 45)),
    startsOn,
    // A commercial lease runs nine years (bail 3-6-9); residential ones renew tacitly.
    endsOn: slot.kind === 'COMMERCIAL' ? addDays(`${+startsOn.slice(0, 4) + 9}${startsOn.slice(4)}`, -1) : null,
    monthlyRentCents: rentCents,
    monthlyChargesCents: chargesCents,
    dueDay,
    housingBenefitToLandlord: benefit,
    housingBenefitCents,
    gliInsurer: gli?.name ?? null,
    gliClaimDeadlineDays: gli?.claimDeadlineDays ?? null,
    scenarioOverride: null,
  };
  agency.leases.push(lease);

  const tenants = generateTenants(random, serial, slot, profile, residential);
  for (const tenant of tenants) {
    agency.tenants.push(tenant);
    agency.leaseTenants.push({ leaseId: lease.id, tenantId: tenant.id });
  }
  addGuarantors(random, serial, { lease, slot, residential, insured: gli !== null, tenantName: tenants[0].lastName }, agency);

  return {
    leaseId: lease.id,
    rentCents,
    chargesCents,
    dueDay,
    housingBenefitCents,
    benefitPayer: slot.town.caf,
    method: random.weighted([
      ['TRANSFER', 45],
      ['DIRECT_DEBIT', 35],
      ['CHECK', 12],
      ['CARD', 5],
      ['CASH', residential ? 3 : 0],
    ]),
    payerName: flat(`${tenants[0].firstName} ${tenants[0].lastName}`),
  };
}

/**
 * Guarantors (cautions) for some leases: mostly a relative, sometimes a holding company for a
 * shop. The law forbids combining a GLI with a guarantor (students aside), so insured leases
 * have none; nor do parking boxes.
 */
function addGuarantors(
  random: DemoRandom,
  serial: DemoSerial,
  {
    lease,
    slot,
    residential,
    insured,
    tenantName,
  }: { lease: DemoLeaseRow; slot: UnitSlot; residential: boolean; insured: boolean; tenantName: string | null },
  agency: DemoAgency,
): void {
  const count =
    insured || slot.kind === 'OTHER'
      ? 0
      : random.weighted([
          [0, 50],
          [1, 43],
          [2, residential ? 7 : 0],
        ]);
  for (let g = 0; g < count; g++) {
    const guarantor = generateGuarantor(random, serial, {
      company: slot.kind === 'COMMERCIAL' && random.chance(0.5),
      relativeOf: tenantName !== null && random.chance(0.6) ? tenantName : undefined,
    });
    agency.guarantors.push(guarantor);
    agency.leaseGuarantors.push({ leaseId: lease.id, guarantorId: guarantor.id });
  }
}

/** One tenant, or a couple / flatmates for some homes; they live at (or trade from) the unit. */
function generateTenants(
  random: DemoRandom,
  serial: DemoSerial,
  slot: UnitSlot,
  profile: TenantProfile,
  residential: boolean,
): DemoTenantRow[] {
  const home = {
    addressLine1: slot.property.addressLine1,
    addressLine2: slot.unit.label,
    postalCode: slot.property.postalCode,
    city: slot.property.city,
    country: 'FR',
  };
  const first = generateTenant(random, serial, home, profile);
  if (!residential || !random.chance(0.4)) return [first];
  const couple = random.chance(0.5);
  return [first, generateTenant(random, serial, home, profile, couple ? (first.lastName ?? undefined) : undefined)];
}

/** Monthly rent and service charges in whole euros, from the area and the local rent level. */
function rentFor(random: DemoRandom, slot: UnitSlot): { rentCents: Cents; chargesCents: Cents } {
  const euros = (cents: number) => floor(cents / 100) * 100;
  const perSquareMetre = slot.town.rentPerSquareMetreCents;
  switch (slot.kind) {
    case 'RESIDENTIAL_UNFURNISHED':
      return { rentCents: euros(slot.surface * perSquareMetre), chargesCents: euros(slot.surface * random.int(150, 300)) };
    case 'RESIDENTIAL_FURNISHED':
      // Furnished flats let for about 15 % more.
      return { rentCents: euros((slot.surface * perSquareMetre * 115) / 100), chargesCents: euros(slot.surface * random.int(200, 350)) };
    case 'COMMERCIAL':
      return { rentCents: euros(slot.surface * random.int(1_000, 1_800)), chargesCents: euros(slot.surface * random.int(150, 350)) };
    case 'OTHER':
      return { rentCents: random.int(40, 120) * 100, chargesCents: random.chance(0.5) ? 0 : random.int(5, 15) * 100 };
  }
}

/** The first of a month one to twelve years back, so every lease covers the twelve rent calls. */
function startDate(random: DemoRandom, asOf: IsoDate, kind: LeaseKind): IsoDate {
  const [year, month] = asOf.split('-').map(Number);
  const monthsBack = random.int(12, kind === 'COMMERCIAL' ? 96 : 144);
  const start = year * 12 + (month - 1) - monthsBack;
  return `${floor(start / 12)}-${`${(start % 12) + 1}`.padStart(2, '0')}-01`;
}
