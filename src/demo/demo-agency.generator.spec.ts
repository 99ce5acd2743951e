import { addDays, compareDates, dueDateOf, IsoDate } from '../domain/calendar-date';
import { allocate, daysLate, LedgerCharge, LedgerCredit } from '../domain/ledger';
import { type DemoAgency, generateDemoAgency } from './demo-agency.generator';

const asOf = '2026-03-15';
const agency = generateDemoAgency({ leases: 220, asOf });

/** Each lease's ledger, grouped the way the services will read it. */
function ledgers(of: DemoAgency): Map<string, { charges: LedgerCharge[]; credits: LedgerCredit[] }> {
  const byLease = new Map(of.leases.map((l) => [l.id, { charges: [] as LedgerCharge[], credits: [] as LedgerCredit[] }]));
  for (const c of of.charges) byLease.get(c.leaseId)?.charges.push(c);
  for (const p of of.payments) byLease.get(p.leaseId)?.credits.push({ id: p.id, date: p.paidOn, amountCents: p.amountCents });
  return byLease;
}

/** Days late of every lease on `day`, counting only the money received by then. */
function daysLateOn(of: DemoAgency, day: IsoDate): number[] {
  return [...ledgers(of).values()].map(({ charges, credits }) =>
    daysLate(
      allocate(
        charges,
        credits.filter((c) => compareDates(c.date, day) <= 0),
      ),
      day,
    ),
  );
}

const shareLateBeyond30 = (of: DemoAgency, day: IsoDate) => daysLateOn(of, day).filter((d) => d > 30).length / of.leases.length;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateDemoAgency', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect(generateDemoAgency({ leases: 220, asOf })).toEqual(agency);
    expect(generateDemoAgency({ leases: 220, asOf, seed: 7 }).leases[0].id).not.toBe(agency.leases[0].id);
  });

  it.each([220, 5_000])('has between 6 %% and 10 %% of %i leases more than 30 days late', (leases) => {
    const share = shareLateBeyond30(leases === 220 ? agency : generateDemoAgency({ leases, asOf, seed: 3 }), asOf);
    expect(share).toBeGreaterThanOrEqual(0.06);
    expect(share).toBeLessThanOrEqual(0.1);
  });

  it('keeps the late share whatever day of the month it is looked at', () => {
    for (const day of ['2026-02-28', '2026-03-01', '2026-03-31', '2025-12-31']) {
      expect(shareLateBeyond30(generateDemoAgency({ leases: 500, asOf: day }), day)).toBeCloseTo(0.08, 5);
    }
  });

  it('has tenants who were late during the year and caught up, and tenants who pay only part', () => {
    const now = daysLateOn(agency, asOf);
    const earlier = Array.from({ length: 11 }, (_, month) => daysLateOn(agency, addDays(asOf, -30 * (month + 1))));
    const caughtUp = now.filter((days, lease) => days <= 30 && earlier.some((then) => then[lease] > 10));
    expect(caughtUp.length).toBeGreaterThanOrEqual(5);

    const due = new Map(agency.leases.map((l) => [l.id, l.monthlyRentCents + l.monthlyChargesCents - (l.housingBenefitCents ?? 0)]));
    const partial = new Set(
      agency.payments.filter((p) => p.method !== 'HOUSING_BENEFIT' && p.amountCents < due.get(p.leaseId)!).map((p) => p.leaseId),
    );
    expect(partial.size).toBeGreaterThanOrEqual(3);
  });

  it('links every row to rows that exist, one lease per unit', () => {
    const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const [landlords, properties, units, tenants, guarantors, leases] = [
      ids(agency.landlords),
      ids(agency.properties),
      ids(agency.units),
      ids(agency.tenants),
      ids(agency.guarantors),
      ids(agency.leases),
    ];
    expect(agency.units.every((u) => properties.has(u.propertyId))).toBe(true);
    expect(agency.leases.every((l) => units.has(l.unitId) && landlords.has(l.landlordId))).toBe(true);
    expect(new Set(agency.leases.map((l) => l.unitId)).size).toBe(agency.units.length);
    expect(agency.leaseTenants.every((lt) => leases.has(lt.leaseId) && tenants.has(lt.tenantId))).toBe(true);
    expect(agency.leaseGuarantors.every((lg) => leases.has(lg.leaseId) && guarantors.has(lg.guarantorId))).toBe(true);
    expect(agency.charges.every((c) => leases.has(c.leaseId))).toBe(true);
    expect(agency.payments.every((p) => leases.has(p.leaseId))).toBe(true);
    for (const lease of agency.leases) {
      const count = agency.leaseTenants.filter((lt) => lt.leaseId === lease.id).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
  });

  it('gives every row a distinct v4 UUID and every payment a distinct bank reference', () => {
    const all = [
      agency.landlords,
      agency.properties,
      agency.units,
      agency.tenants,
      agency.guarantors,
      agency.leases,
      agency.charges,
      agency.payments,
    ]
      .flat()
      .map((r) => r.id);
    expect(all.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(agency.payments.map((p) => p.bankReference)).size).toBe(agency.payments.length);
    expect(new Set(agency.leases.map((l) => l.reference)).size).toBe(agency.leases.length);
  });

  it('gives people French mobile numbers in E.164 and plausible e-mail addresses', () => {
    const people = [...agency.tenants, ...agency.guarantors, ...agency.landlords.filter((l) => l.kind === 'NATURAL_PERSON')];
    for (const person of people) {
      expect(person.phone).toMatch(/^\+33[67]\d{8}$/);
      if (person.email !== null) expect(person.email).toMatch(/^[a-z0-9.-]+@example\.(com|org)$/);
    }
  });

  it('keeps every amount a positive safe integer of cents', () => {
    const amounts = [
      ...agency.leases.flatMap((l) => [
        l.monthlyRentCents,
        l.monthlyChargesCents + 1,
        ...(l.housingBenefitCents === null ? [] : [l.housingBenefitCents]),
      ]),
      ...agency.charges.map((c) => c.rentCents + c.chargesCents),
      ...agency.payments.map((p) => p.amountCents),
      ...agency.landlords.map((l) => l.mandateLitigationThresholdCents),
    ];
    expect(amounts.length).toBeGreaterThan(5_000);
    expect(amounts.filter((amount) => !Number.isSafeInteger(amount) || amount <= 0)).toEqual([]);
    expect(
      agency.leases.every((l) => l.housingBenefitCents === null || l.housingBenefitCents < l.monthlyRentCents + l.monthlyChargesCents),
    ).toBe(true);
  });

  it('mixes landlord kinds, lease kinds, profiles, benefits and rent-guarantee insurance', () => {
    expect(new Set(agency.landlords.map((l) => l.kind))).toEqual(new Set(['NATURAL_PERSON', 'LEGAL_ENTITY']));
    expect(new Set(agency.leases.map((l) => l.kind))).toEqual(
      new Set(['RESIDENTIAL_UNFURNISHED', 'RESIDENTIAL_FURNISHED', 'COMMERCIAL', 'OTHER']),
    );
    expect(new Set(agency.tenants.map((t) => t.profile))).toEqual(new Set(['ONE_OFF', 'CHRONIC', 'PRECARIOUS', 'UNKNOWN']));
    expect(agency.tenants.some((t) => t.vulnerable)).toBe(true);
    expect(agency.leases.some((l) => l.housingBenefitToLandlord && l.housingBenefitCents! > 0)).toBe(true);
    expect(agency.leases.some((l) => l.gliInsurer !== null && l.gliClaimDeadlineDays! > 0)).toBe(true);
    // A GLI and a guarantor are not combined (loi Boutin).
    const insured = new Set(agency.leases.filter((l) => l.gliInsurer !== null).map((l) => l.id));
    expect(agency.leaseGuarantors.some((lg) => insured.has(lg.leaseId))).toBe(false);
  });

  it('calls twelve months of rent per lease, the last for the month of asOf, and records no payment after asOf', () => {
    const periods = [
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ];
    for (const [leaseId, { charges }] of ledgers(agency)) {
      const lease = agency.leases.find((l) => l.id === leaseId)!;
      expect(charges.map((c) => c.period)).toEqual(periods);
      expect(charges.map((c) => c.dueDate)).toEqual(periods.map((p) => dueDateOf(p, lease.dueDay)));
      expect(compareDates(lease.startsOn, '2025-04-01')).toBeLessThanOrEqual(0);
    }
    expect(agency.payments.every((p) => compareDates(p.paidOn, asOf) <= 0)).toBe(true);
  });

  it('makes exactly the leases asked for, even very few', () => {
    for (const leases of [1, 3, 17]) expect(generateDemoAgency({ leases, asOf }).leases).toHaveLength(leases);
    expect(() => generateDemoAgency({ leases: 0, asOf })).toThrow(RangeError);
    expect(() => generateDemoAgency({ leases: 10, asOf: '2026-02-30' })).toThrow(RangeError);
  });

  it('scales to 200,000 leases in well under a minute', () => {
    const started = performance.now();
    const big = generateDemoAgency({ leases: 200_000, asOf });
    const elapsed = performance.now() - started;
    expect(big.leases).toHaveLength(200_000);
    expect(big.charges).toHaveLength(2_400_000);
    expect(elapsed).toBeLessThan(60_000);
  }, 180_000);
});
