import {
  ccapexRequired,
  cafArrears,
  commandementDelay,
  commandementExpiresOn,
  earliestAssignation,
  GliContract,
  gliClaimSchedule,
  guarantorIncidentDeadline,
  isProfessionalCreditor,
  LEGAL_SOURCES,
  LegalFacts,
  LegalObligation,
  legalObligations,
  legalAgenda,
  LEGAL_TASK_HOUR,
  nextWorkingDay,
  prescribesOn,
  prescriptionOf,
  prescriptionWarnings,
  SIX_WEEKS_FROM,
  winterTruce,
} from './legal-rules';
import { parisTime } from './french-calendar';

const RESIDENTIAL_OLD = { kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2023-07-28' };
const RESIDENTIAL_NEW = { kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2023-07-29' };
const COMMERCIAL = { kind: 'COMMERCIAL', signedOn: '2023-07-29' };

describe('next working day (CPC art. 642)', () => {
  it.each([
    ['a Monday stays', '2026-04-13', '2026-04-13'],
    ['a Saturday runs to Monday', '2026-02-21', '2026-02-23'],
    ['a Sunday runs to Monday', '2026-02-22', '2026-02-23'],
    ['Bastille Day (a Tuesday) runs to Wednesday', '2026-07-14', '2026-07-15'],
    ['Armistice Day (a Wednesday) runs to Thursday', '2026-11-11', '2026-11-12'],
    ['Christmas on a Friday runs to Monday', '2026-12-25', '2026-12-28'],
    ['Christmas on a Saturday runs to Monday the 27th', '2027-12-25', '2027-12-27'],
    ['Easter Saturday runs past Easter Sunday and Monday to Tuesday', '2026-04-04', '2026-04-07'],
  ])('%s', (_name, date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });
});

describe('commandement de payer', () => {
  it('gives two months on a residential lease signed up to 28 July 2023, six weeks from 29 July 2023', () => {
    expect(SIX_WEEKS_FROM).toBe('2023-07-29');
    expect(commandementDelay(RESIDENTIAL_OLD)).toEqual({ kind: 'TWO_MONTHS', source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL });
    expect(commandementDelay(RESIDENTIAL_NEW)).toEqual({ kind: 'SIX_WEEKS', source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL });
    expect(commandementDelay({ kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2020-01-01' }).kind).toBe('TWO_MONTHS');
    expect(commandementDelay({ kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2025-06-01' }).kind).toBe('SIX_WEEKS');
  });

  it('applies the same rule to a furnished residential lease', () => {
    expect(commandementDelay({ kind: 'RESIDENTIAL_FURNISHED', signedOn: '2023-07-28' })).toEqual({
      kind: 'TWO_MONTHS',
      source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL,
    });
    expect(commandementDelay({ kind: 'RESIDENTIAL_FURNISHED', signedOn: '2023-07-29' })).toEqual({
      kind: 'SIX_WEEKS',
      source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL,
    });
  });

  it('gives one month on a commercial lease, whenever it was signed', () => {
    for (const signedOn of ['2010-01-01', '2023-07-28', '2023-07-29', '2026-01-01']) {
      expect(commandementDelay({ kind: 'COMMERCIAL', signedOn })).toEqual({
        kind: 'ONE_MONTH',
        source: LEGAL_SOURCES.COMMANDEMENT_COMMERCIAL,
      });
    }
  });

  it('leaves any other lease to its own clause, with no expiry computed', () => {
    expect(commandementDelay({ kind: 'OTHER', signedOn: '2023-07-29' })).toEqual({ kind: 'LEASE_CLAUSE', source: null });
    expect(commandementExpiresOn({ kind: 'OTHER', signedOn: '2023-07-29' }, '2026-03-02')).toBeNull();
    expect(commandementExpiresOn({ kind: 'OTHER', signedOn: '2020-01-01' }, '2026-03-02')).toBeNull();
  });

  it.each([
    ['a weekday stays: Monday 2 March + 42 days = Monday 13 April', '2026-03-02', '2026-04-13'],
    ['a Saturday moves to Monday: 10 January + 42 = Saturday 21 February → 23 February', '2026-01-10', '2026-02-23'],
    ['a Saturday before Christmas-week Monday: 14 November + 42 = Saturday 26 December → 28 December', '2026-11-14', '2026-12-28'],
    ['Easter: 21 February + 42 = Saturday 4 April, Easter Monday 6 April is a holiday → Tuesday 7 April', '2026-02-21', '2026-04-07'],
    ['8 May on a Friday → Monday 11 May', '2026-03-27', '2026-05-11'],
    ['14 July on a Tuesday → Wednesday 15 July', '2026-06-02', '2026-07-15'],
    ['Ascension Thursday 14 May → Friday 15 May', '2026-04-02', '2026-05-15'],
    ['11 November on a Thursday → Friday 12 November', '2027-09-30', '2027-11-12'],
  ])('six weeks: %s', (_name, servedOn, expected) => {
    expect(commandementExpiresOn(RESIDENTIAL_NEW, servedOn)).toBe(expected);
  });

  it('two months run to the same day, or the last day of a shorter month, then to a working day', () => {
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2026-03-17')).toBe('2026-05-18'); // 17 May 2026 is a Sunday
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2026-03-02')).toBe('2026-05-04'); // Sat 2 May → Mon 4 May
    // 31 December + 2 months: 28 February in a common year (Sunday 28 Feb 2027 → Monday 1 March)…
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2026-12-31')).toBe('2027-03-01');
    // … (Saturday 28 Feb 2026 → Monday 2 March) …
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2025-12-31')).toBe('2026-03-02');
    // … and 29 February in a leap year (Tuesday 29 Feb 2028, a working day).
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2027-12-31')).toBe('2028-02-29');
    // A furnished lease signed before the boundary counts the same way.
    expect(commandementExpiresOn({ kind: 'RESIDENTIAL_FURNISHED', signedOn: '2023-07-28' }, '2027-12-31')).toBe('2028-02-29');
  });

  it('one month on a commercial lease runs from 31 January to the end of February, then to a working day', () => {
    expect(commandementExpiresOn(COMMERCIAL, '2027-01-31')).toBe('2027-03-01'); // Sunday 28 Feb 2027
    expect(commandementExpiresOn(COMMERCIAL, '2026-01-31')).toBe('2026-03-02'); // Saturday 28 Feb 2026
    expect(commandementExpiresOn(COMMERCIAL, '2028-01-31')).toBe('2028-02-29'); // Tuesday 29 Feb 2028
    expect(commandementExpiresOn(COMMERCIAL, '2026-03-02')).toBe('2026-04-02'); // a Thursday
  });

  it('differs for the same commandement on either side of 29 July 2023', () => {
    expect(commandementExpiresOn(RESIDENTIAL_OLD, '2026-03-02')).toBe('2026-05-04');
    expect(commandementExpiresOn(RESIDENTIAL_NEW, '2026-03-02')).toBe('2026-04-13');
  });
});

describe('winter truce', () => {
  const span = (startsOn: string, endsOn: string) => ({ startsOn, endsOn, source: LEGAL_SOURCES.WINTER_TRUCE });

  it.each([
    ['31 October: not yet, the next one starts the next day', '2026-10-31', false, span('2026-11-01', '2027-03-31')],
    ['1 November: in force', '2026-11-01', true, span('2026-11-01', '2027-03-31')],
    ['31 December: in force', '2026-12-31', true, span('2026-11-01', '2027-03-31')],
    ['15 January: in force since the previous 1 November', '2027-01-15', true, span('2026-11-01', '2027-03-31')],
    ['31 March: in force, its last day', '2027-03-31', true, span('2026-11-01', '2027-03-31')],
    ['1 April: over, the next one starts on 1 November the same year', '2027-04-01', false, span('2027-11-01', '2028-03-31')],
    ['29 February of a leap year: in force', '2028-02-29', true, span('2027-11-01', '2028-03-31')],
  ])('%s', (_name, on, active, expected) => {
    expect(winterTruce(on)).toEqual({ active, ...expected });
  });
});

describe('prescription', () => {
  it('runs three years, counted in months, the last day still open (C. civ. 2229)', () => {
    expect(prescribesOn('2026-01-05')).toBe('2029-01-06');
    expect(prescribesOn('2024-02-29')).toBe('2027-03-01');
    expect(prescribesOn('2023-12-31')).toBe('2027-01-01');
    expect(prescribesOn('2025-02-28')).toBe('2028-02-29');
    // Five years for other leases (C. civ. 2224).
    expect(prescribesOn('2026-01-05', 5)).toBe('2031-01-06');
  });

  it('is three years for residential leases, five for the others', () => {
    expect(prescriptionOf('RESIDENTIAL_UNFURNISHED')).toEqual({ years: 3, source: LEGAL_SOURCES.PRESCRIPTION });
    expect(prescriptionOf('RESIDENTIAL_FURNISHED')).toEqual({ years: 3, source: LEGAL_SOURCES.PRESCRIPTION });
    expect(prescriptionOf('COMMERCIAL')).toEqual({ years: 5, source: LEGAL_SOURCES.PRESCRIPTION_OTHER });
    expect(prescriptionOf('OTHER')).toEqual({ years: 5, source: LEGAL_SOURCES.PRESCRIPTION_OTHER });
  });

  // 2026-09-02 + 180 days = 2027-03-01, the day a charge due 2024-02-29 prescribes.
  const asOf = '2026-09-02';
  const lines = [
    { period: '2024-03', dueDate: '2024-03-01', outstandingCents: 30_000 }, // prescribes 2027-03-02: 181 days
    { period: '2024-02', dueDate: '2024-02-29', outstandingCents: 20_000 }, // prescribes 2027-03-01: 180 days
    { period: '2023-09', dueDate: '2023-09-01', outstandingCents: 10_000 }, // prescribes on asOf: 0 days
    { period: '2023-05', dueDate: '2023-05-05', outstandingCents: 0 }, // paid
    { period: '2023-06', dueDate: '2023-06-05', outstandingCents: 5_000 }, // prescribed 2026-06-06: -88 days
  ];

  it('flags what prescribes within 180 days (180 included, 181 not), or has already, oldest first', () => {
    expect(prescriptionWarnings(lines, asOf)).toEqual([
      { period: '2023-06', dueDate: '2023-06-05', outstandingCents: 5_000, prescribesOn: '2026-06-06', daysLeft: -88 },
      { period: '2023-09', dueDate: '2023-09-01', outstandingCents: 10_000, prescribesOn: '2026-09-02', daysLeft: 0 },
      { period: '2024-02', dueDate: '2024-02-29', outstandingCents: 20_000, prescribesOn: '2027-03-01', daysLeft: 180 },
    ]);
  });

  it('leaves out paid lines, however old', () => {
    expect(prescriptionWarnings([{ period: '2020-01', dueDate: '2020-01-05', outstandingCents: 0 }], asOf)).toEqual([]);
  });

  it('takes a custom warning window', () => {
    expect(prescriptionWarnings(lines, asOf, 181).map((w) => w.period)).toEqual(['2023-06', '2023-09', '2024-02', '2024-03']);
    expect(prescriptionWarnings(lines, asOf, 179).map((w) => w.period)).toEqual(['2023-06', '2023-09']);
    expect(prescriptionWarnings(lines, asOf, 0).map((w) => w.period)).toEqual(['2023-06', '2023-09']);
    expect(prescriptionWarnings(lines, asOf, -1).map((w) => w.period)).toEqual(['2023-06']);
  });

  it('gives nothing when nothing is near', () => {
    expect(prescriptionWarnings([{ period: '2026-08', dueDate: '2026-08-05', outstandingCents: 65_000 }], asOf)).toEqual([]);
    expect(prescriptionWarnings([], asOf)).toEqual([]);
  });
});

describe('guarantors', () => {
  it('puts the incident the day after the first unpaid due date, informed by the end of that month', () => {
    expect(guarantorIncidentDeadline('2027-01-05')).toEqual({ incidentOn: '2027-01-06', informBy: '2027-01-31' });
    // Due on the 30th: the incident and the deadline are both the 31st.
    expect(guarantorIncidentDeadline('2027-01-30')).toEqual({ incidentOn: '2027-01-31', informBy: '2027-01-31' });
    // Due on the 31st: the incident falls in the next month, informed by its end.
    expect(guarantorIncidentDeadline('2027-01-31')).toEqual({ incidentOn: '2027-02-01', informBy: '2027-02-28' });
    expect(guarantorIncidentDeadline('2028-02-28')).toEqual({ incidentOn: '2028-02-29', informBy: '2028-02-29' });
    expect(guarantorIncidentDeadline('2027-02-28')).toEqual({ incidentOn: '2027-03-01', informBy: '2027-03-31' });
    expect(guarantorIncidentDeadline('2026-12-31')).toEqual({ incidentOn: '2027-01-01', informBy: '2027-01-31' });
  });

  it('takes the landlord’s explicit flag, else a legal entity is a professional creditor and a person is not', () => {
    expect(isProfessionalCreditor({ kind: 'LEGAL_ENTITY' })).toBe(true);
    expect(isProfessionalCreditor({ kind: 'NATURAL_PERSON' })).toBe(false);
    expect(isProfessionalCreditor({ kind: 'LEGAL_ENTITY', professionalCreditor: null })).toBe(true);
    expect(isProfessionalCreditor({ kind: 'NATURAL_PERSON', professionalCreditor: null })).toBe(false);
    expect(isProfessionalCreditor({ kind: 'NATURAL_PERSON', professionalCreditor: true })).toBe(true);
    expect(isProfessionalCreditor({ kind: 'LEGAL_ENTITY', professionalCreditor: false })).toBe(false);
  });
});

describe('CCAPEX', () => {
  it('is required for a residential lease of a legal entity other than a family SCI', () => {
    expect(ccapexRequired({ kind: 'RESIDENTIAL_UNFURNISHED' }, { kind: 'LEGAL_ENTITY' })).toBe(true);
    expect(ccapexRequired({ kind: 'RESIDENTIAL_FURNISHED' }, { kind: 'LEGAL_ENTITY', familySci: false })).toBe(true);
    expect(ccapexRequired({ kind: 'RESIDENTIAL_UNFURNISHED' }, { kind: 'LEGAL_ENTITY', familySci: null })).toBe(true);
    expect(ccapexRequired({ kind: 'RESIDENTIAL_UNFURNISHED' }, { kind: 'LEGAL_ENTITY', familySci: true })).toBe(false);
    expect(ccapexRequired({ kind: 'RESIDENTIAL_UNFURNISHED' }, { kind: 'NATURAL_PERSON' })).toBe(false);
    expect(ccapexRequired({ kind: 'COMMERCIAL' }, { kind: 'LEGAL_ENTITY' })).toBe(false);
    expect(ccapexRequired({ kind: 'OTHER' }, { kind: 'LEGAL_ENTITY' })).toBe(false);
  });

  describe('earliest assignation', () => {
    const expiry = '2026-04-13';

    it('waits for the commandement', () => {
      expect(earliestAssignation({ required: false, commandementServed: false })).toEqual({
        on: null,
        waitingFor: ['the commandement de payer to be served'],
      });
      expect(earliestAssignation({ required: true, referredOn: '2026-03-03', commandementServed: false })).toEqual({
        on: null,
        waitingFor: ['the commandement de payer to be served'],
      });
      expect(earliestAssignation({ required: true, commandementServed: false })).toEqual({
        on: null,
        waitingFor: ['the commandement de payer to be served', 'the referral to the CCAPEX'],
      });
    });

    it('is the day after the commandement’s expiry when no referral is needed', () => {
      expect(earliestAssignation({ required: false, commandementServed: true, commandementExpiresOn: expiry })).toEqual({
        on: '2026-04-14',
        waitingFor: [],
      });
      expect(earliestAssignation({ required: false, commandementServed: true, commandementExpiresOn: '2026-12-31' })).toEqual({
        on: '2027-01-01',
        waitingFor: [],
      });
    });

    it('waits for the referral when one is needed', () => {
      expect(earliestAssignation({ required: true, commandementServed: true, commandementExpiresOn: expiry })).toEqual({
        on: null,
        waitingFor: ['the referral to the CCAPEX'],
      });
    });

    it('is the later of the day after expiry and the day after the two months from the referral', () => {
      const served = { required: true, commandementServed: true, commandementExpiresOn: expiry };
      // Referral late: the two months from 3 March end with 3 May: 4 May, after 14 April.
      expect(earliestAssignation({ ...served, referredOn: '2026-03-03' })).toEqual({ on: '2026-05-04', waitingFor: [] });
      // Referral early: 11 March, before 14 April.
      expect(earliestAssignation({ ...served, referredOn: '2026-01-10' })).toEqual({ on: '2026-04-14', waitingFor: [] });
      // Both the same day: 13 February + 2 months ends with 13 April.
      expect(earliestAssignation({ ...served, referredOn: '2026-02-13' })).toEqual({ on: '2026-04-14', waitingFor: [] });
      // A day later, the referral decides.
      expect(earliestAssignation({ ...served, referredOn: '2026-02-14' })).toEqual({ on: '2026-04-15', waitingFor: [] });
      // Two months from 31 December end with 28 February.
      expect(
        earliestAssignation({ required: true, referredOn: '2026-12-31', commandementServed: true, commandementExpiresOn: '2027-01-15' }),
      ).toEqual({ on: '2027-03-01', waitingFor: [] });
    });

    it('has no date when the lease’s own clause decides and no referral is needed', () => {
      expect(earliestAssignation({ required: false, commandementServed: true, commandementExpiresOn: null })).toEqual({
        on: null,
        waitingFor: [],
      });
    });
  });
});

describe('CAF arrears', () => {
  const lease = { monthlyRentCents: 60_000, monthlyChargesCents: 5_000, housingBenefitToLandlord: true, housingBenefitCents: 25_000 };

  it('does not apply when the benefit is not paid to the landlord', () => {
    expect(cafArrears({ ...lease, housingBenefitToLandlord: false }, [{ dueDate: '2026-01-05', outstandingCents: 1_000_000 }])).toEqual({
      applies: false,
      thresholdCents: 80_000,
      constitutedOn: null,
      reportBy: null,
    });
  });

  it('is constituted the day after the charge that brings the debt to twice the net rent and charges (equality counts)', () => {
    expect(
      cafArrears(lease, [
        { dueDate: '2026-01-05', outstandingCents: 40_000 },
        { dueDate: '2026-02-05', outstandingCents: 40_000 },
        { dueDate: '2026-03-05', outstandingCents: 40_000 },
      ]),
    ).toEqual({ applies: true, thresholdCents: 80_000, constitutedOn: '2026-02-06', reportBy: '2026-04-06' });
  });

  it('is not constituted one cent short of the threshold', () => {
    expect(
      cafArrears(lease, [
        { dueDate: '2026-01-05', outstandingCents: 40_000 },
        { dueDate: '2026-02-05', outstandingCents: 39_999 },
      ]),
    ).toEqual({ applies: true, thresholdCents: 80_000, constitutedOn: null, reportBy: null });
    // The next charge then tips it over.
    expect(
      cafArrears(lease, [
        { dueDate: '2026-01-05', outstandingCents: 40_000 },
        { dueDate: '2026-02-05', outstandingCents: 39_999 },
        { dueDate: '2026-03-05', outstandingCents: 1 },
      ]).constitutedOn,
    ).toBe('2026-03-06');
  });

  it('walks the charges oldest first, whatever their order', () => {
    expect(
      cafArrears(lease, [
        { dueDate: '2026-03-05', outstandingCents: 80_000 },
        { dueDate: '2026-02-05', outstandingCents: 40_000 },
        { dueDate: '2026-01-05', outstandingCents: 40_000 },
      ]).constitutedOn,
    ).toBe('2026-02-06');
  });

  it('is reported within two months, to the end of a shorter month', () => {
    expect(
      cafArrears(lease, [
        { dueDate: '2026-11-30', outstandingCents: 40_000 },
        { dueDate: '2026-12-30', outstandingCents: 40_000 },
      ]),
    ).toEqual({ applies: true, thresholdCents: 80_000, constitutedOn: '2026-12-31', reportBy: '2027-02-28' });
  });

  it('counts the full rent and charges without a benefit amount, and at least one cent', () => {
    expect(cafArrears({ ...lease, housingBenefitCents: null }, []).thresholdCents).toBe(130_000);
    const covered = cafArrears({ ...lease, housingBenefitCents: 70_000 }, [{ dueDate: '2026-01-05', outstandingCents: 1 }]);
    expect(covered).toEqual({ applies: true, thresholdCents: 1, constitutedOn: '2026-01-06', reportBy: '2026-03-06' });
  });
});

describe('GLI claim schedule', () => {
  const contract: GliContract = { insurer: 'Assur-Loyer', claimDeadlineDays: 30, documentsRequired: [], claimRegardless: false };
  const anchor = '2026-01-05';

  it('with a 30-day deadline and a 7-day approval, asks on day 21 so a decision on day 28 still files by day 30', () => {
    const schedule = gliClaimSchedule(contract, anchor, 7);
    expect(schedule).toEqual({
      claimBy: '2026-02-04',
      latestClaimOffset: 28,
      askApprovalOffset: 21,
      approvalWaived: false,
      latestStepOffset: 21,
    });
    expect(schedule.askApprovalOffset! + 7).toBe(schedule.latestClaimOffset);
    expect(schedule.latestClaimOffset).toBeLessThanOrEqual(contract.claimDeadlineDays);
  });

  it('asks nothing when the contract requires the claim regardless', () => {
    const schedule = gliClaimSchedule({ ...contract, claimRegardless: true }, anchor, 7);
    expect(schedule).toEqual({ claimBy: '2026-02-04', latestClaimOffset: 28, approvalWaived: true, latestStepOffset: 28 });
    expect('askApprovalOffset' in schedule).toBe(false);
  });

  it('asks nothing when the claim step needs no approval', () => {
    const schedule = gliClaimSchedule(contract, anchor, null);
    expect(schedule).toEqual({ claimBy: '2026-02-04', latestClaimOffset: 28, approvalWaived: false, latestStepOffset: 28 });
    expect('askApprovalOffset' in schedule).toBe(false);
  });

  it('never goes below day 0 on a tiny deadline', () => {
    expect(gliClaimSchedule({ ...contract, claimDeadlineDays: 1 }, anchor, 7)).toEqual({
      claimBy: '2026-01-06',
      latestClaimOffset: 0,
      askApprovalOffset: 0,
      approvalWaived: false,
      latestStepOffset: 0,
    });
    expect(gliClaimSchedule({ ...contract, claimDeadlineDays: 2 }, anchor, null)).toMatchObject({
      claimBy: '2026-01-07',
      latestClaimOffset: 0,
    });
    expect(gliClaimSchedule({ ...contract, claimDeadlineDays: 10 }, anchor, 30)).toMatchObject({
      latestClaimOffset: 8,
      askApprovalOffset: 0,
    });
  });
});

describe('the legal obligations of a debt', () => {
  const GLI: GliContract = {
    insurer: 'Assur-Loyer',
    claimDeadlineDays: 30,
    documentsRequired: ['bail', 'décompte'],
    claimRegardless: false,
  };

  type FactsOverrides = Partial<Omit<LegalFacts, 'lease' | 'landlord'>> & {
    lease?: Partial<LegalFacts['lease']>;
    landlord?: Partial<LegalFacts['landlord']>;
  };

  /** A debt opened the day after its first unpaid rent, on a recent residential lease of a private landlord, without guarantor. */
  function facts(overrides: FactsOverrides = {}): LegalFacts {
    const { lease, landlord, ...rest } = overrides;
    return {
      anchor: '2026-01-05',
      openedOn: '2026-01-06',
      tenants: ['Jean Martin', 'Léa Martin'],
      guarantors: [],
      unpaid: [
        { period: '2026-01', dueDate: '2026-01-05', outstandingCents: 65_000 },
        { period: '2026-02', dueDate: '2026-02-05', outstandingCents: 65_000 },
      ],
      milestones: {},
      ...rest,
      lease: {
        reference: 'BAIL-2024-017',
        kind: 'RESIDENTIAL_UNFURNISHED',
        signedOn: '2024-03-01',
        monthlyRentCents: 60_000,
        monthlyChargesCents: 5_000,
        housingBenefitToLandlord: false,
        housingBenefitCents: null,
        gli: null,
        ...lease,
      },
      landlord: { name: 'Marie Dupont', kind: 'NATURAL_PERSON', familySci: false, professionalCreditor: null, ...landlord },
    };
  }
  const COMPANY = { name: 'SCI Les Tilleuls', kind: 'LEGAL_ENTITY' as const };
  const PERSON_GUARANTOR = { name: 'Paul Martin', kind: 'NATURAL_PERSON' as const };
  const COMPANY_GUARANTOR = { name: 'Garantme', kind: 'LEGAL_ENTITY' as const };

  const keys = (obligations: LegalObligation[]) => obligations.map((o) => o.key);
  function find(obligations: LegalObligation[], key: string): LegalObligation {
    const found = obligations.find((o) => o.key === key);
    if (!found) throw new Error(`no obligation ${key} in ${JSON.stringify(keys(obligations))}`);
    return found;
  }

  it('are only the prescriptions of the unpaid lines on a plain debt', () => {
    expect(keys(legalObligations(facts(), null))).toEqual(['prescription:2026-01:2026-01-05', 'prescription:2026-02:2026-02-05']);
  });

  describe('informing the guarantor of the first incident', () => {
    it('falls to a professional creditor with a natural-person guarantor, five days before the end of the month', () => {
      const obligation = find(
        legalObligations(facts({ landlord: COMPANY, guarantors: [PERSON_GUARANTOR] }), null),
        'guarantor-first-incident',
      );
      expect(obligation).toMatchObject({
        rule: 'GUARANTOR_FIRST_INCIDENT',
        triggerOn: '2026-01-26',
        dueOn: '2026-01-31',
        title: 'Inform the guarantor of the first payment incident by 2026-01-31',
        source: LEGAL_SOURCES.GUARANTOR_FIRST_INCIDENT,
      });
      expect(obligation.body).toContain('Paul Martin must be told');
      expect(obligation.body).toContain('(rent due 2026-01-05)');
      expect(obligation.body).toContain('with the amounts due: 1\u202f300,00\u00a0€.');
      expect(obligation.body).toContain('2026-01 (due 2026-01-05): 650,00\u00a0€\n2026-02 (due 2026-02-05): 650,00\u00a0€');
    });

    it('is triggered on the incident itself when that comes later than five days before the deadline', () => {
      const withGuarantor = { landlord: COMPANY, guarantors: [PERSON_GUARANTOR] };
      // Due the 30th: incident and deadline are the 31st.
      expect(find(legalObligations(facts({ ...withGuarantor, anchor: '2027-01-30' }), null), 'guarantor-first-incident')).toMatchObject({
        triggerOn: '2027-01-31',
        dueOn: '2027-01-31',
      });
      // Due the 28th: incident the 29th, later than 31 − 5 = the 26th.
      expect(find(legalObligations(facts({ ...withGuarantor, anchor: '2027-01-28' }), null), 'guarantor-first-incident')).toMatchObject({
        triggerOn: '2027-01-29',
        dueOn: '2027-01-31',
      });
      // Due the 31st: incident 1 February, deadline 28 February, task from the 23rd.
      expect(find(legalObligations(facts({ ...withGuarantor, anchor: '2027-01-31' }), null), 'guarantor-first-incident')).toMatchObject({
        triggerOn: '2027-02-23',
        dueOn: '2027-02-28',
      });
    });

    it('names only the natural-person guarantors', () => {
      const obligation = find(
        legalObligations(
          facts({ landlord: COMPANY, guarantors: [COMPANY_GUARANTOR, PERSON_GUARANTOR, { name: 'Anne Roy', kind: 'NATURAL_PERSON' }] }),
          null,
        ),
        'guarantor-first-incident',
      );
      expect(obligation.body.startsWith('Paul Martin, Anne Roy must be told')).toBe(true);
    });

    it.each<[string, FactsOverrides]>([
      ['a private landlord', { guarantors: [PERSON_GUARANTOR] }],
      [
        'a company flagged as not a professional creditor',
        { landlord: { ...COMPANY, professionalCreditor: false }, guarantors: [PERSON_GUARANTOR] },
      ],
      ['a company guarantor only', { landlord: COMPANY, guarantors: [COMPANY_GUARANTOR] }],
      ['no guarantor', { landlord: COMPANY }],
      [
        'a guarantor already informed',
        { landlord: COMPANY, guarantors: [PERSON_GUARANTOR], milestones: { GUARANTOR_INFORMED: '2026-01-20' } },
      ],
    ])('is not asked of %s', (_name, overrides) => {
      expect(keys(legalObligations(facts(overrides), null))).not.toContain('guarantor-first-incident');
    });

    it('is asked of a private landlord flagged as a professional creditor', () => {
      const obligations = legalObligations(facts({ landlord: { professionalCreditor: true }, guarantors: [PERSON_GUARANTOR] }), null);
      expect(find(obligations, 'guarantor-first-incident').dueOn).toBe('2026-01-31');
    });
  });

  describe('after a commandement de payer', () => {
    const SERVED = { COMMANDEMENT_SERVED: '2026-03-02' };

    it('has it served on every guarantor within fifteen days', () => {
      const obligation = find(
        legalObligations(facts({ guarantors: [COMPANY_GUARANTOR, PERSON_GUARANTOR], milestones: SERVED }), null),
        'guarantor-commandement',
      );
      expect(obligation).toMatchObject({
        rule: 'GUARANTOR_COMMANDEMENT',
        triggerOn: '2026-03-02',
        dueOn: '2026-03-17',
        title: 'Have the commandement de payer served on the guarantor by 2026-03-17',
        source: LEGAL_SOURCES.GUARANTOR_COMMANDEMENT,
      });
      expect(obligation.body).toContain('must reach Garantme, Paul Martin within 15 days, by 2026-03-17');
    });

    it('no longer asks for it once sent to the guarantor, nor without a guarantor or a commandement', () => {
      const sent = facts({ guarantors: [PERSON_GUARANTOR], milestones: { ...SERVED, COMMANDEMENT_SENT_TO_GUARANTOR: '2026-03-10' } });
      expect(keys(legalObligations(sent, null))).not.toContain('guarantor-commandement');
      expect(keys(legalObligations(facts({ milestones: SERVED }), null))).not.toContain('guarantor-commandement');
      expect(keys(legalObligations(facts({ guarantors: [PERSON_GUARANTOR] }), null))).not.toContain('guarantor-commandement');
    });

    it('opens a decision the day after the delay runs out: two months or six weeks depending on the signing date', () => {
      const before = find(legalObligations(facts({ lease: { signedOn: '2023-07-28' }, milestones: SERVED }), null), 'commandement-expiry');
      expect(before).toMatchObject({
        rule: 'COMMANDEMENT_EXPIRY',
        triggerOn: '2026-05-05',
        dueOn: '2026-05-05',
        title: "The commandement's delay ran out on 2026-05-04: decide what follows",
        source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL,
      });
      expect(before.body).toContain('gave the tenant until 2026-05-04 (two months,');
      expect(before.body).toContain('The earliest assignation: 2026-05-05.');
      expect(before.body).toContain('Still owed: 1\u202f300,00\u00a0€.');

      const after = find(legalObligations(facts({ lease: { signedOn: '2023-07-29' }, milestones: SERVED }), null), 'commandement-expiry');
      expect(after).toMatchObject({ triggerOn: '2026-04-14', dueOn: '2026-04-14' });
      expect(after.body).toContain('gave the tenant until 2026-04-13 (six weeks,');
    });

    it('counts one month on a commercial lease and nothing on a lease whose clause decides', () => {
      const commercial = find(legalObligations(facts({ lease: { kind: 'COMMERCIAL' }, milestones: SERVED }), null), 'commandement-expiry');
      expect(commercial).toMatchObject({ triggerOn: '2026-04-03', source: LEGAL_SOURCES.COMMANDEMENT_COMMERCIAL });
      expect(commercial.body).toContain('(one month,');
      expect(keys(legalObligations(facts({ lease: { kind: 'OTHER' }, milestones: SERVED }), null))).not.toContain('commandement-expiry');
    });

    it('says what the assignation still waits for', () => {
      const waiting = find(legalObligations(facts({ landlord: COMPANY, milestones: SERVED }), null), 'commandement-expiry');
      expect(waiting.body).toContain('No assignation yet: it waits for the referral to the CCAPEX.');
      const referred = find(
        legalObligations(facts({ landlord: COMPANY, milestones: { ...SERVED, CCAPEX_REFERRED: '2026-03-03' } }), null),
        'commandement-expiry',
      );
      expect(referred.body).toContain('The earliest assignation: 2026-05-04.');
    });
  });

  describe('the CCAPEX referral', () => {
    it('is asked of a legal entity once the commandement is served', () => {
      const obligation = find(
        legalObligations(facts({ landlord: COMPANY, milestones: { COMMANDEMENT_SERVED: '2026-03-02' } }), null),
        'ccapex-referral',
      );
      expect(obligation).toMatchObject({
        rule: 'CCAPEX_REFERRAL',
        triggerOn: '2026-03-02',
        dueOn: '2026-03-02',
        source: LEGAL_SOURCES.CCAPEX,
      });
      expect(obligation.body.startsWith('SCI Les Tilleuls is a legal entity')).toBe(true);
    });

    it('is asked from the earlier of the litigation file and the commandement', () => {
      const on = (milestones: LegalFacts['milestones']) =>
        find(legalObligations(facts({ landlord: COMPANY, milestones }), null), 'ccapex-referral').triggerOn;
      expect(on({ LITIGATION_FILE_PREPARED: '2026-02-20', COMMANDEMENT_SERVED: '2026-03-02' })).toBe('2026-02-20');
      expect(on({ LITIGATION_FILE_PREPARED: '2026-03-10', COMMANDEMENT_SERVED: '2026-03-02' })).toBe('2026-03-02');
      expect(on({ LITIGATION_FILE_PREPARED: '2026-02-20' })).toBe('2026-02-20');
    });

    it.each<[string, FactsOverrides]>([
      ['a family SCI', { landlord: { ...COMPANY, familySci: true }, milestones: { COMMANDEMENT_SERVED: '2026-03-02' } }],
      ['a private landlord', { milestones: { COMMANDEMENT_SERVED: '2026-03-02' } }],
      ['a commercial lease', { landlord: COMPANY, lease: { kind: 'COMMERCIAL' }, milestones: { COMMANDEMENT_SERVED: '2026-03-02' } }],
      ['a debt not yet in litigation', { landlord: COMPANY }],
      ['a debt already referred', { landlord: COMPANY, milestones: { COMMANDEMENT_SERVED: '2026-03-02', CCAPEX_REFERRED: '2026-03-05' } }],
    ])('is not asked of %s', (_name, overrides) => {
      expect(keys(legalObligations(facts(overrides), null))).not.toContain('ccapex-referral');
    });
  });

  describe('the CAF report', () => {
    const withBenefit = { housingBenefitToLandlord: true, housingBenefitCents: 25_000 };
    const unpaid = [
      { period: '2026-01', dueDate: '2026-01-05', outstandingCents: 40_000 },
      { period: '2026-02', dueDate: '2026-02-05', outstandingCents: 40_000 },
    ];

    it('is due two months after the arrears reach the threshold, with the declaration in the body', () => {
      const obligation = find(legalObligations(facts({ lease: withBenefit, unpaid }), null), 'caf-report');
      expect(obligation).toMatchObject({
        rule: 'CAF_REPORT',
        triggerOn: '2026-02-06',
        dueOn: '2026-04-06',
        title: 'Report the non-payment to the CAF or MSA by 2026-04-06',
        source: LEGAL_SOURCES.CAF_REPORT,
      });
      expect(obligation.body).toContain('reached 800,00\u00a0€');
      expect(obligation.body).toContain('on 2026-02-06');
      expect(obligation.body).toContain('Lease: BAIL-2024-017\n');
      expect(obligation.body).toContain('Tenant(s): Jean Martin, Léa Martin\n');
      expect(obligation.body).toContain('Landlord: Marie Dupont\n');
      expect(obligation.body).toContain('Monthly rent and charges: 650,00\u00a0€; benefit: 250,00\u00a0€');
      expect(obligation.body).toContain('Unpaid since 2026-01-05: 800,00\u00a0€');
    });

    it('is not asked below the threshold, without benefit to the landlord, or once reported', () => {
      const short = [unpaid[0], { ...unpaid[1], outstandingCents: 39_999 }];
      expect(keys(legalObligations(facts({ lease: withBenefit, unpaid: short }), null))).not.toContain('caf-report');
      expect(keys(legalObligations(facts({ lease: { ...withBenefit, housingBenefitToLandlord: false }, unpaid }), null))).not.toContain(
        'caf-report',
      );
      expect(keys(legalObligations(facts({ lease: withBenefit, unpaid, milestones: { CAF_REPORTED: '2026-02-10' } }), null))).not.toContain(
        'caf-report',
      );
    });
  });

  describe('the GLI claim', () => {
    const gliKeys = (overrides: FactsOverrides, approvalDays: number | null) =>
      keys(legalObligations(facts({ lease: { gli: GLI }, ...overrides }), approvalDays)).filter((k) => k.startsWith('gli-'));

    it('is watched two days before the insurer’s deadline when the debt opened in time', () => {
      const obligation = find(legalObligations(facts({ lease: { gli: GLI } }), 7), 'gli-claim-at-risk');
      expect(obligation).toMatchObject({
        rule: 'GLI_CLAIM',
        triggerOn: '2026-02-02',
        dueOn: '2026-02-04',
        title: "GLI claim not prepared: Assur-Loyer's deadline is 2026-02-04",
        source: LEGAL_SOURCES.GLI_CONTRACT,
      });
      expect(obligation.body).toContain('due by 2026-02-04 (30 days after 2026-01-05)');
      expect(obligation.body).toContain(' Documents: bail, décompte.');
    });

    it('is still in time when the debt opens on the approval’s last ask day (day 21)', () => {
      expect(gliKeys({ openedOn: '2026-01-26' }, 7)).toEqual(['gli-claim-at-risk']);
    });

    it('is infeasible when the debt opens after the day the approval must be asked (day 22 of 21)', () => {
      const obligation = find(legalObligations(facts({ lease: { gli: GLI }, openedOn: '2026-01-27' }), 7), 'gli-claim-infeasible');
      expect(obligation).toMatchObject({
        rule: 'GLI_CLAIM',
        triggerOn: '2026-01-27',
        dueOn: '2026-02-04',
        title: 'GLI claim due by 2026-02-04: file it with Assur-Loyer now',
      });
      expect(obligation.body).toContain("ask the landlord's approval (by 2026-01-26) and prepare the claim");
      expect(gliKeys({ openedOn: '2026-01-27' }, 7)).toEqual(['gli-claim-infeasible']);
    });

    it('without an approval, is feasible up to day 28 and infeasible from day 29', () => {
      expect(gliKeys({ openedOn: '2026-01-27' }, null)).toEqual(['gli-claim-at-risk']);
      expect(gliKeys({ openedOn: '2026-02-02' }, null)).toEqual(['gli-claim-at-risk']);
      const late = find(legalObligations(facts({ lease: { gli: GLI }, openedOn: '2026-02-03' }), null), 'gli-claim-infeasible');
      expect(late).toMatchObject({ triggerOn: '2026-02-03', dueOn: '2026-02-04' });
      expect(late.body).not.toContain('approval');
    });

    it('asks no approval when the contract requires the claim regardless', () => {
      expect(gliKeys({ lease: { gli: { ...GLI, claimRegardless: true } }, openedOn: '2026-01-27' }, 7)).toEqual(['gli-claim-at-risk']);
    });

    it('says the deadline passed when the debt opens after it, due at once', () => {
      const onDeadline = find(legalObligations(facts({ lease: { gli: GLI }, openedOn: '2026-02-04' }), null), 'gli-claim-infeasible');
      expect(onDeadline).toMatchObject({ dueOn: '2026-02-04', title: 'GLI claim due by 2026-02-04: file it with Assur-Loyer now' });
      const passed = find(legalObligations(facts({ lease: { gli: GLI }, openedOn: '2026-02-05' }), null), 'gli-claim-infeasible');
      expect(passed).toMatchObject({
        triggerOn: '2026-02-05',
        dueOn: '2026-02-05',
        title: 'GLI claim deadline passed on 2026-02-04: contact Assur-Loyer now',
      });
    });

    it('leaves out the documents when the contract lists none', () => {
      const obligation = find(legalObligations(facts({ lease: { gli: { ...GLI, documentsRequired: [] } } }), null), 'gli-claim-at-risk');
      expect(obligation.body).not.toContain('Documents:');
    });

    it('is gone once the claim is filed, and absent without a contract', () => {
      expect(gliKeys({ milestones: { INSURER_CLAIM_FILED: '2026-01-20' } }, 7)).toEqual([]);
      expect(gliKeys({ openedOn: '2026-02-05', milestones: { INSURER_CLAIM_FILED: '2026-02-05' } }, 7)).toEqual([]);
      expect(keys(legalObligations(facts(), 7)).filter((k) => k.startsWith('gli-'))).toEqual([]);
    });
  });

  describe('prescription', () => {
    it('counts five years on a commercial lease (C. civ. 2224)', () => {
      const [commercial] = legalObligations(
        facts({ lease: { kind: 'COMMERCIAL' }, unpaid: [{ period: '2026-01', dueDate: '2026-01-05', outstandingCents: 65_000 }] }),
        null,
      ).filter((o) => o.rule === 'PRESCRIPTION');
      expect(commercial).toMatchObject({ dueOn: '2031-01-05', source: LEGAL_SOURCES.PRESCRIPTION_OTHER });
    });

    it('warns 180 days ahead for each unpaid line, due the day before it prescribes', () => {
      const obligations = legalObligations(
        facts({
          unpaid: [
            { period: '2026-01', dueDate: '2026-01-05', outstandingCents: 65_000 },
            { period: '2026-02', dueDate: '2026-02-05', outstandingCents: 0 },
            { period: '2026-03', dueDate: '2026-03-05', outstandingCents: 12_345 },
          ],
        }),
        null,
      ).filter((o) => o.rule === 'PRESCRIPTION');
      expect(obligations.map(({ key, triggerOn, dueOn, title, source }) => ({ key, triggerOn, dueOn, title, source }))).toEqual([
        {
          key: 'prescription:2026-01:2026-01-05',
          triggerOn: '2028-07-10',
          dueOn: '2029-01-05',
          title: '650,00\u00a0€ due 2026-01-05 prescribes on 2029-01-06',
          source: LEGAL_SOURCES.PRESCRIPTION,
        },
        {
          key: 'prescription:2026-03:2026-03-05',
          triggerOn: '2028-09-07',
          dueOn: '2029-03-05',
          title: '123,45\u00a0€ due 2026-03-05 prescribes on 2029-03-06',
          source: LEGAL_SOURCES.PRESCRIPTION,
        },
      ]);
      expect(obligations[0].body).toContain('The sum of 2026-01 can no longer be claimed from 2029-01-06 (3 years');
    });
  });

  it('list every obligation of a busy debt in a stable order', () => {
    const busy = facts({
      landlord: COMPANY,
      guarantors: [PERSON_GUARANTOR],
      lease: { housingBenefitToLandlord: true, housingBenefitCents: 25_000, gli: GLI },
      milestones: { COMMANDEMENT_SERVED: '2026-03-02' },
    });
    expect(keys(legalObligations(busy, 7))).toEqual([
      'guarantor-first-incident',
      'guarantor-commandement',
      'commandement-expiry',
      'ccapex-referral',
      'caf-report',
      'gli-claim-at-risk',
      'prescription:2026-01:2026-01-05',
      'prescription:2026-02:2026-02-05',
    ]);
  });
});

describe('legal agenda', () => {
  const obligation = (key: string, triggerOn: string): LegalObligation => ({
    key,
    rule: 'PRESCRIPTION',
    triggerOn,
    dueOn: triggerOn,
    title: key,
    body: key,
    source: LEGAL_SOURCES.PRESCRIPTION,
  });
  const list = [
    obligation('c', '2026-05-01'),
    obligation('a', '2026-03-01'),
    obligation('b', '2026-04-01'),
    obligation('past', '2026-01-01'),
  ];

  const at = (date: string, hour: number) => parisTime(date, hour);

  it('opens on its day at 9:00 Paris, not before: what is due and the next instant', () => {
    const before = legalAgenda(list, at('2026-03-01', 8), ['past']);
    expect(before.due.map((o) => o.key)).toEqual([]);
    expect(before.nextAt).toEqual(at('2026-03-01', LEGAL_TASK_HOUR));
    const onTime = legalAgenda(list, at('2026-03-01', LEGAL_TASK_HOUR), ['past']);
    expect(onTime.due.map((o) => o.key)).toEqual(['a']);
    expect(onTime.nextAt).toEqual(at('2026-04-01', LEGAL_TASK_HOUR));
    // A day long gone opens at once.
    expect(legalAgenda(list, at('2026-02-15', 12), []).due.map((o) => o.key)).toEqual(['past']);
  });

  it('leaves out the obligations already opened', () => {
    expect(legalAgenda(list, at('2026-04-15', 12), ['past', 'a']).due.map((o) => o.key)).toEqual(['b']);
    expect(legalAgenda(list, at('2026-02-15', 12), ['a', 'b', 'past']).nextAt).toEqual(at('2026-05-01', LEGAL_TASK_HOUR));
  });

  it('has no next instant when nothing is left to come', () => {
    expect(legalAgenda(list, at('2026-05-02', 12), []).nextAt).toBeUndefined();
    expect(legalAgenda(list, at('2026-02-15', 12), ['a', 'b', 'c', 'past'])).toEqual({ due: [] });
    expect(legalAgenda([], at('2026-02-15', 12), [])).toEqual({ due: [] });
  });
});
