import { addDays, addMonths, compareDates, daysBetween, endOfMonth, IsoDate } from './calendar-date';
import { STEP_HOUR } from './dunning-plan';
import { isFrenchPublicHoliday, parisTime } from './french-calendar';
import { formatEuros } from './money';
import type { PartyKind } from './parties';
import { LeaseKind, RESIDENTIAL_LEASE_KINDS } from './scenario';

/**
 * The deadlines French law and rent-guarantee contracts set on a recovery (DESIGN §6), as
 * data and pure functions: the debt's workflow turns them into durable timers and tasks,
 * the debt's legal calendar shows them, letters and the litigation file quote them. Every
 * rule names its source; docs/compliance.md lists each with the code and the test that
 * proves it. Relance does not decide in the landlord's place: it makes sure no date is
 * missed ("il vous évite de rater des échéances").
 */

/** The texts the rules come from, as the timeline, tasks and documents cite them. */
export const LEGAL_SOURCES = {
  GUARANTOR_FIRST_INCIDENT: 'C. civ. art. 2303',
  GUARANTOR_COMMANDEMENT: 'loi n° 89-462 du 6 juillet 1989, art. 24 I',
  CCAPEX: 'loi n° 89-462 du 6 juillet 1989, art. 24 II',
  CAF_REPORT: 'CCH art. L824-2 (aide versée au bailleur)',
  COMMANDEMENT_RESIDENTIAL:
    'loi n° 89-462, art. 24 I, modifié par la loi n° 2023-668 du 27 juillet 2023 ; Cass. avis 13 juin 2024, n° 24-70.002',
  COMMANDEMENT_COMMERCIAL: 'C. com. art. L145-41',
  WINTER_TRUCE: 'CPCE art. L412-6',
  PRESCRIPTION: 'loi n° 89-462 du 6 juillet 1989, art. 7-1',
  PRESCRIPTION_OTHER: 'C. civ. art. 2224',
  GLI_CONTRACT: 'contrat d’assurance loyers impayés du bail',
  DELAYS: 'CPC art. 641 et 642',
} as const;

export const LEGAL_RULES = [
  'GUARANTOR_FIRST_INCIDENT',
  'GUARANTOR_COMMANDEMENT',
  'COMMANDEMENT_EXPIRY',
  'CCAPEX_REFERRAL',
  'CAF_REPORT',
  'GLI_CLAIM',
  'PRESCRIPTION',
] as const;
export type LegalRule = (typeof LEGAL_RULES)[number];

/**
 * What happened on a case that the law counts from, each with its date: recorded by an
 * agent (`recordLegalMilestone`), or by a step (a guarantor notice sent, the litigation file
 * or the insurer's claim prepared).
 */
export const LEGAL_MILESTONES = [
  'GUARANTOR_INFORMED',
  'COMMANDEMENT_SERVED',
  'COMMANDEMENT_SENT_TO_GUARANTOR',
  'CCAPEX_REFERRED',
  'CAF_REPORTED',
  'LITIGATION_FILE_PREPARED',
  'INSURER_CLAIM_PREPARED',
  'INSURER_CLAIM_FILED',
] as const;
/** The milestones a step records by itself (its action done): an agent records the others. */
export const STEP_MILESTONES: Readonly<Partial<Record<string, LegalMilestone>>> = {
  GUARANTOR_NOTICE: 'GUARANTOR_INFORMED',
  LITIGATION_HANDOFF: 'LITIGATION_FILE_PREPARED',
  INSURER_CLAIM: 'INSURER_CLAIM_PREPARED',
};
export type LegalMilestone = (typeof LEGAL_MILESTONES)[number];

/** A delay that would end on a Saturday, a Sunday or a public holiday runs to the next working day (CPC art. 642). */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = date;
  for (;;) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(day)) return day;
    day = addDays(day, 1);
  }
}

// ── 5. Commandement de payer ─────────────────────────────────────────────────────────

/** Residential leases signed from this day: six weeks after a commandement; before it: two months (loi 2023-668; Cass. avis 13 juin 2024). */
export const SIX_WEEKS_FROM: IsoDate = '2023-07-29';

export const COMMANDEMENT_DELAYS = ['SIX_WEEKS', 'TWO_MONTHS', 'ONE_MONTH', 'LEASE_CLAUSE'] as const;
export type CommandementDelay =
  { kind: Exclude<(typeof COMMANDEMENT_DELAYS)[number], 'LEASE_CLAUSE'>; source: string } | { kind: 'LEASE_CLAUSE'; source: null };

/**
 * How long the tenant has to pay after a commandement de payer before the resolution
 * clause acts: for a residential lease, six weeks when signed from 29 July 2023 (the day
 * after loi 2023-668 was published; the Cour de cassation's avis of 13 June 2024 keeps two
 * months for leases signed before), one month for a commercial lease (C. com. L145-41),
 * and the lease's own clause otherwise.
 */
export function commandementDelay(lease: { kind: LeaseKind | string; signedOn: IsoDate }): CommandementDelay {
  if (lease.kind === 'COMMERCIAL') return { kind: 'ONE_MONTH', source: LEGAL_SOURCES.COMMANDEMENT_COMMERCIAL };
  if (!RESIDENTIAL_LEASE_KINDS.includes(lease.kind as LeaseKind)) return { kind: 'LEASE_CLAUSE', source: null };
  return {
    kind: compareDates(lease.signedOn, SIX_WEEKS_FROM) >= 0 ? 'SIX_WEEKS' : 'TWO_MONTHS',
    source: LEGAL_SOURCES.COMMANDEMENT_RESIDENTIAL,
  };
}

/**
 * The last day the tenant may pay after a commandement served on `servedOn`: six weeks run
 * to the same weekday six weeks on, months to the same day of the month (or the month's
 * last day), and a delay ending on a weekend or a holiday runs to the next working day
 * (CPC art. 641 and 642). Null when the lease's clause decides.
 */
export function commandementExpiresOn(lease: { kind: LeaseKind | string; signedOn: IsoDate }, servedOn: IsoDate): IsoDate | null {
  const delay = commandementDelay(lease);
  switch (delay.kind) {
    case 'SIX_WEEKS':
      return nextWorkingDay(addDays(servedOn, 42));
    case 'TWO_MONTHS':
      return nextWorkingDay(addMonths(servedOn, 2));
    case 'ONE_MONTH':
      return nextWorkingDay(addMonths(servedOn, 1));
    case 'LEASE_CLAUSE':
      return null;
  }
}

// ── 6. Winter truce ──────────────────────────────────────────────────────────────────

/**
 * The winter truce (trêve hivernale, 1 November – 31 March, CPCE L412-6) in force on `on`,
 * or the next one: no eviction is carried out during it. Recovery goes on: Relance shows
 * it, it never holds a step.
 */
export function winterTruce(on: IsoDate): { active: boolean; startsOn: IsoDate; endsOn: IsoDate; source: string } {
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7));
  const span = (from: number) => ({ startsOn: `${from}-11-01`, endsOn: `${from + 1}-03-31`, source: LEGAL_SOURCES.WINTER_TRUCE });
  if (month >= 11) return { active: true, ...span(year) };
  if (month <= 3) return { active: true, ...span(year - 1) };
  return { active: false, ...span(year) };
}

// ── 7. Prescription ─────────────────────────────────────────────────────────────────

/**
 * Actions for rent and charges under a residential lease prescribe three years after they
 * fall due (loi 89-462 art. 7-1); under any other lease, five years (C. civ. 2224).
 */
export const PRESCRIPTION_YEARS = 3;
export const OTHER_LEASE_PRESCRIPTION_YEARS = 5;
/** How long before that a charge still owed is flagged. */
export const PRESCRIPTION_WARNING_DAYS = 180;

/** The prescription of a lease's rent and charges: its years and its source. */
export function prescriptionOf(leaseKind: LeaseKind | string): { years: number; source: string } {
  return RESIDENTIAL_LEASE_KINDS.includes(leaseKind as LeaseKind)
    ? { years: PRESCRIPTION_YEARS, source: LEGAL_SOURCES.PRESCRIPTION }
    : { years: OTHER_LEASE_PRESCRIPTION_YEARS, source: LEGAL_SOURCES.PRESCRIPTION_OTHER };
}

/**
 * The first day a sum due on `dueDate` can no longer be claimed: the years run, counted as
 * months to the same day (CPC art. 641), and the last of them may still be acted on
 * (C. civ. 2229: prescription is acquired once the term's last day is over).
 */
export function prescribesOn(dueDate: IsoDate, years = PRESCRIPTION_YEARS): IsoDate {
  return addDays(addMonths(dueDate, years * 12), 1);
}

export interface PrescriptionWarning {
  period: string;
  dueDate: IsoDate;
  outstandingCents: number;
  prescribesOn: IsoDate;
  /** Days from `asOf` to that day; 0 or less when already prescribed. */
  daysLeft: number;
}

/** The unpaid charges that prescribe within `warningDays` of `asOf` (or already have), oldest first; `years` by the lease ({@link prescriptionOf}). */
export function prescriptionWarnings(
  unpaid: ReadonlyArray<{ period: string; dueDate: IsoDate; outstandingCents: number }>,
  asOf: IsoDate,
  warningDays = PRESCRIPTION_WARNING_DAYS,
  years = PRESCRIPTION_YEARS,
): PrescriptionWarning[] {
  return unpaid
    .filter((line) => line.outstandingCents > 0)
    .map((line) => {
      const on = prescribesOn(line.dueDate, years);
      return {
        period: line.period,
        dueDate: line.dueDate,
        outstandingCents: line.outstandingCents,
        prescribesOn: on,
        daysLeft: daysBetween(asOf, on),
      };
    })
    .filter((w) => w.daysLeft <= warningDays)
    .sort((a, b) => compareDates(a.dueDate, b.dueDate));
}

// ── 1. Guarantors ────────────────────────────────────────────────────────────────────

/**
 * Whether the landlord is a professional creditor for C. civ. 2303: as set on the landlord,
 * or else a legal entity is taken to be one and a natural person not.
 */
export function isProfessionalCreditor(landlord: { kind: PartyKind; professionalCreditor?: boolean | null }): boolean {
  return landlord.professionalCreditor ?? landlord.kind === 'LEGAL_ENTITY';
}

/**
 * C. civ. 2303: a professional creditor informs a natural-person guarantor of the first
 * payment incident not put right within the month of its due date. The incident is the day
 * after the first unpaid due date; the guarantor is informed by the last day of that
 * month (a rent due on the 31st: its incident is the 1st, informed by the month's end).
 */
export function guarantorIncidentDeadline(firstUnpaidDueDate: IsoDate): { incidentOn: IsoDate; informBy: IsoDate } {
  const incidentOn = addDays(firstUnpaidDueDate, 1);
  return { incidentOn, informBy: endOfMonth(incidentOn) };
}

/** Loi 89-462 art. 24: a commandement de payer served on the tenant reaches the guarantor within fifteen days. */
export const GUARANTOR_COMMANDEMENT_DAYS = 15;
/** The task to inform the guarantor appears this many days before the deadline, unless a step informed them already. */
export const GUARANTOR_TASK_DAYS_BEFORE = 5;

// ── 2. CCAPEX ────────────────────────────────────────────────────────────────────────

/** Loi 89-462 art. 24 II: the referral to the CCAPEX comes at least two months before the assignation. */
export const CCAPEX_MONTHS = 2;

/**
 * Whether the landlord must refer the case to the CCAPEX before summoning: residential
 * leases of a legal entity other than a family SCI (partners related up to the fourth degree).
 */
export function ccapexRequired(lease: { kind: LeaseKind | string }, landlord: { kind: PartyKind; familySci?: boolean | null }): boolean {
  return RESIDENTIAL_LEASE_KINDS.includes(lease.kind as LeaseKind) && landlord.kind === 'LEGAL_ENTITY' && !landlord.familySci;
}

/**
 * The earliest day an assignation to have the lease's termination recorded may be served:
 * the day after the commandement's delay has run out, and for a landlord who must refer to
 * the CCAPEX, the day after the two months from the referral have run out. Null, with what it waits for, until both are known.
 */
export function earliestAssignation(input: {
  required: boolean;
  referredOn?: IsoDate;
  commandementExpiresOn?: IsoDate | null;
  commandementServed: boolean;
}): { on: IsoDate | null; waitingFor: string[] } {
  const waitingFor: string[] = [];
  const dates: IsoDate[] = [];
  if (!input.commandementServed) waitingFor.push('the commandement de payer to be served');
  else if (input.commandementExpiresOn) dates.push(addDays(input.commandementExpiresOn, 1));
  if (input.required) {
    // "Avant l'expiration d'un délai de deux mois": the two months run to the end of their last day.
    if (input.referredOn) dates.push(addDays(addMonths(input.referredOn, CCAPEX_MONTHS), 1));
    else waitingFor.push('the referral to the CCAPEX');
  }
  if (waitingFor.length > 0 || dates.length === 0) return { on: null, waitingFor };
  return { on: dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b)), waitingFor };
}

// ── 3. CAF / MSA ─────────────────────────────────────────────────────────────────────

/** The non-payment is reported to the CAF or MSA within two months of being constituted. */
export const CAF_REPORT_MONTHS = 2;

export interface CafArrears {
  /** Housing benefit paid to the landlord (tiers payant): only then must the landlord report. */
  applies: boolean;
  /** Twice the monthly rent and charges net of the benefit. */
  thresholdCents: number;
  /** The day the arrears reached the threshold (the day after the charge that made them due), or null. */
  constitutedOn: IsoDate | null;
  reportBy: IsoDate | null;
}

/**
 * When housing benefit is paid to the landlord, the non-payment is constituted once the
 * debt is at least twice the monthly rent and charges net of the benefit, and must be
 * reported to the paying body within two months (CCH L824-2 and the CAF's rules for
 * landlords). Walks the unpaid charges oldest first: the arrears are constituted the day
 * after the due date of the charge that brings them to the threshold.
 */
export function cafArrears(
  lease: { monthlyRentCents: number; monthlyChargesCents: number; housingBenefitToLandlord: boolean; housingBenefitCents: number | null },
  unpaid: ReadonlyArray<{ dueDate: IsoDate; outstandingCents: number }>,
): CafArrears {
  const net = Math.max(0, lease.monthlyRentCents + lease.monthlyChargesCents - (lease.housingBenefitCents ?? 0));
  const thresholdCents = Math.max(1, 2 * net);
  if (!lease.housingBenefitToLandlord) return { applies: false, thresholdCents, constitutedOn: null, reportBy: null };
  let owed = 0;
  for (const line of [...unpaid].sort((a, b) => compareDates(a.dueDate, b.dueDate))) {
    owed += line.outstandingCents;
    if (owed >= thresholdCents) {
      const constitutedOn = addDays(line.dueDate, 1);
      return { applies: true, thresholdCents, constitutedOn, reportBy: addMonths(constitutedOn, CAF_REPORT_MONTHS) };
    }
  }
  return { applies: true, thresholdCents, constitutedOn: null, reportBy: null };
}

// ── 4. GLI ───────────────────────────────────────────────────────────────────────────

/** A lease's rent-guarantee insurance contract, as far as its claim goes. */
export interface GliContract {
  insurer: string;
  /** Days after the first unpaid due date by which the claim must reach the insurer. */
  claimDeadlineDays: number;
  /** What the insurer wants with the claim. */
  documentsRequired: string[];
  /** The contract requires the claim whatever the landlord says: no approval is asked. */
  claimRegardless: boolean;
}

/** The claim file is ready this many days before the insurer's deadline, for the agent to send it. */
export const GLI_FILING_MARGIN_DAYS = 2;

export interface GliClaimSchedule {
  /** The insurer's deadline. */
  claimBy: IsoDate;
  /** The day (after the first unpaid due date) by which the claim file is prepared. */
  latestClaimOffset: number;
  /** When the landlord must approve: the day the approval is asked at the latest, so that the decision lands before `latestClaimOffset`. */
  askApprovalOffset?: number;
  /** The contract requires the claim regardless: the landlord's approval is not asked. */
  approvalWaived: boolean;
  /** The day a scenario's claim step runs at the latest: the approval's ask day, or the claim's. */
  latestStepOffset: number;
}

/**
 * When an insurer's claim must be prepared to meet the contract's deadline: two days before
 * it, and when the landlord approves, asked `approvalDays` before that (the landlord's
 * deadline to decide), so that even a decision on the last day leaves time to file.
 */
export function gliClaimSchedule(contract: GliContract, anchor: IsoDate, approvalDays: number | null): GliClaimSchedule {
  const latestClaimOffset = Math.max(0, contract.claimDeadlineDays - GLI_FILING_MARGIN_DAYS);
  const approvalWaived = contract.claimRegardless;
  const askApprovalOffset = approvalDays === null || approvalWaived ? undefined : Math.max(0, latestClaimOffset - approvalDays);
  return {
    claimBy: addDays(anchor, contract.claimDeadlineDays),
    latestClaimOffset,
    ...(askApprovalOffset !== undefined ? { askApprovalOffset } : {}),
    approvalWaived,
    latestStepOffset: askApprovalOffset ?? latestClaimOffset,
  };
}

// ── The obligations of one debt ──────────────────────────────────────────────────────

/** What the rules need to know of a debt, read fresh before each of the workflow's turns. */
export interface LegalFacts {
  /** The first unpaid due date the debt opened on. */
  anchor: IsoDate;
  /** The day the debt was opened. */
  openedOn: IsoDate;
  lease: {
    reference: string;
    kind: LeaseKind | string;
    signedOn: IsoDate;
    monthlyRentCents: number;
    monthlyChargesCents: number;
    housingBenefitToLandlord: boolean;
    housingBenefitCents: number | null;
    gli: GliContract | null;
  };
  landlord: { name: string; kind: PartyKind; familySci: boolean; professionalCreditor: boolean | null };
  tenants: string[];
  guarantors: Array<{ name: string; kind: PartyKind }>;
  /** The charges still owed and overdue, oldest first. */
  unpaid: Array<{ period: string; dueDate: IsoDate; outstandingCents: number }>;
  /** Each milestone's first date. */
  milestones: Partial<Record<LegalMilestone, IsoDate>>;
}

/** A deadline the law or a contract sets on a debt: the workflow opens its task on `triggerOn`, due on `dueOn`. */
export interface LegalObligation {
  /** Stable for the debt: one task per key. */
  key: string;
  rule: LegalRule;
  triggerOn: IsoDate;
  dueOn: IsoDate;
  title: string;
  body: string;
  source: string;
}

const owedOf = (facts: LegalFacts) => facts.unpaid.reduce((sum, line) => sum + line.outstandingCents, 0);
const later = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);

/**
 * The deadlines of a debt that nothing has met yet, each with the day its task is due to
 * appear: the same list for the workflow (which waits for each `triggerOn`), the debt's
 * legal calendar and the simulator. `approvalDays` is the landlord's delay to decide, when
 * the scenario's claim step needs their approval (null otherwise).
 */
export function legalObligations(facts: LegalFacts, approvalDays: number | null): LegalObligation[] {
  const obligations: LegalObligation[] = [];
  const m = facts.milestones;
  const owed = formatEuros(owedOf(facts));
  const statement = facts.unpaid.map((l) => `${l.period} (due ${l.dueDate}): ${formatEuros(l.outstandingCents)}`).join('\n');

  const natural = facts.guarantors.filter((g) => g.kind === 'NATURAL_PERSON');
  if (natural.length > 0 && isProfessionalCreditor(facts.landlord) && !m.GUARANTOR_INFORMED) {
    const { incidentOn, informBy } = guarantorIncidentDeadline(facts.anchor);
    obligations.push({
      key: 'guarantor-first-incident',
      rule: 'GUARANTOR_FIRST_INCIDENT',
      triggerOn: later(incidentOn, addDays(informBy, -GUARANTOR_TASK_DAYS_BEFORE)),
      dueOn: informBy,
      title: `Inform the guarantor of the first payment incident by ${informBy}`,
      body:
        `${natural.map((g) => g.name).join(', ')} must be told of the tenant's first payment incident (rent due ${facts.anchor}) ` +
        `by ${informBy}, with the amounts due: ${owed}.\n${statement}\nSource: ${LEGAL_SOURCES.GUARANTOR_FIRST_INCIDENT}. ` +
        'Record GUARANTOR_INFORMED once done.',
      source: LEGAL_SOURCES.GUARANTOR_FIRST_INCIDENT,
    });
  }

  const served = m.COMMANDEMENT_SERVED;
  const expiresOn = served ? commandementExpiresOn(facts.lease, served) : null;
  if (served && facts.guarantors.length > 0 && !m.COMMANDEMENT_SENT_TO_GUARANTOR) {
    const dueOn = addDays(served, GUARANTOR_COMMANDEMENT_DAYS);
    obligations.push({
      key: 'guarantor-commandement',
      rule: 'GUARANTOR_COMMANDEMENT',
      triggerOn: served,
      dueOn,
      title: `Have the commandement de payer served on the guarantor by ${dueOn}`,
      body:
        `The commandement served on the tenant on ${served} must reach ${facts.guarantors.map((g) => g.name).join(', ')} ` +
        `within ${GUARANTOR_COMMANDEMENT_DAYS} days, by ${dueOn}; otherwise the guarantor owes no penalties or late interest. ` +
        `Source: ${LEGAL_SOURCES.GUARANTOR_COMMANDEMENT}. Record COMMANDEMENT_SENT_TO_GUARANTOR once done.`,
      source: LEGAL_SOURCES.GUARANTOR_COMMANDEMENT,
    });
  }

  const mustRefer = ccapexRequired(facts.lease, facts.landlord);
  if (served && expiresOn) {
    const acquiredOn = addDays(expiresOn, 1);
    const assignation = earliestAssignation({
      required: mustRefer,
      referredOn: m.CCAPEX_REFERRED,
      commandementExpiresOn: expiresOn,
      commandementServed: true,
    });
    const delay = commandementDelay(facts.lease);
    obligations.push({
      key: 'commandement-expiry',
      rule: 'COMMANDEMENT_EXPIRY',
      triggerOn: acquiredOn,
      dueOn: acquiredOn,
      title: `The commandement's delay ran out on ${expiresOn}: decide what follows`,
      body:
        `The commandement de payer served on ${served} gave the tenant until ${expiresOn} (${delay.kind.toLowerCase().replace('_', ' ')}, ${delay.source}). ` +
        `Still owed: ${owed}. ` +
        (assignation.on
          ? `The earliest assignation: ${assignation.on}.`
          : `No assignation yet: it waits for ${assignation.waitingFor.join(' and ')}.`) +
        ` Evictions are suspended from 1 November to 31 March (${LEGAL_SOURCES.WINTER_TRUCE}).`,
      source: delay.source ?? LEGAL_SOURCES.DELAYS,
    });
  }

  const litigationFrom = [m.LITIGATION_FILE_PREPARED, served].filter((d): d is IsoDate => Boolean(d)).sort(compareDates)[0];
  if (mustRefer && litigationFrom && !m.CCAPEX_REFERRED) {
    obligations.push({
      key: 'ccapex-referral',
      rule: 'CCAPEX_REFERRAL',
      triggerOn: litigationFrom,
      dueOn: litigationFrom,
      title: 'Refer the debt to the CCAPEX before any assignation',
      body:
        `${facts.landlord.name} is a legal entity: no assignation may be served until ${CCAPEX_MONTHS} months after the referral ` +
        `to the département's CCAPEX. Refer now; the earliest assignation is two months after the day you record CCAPEX_REFERRED. ` +
        `Source: ${LEGAL_SOURCES.CCAPEX}.`,
      source: LEGAL_SOURCES.CCAPEX,
    });
  }

  const caf = cafArrears(facts.lease, facts.unpaid);
  if (caf.applies && caf.constitutedOn && caf.reportBy && !m.CAF_REPORTED) {
    obligations.push({
      key: 'caf-report',
      rule: 'CAF_REPORT',
      triggerOn: caf.constitutedOn,
      dueOn: caf.reportBy,
      title: `Report the non-payment to the CAF or MSA by ${caf.reportBy}`,
      body:
        `The housing benefit is paid to the landlord and the arrears reached ${formatEuros(caf.thresholdCents)} ` +
        `(twice the monthly rent and charges net of the benefit) on ${caf.constitutedOn}. Declaration:\n` +
        `Lease: ${facts.lease.reference}\nTenant(s): ${facts.tenants.join(', ')}\nLandlord: ${facts.landlord.name}\n` +
        `Monthly rent and charges: ${formatEuros(facts.lease.monthlyRentCents + facts.lease.monthlyChargesCents)}; ` +
        `benefit: ${formatEuros(facts.lease.housingBenefitCents ?? 0)}\nUnpaid since ${facts.anchor}: ${owed}\n${statement}\n` +
        `Source: ${LEGAL_SOURCES.CAF_REPORT}. Record CAF_REPORTED once declared.`,
      source: LEGAL_SOURCES.CAF_REPORT,
    });
  }

  const gli = facts.lease.gli;
  if (gli && !m.INSURER_CLAIM_FILED && !m.INSURER_CLAIM_PREPARED) {
    const schedule = gliClaimSchedule(gli, facts.anchor, approvalDays);
    const documents = gli.documentsRequired.length > 0 ? ` Documents: ${gli.documentsRequired.join(', ')}.` : '';
    const lastFeasible = addDays(facts.anchor, schedule.latestStepOffset);
    if (compareDates(facts.openedOn, lastFeasible) > 0) {
      const passed = compareDates(facts.openedOn, schedule.claimBy) > 0;
      obligations.push({
        key: 'gli-claim-infeasible',
        rule: 'GLI_CLAIM',
        triggerOn: facts.openedOn,
        dueOn: passed ? facts.openedOn : schedule.claimBy,
        title: passed
          ? `GLI claim deadline passed on ${schedule.claimBy}: contact ${gli.insurer} now`
          : `GLI claim due by ${schedule.claimBy}: file it with ${gli.insurer} now`,
        body:
          `The debt opened on ${facts.openedOn}, too late for the scenario to ` +
          (schedule.askApprovalOffset !== undefined ? `ask the landlord's approval (by ${lastFeasible}) and ` : '') +
          `prepare the claim in time for ${gli.insurer}'s deadline of ${gli.claimDeadlineDays} days (${schedule.claimBy}). ` +
          `Still owed: ${owed}.${documents} Source: ${LEGAL_SOURCES.GLI_CONTRACT}. Record INSURER_CLAIM_FILED once sent.`,
        source: LEGAL_SOURCES.GLI_CONTRACT,
      });
    } else {
      const checkOn = addDays(facts.anchor, schedule.latestClaimOffset);
      obligations.push({
        key: 'gli-claim-at-risk',
        rule: 'GLI_CLAIM',
        triggerOn: checkOn,
        dueOn: schedule.claimBy,
        title: `GLI claim not prepared: ${gli.insurer}'s deadline is ${schedule.claimBy}`,
        body:
          `The claim to ${gli.insurer} is due by ${schedule.claimBy} (${gli.claimDeadlineDays} days after ${facts.anchor}) and its file is not prepared ` +
          '(the landlord has not approved it, or the scenario has no claim step). ' +
          `Still owed: ${owed}.${documents} Source: ${LEGAL_SOURCES.GLI_CONTRACT}. Record INSURER_CLAIM_FILED once sent.`,
        source: LEGAL_SOURCES.GLI_CONTRACT,
      });
    }
  }

  const prescription = prescriptionOf(facts.lease.kind);
  for (const line of facts.unpaid) {
    if (line.outstandingCents <= 0) continue;
    const on = prescribesOn(line.dueDate, prescription.years);
    obligations.push({
      key: `prescription:${line.period}:${line.dueDate}`,
      rule: 'PRESCRIPTION',
      triggerOn: addDays(on, -PRESCRIPTION_WARNING_DAYS),
      dueOn: addDays(on, -1),
      title: `${formatEuros(line.outstandingCents)} due ${line.dueDate} prescribes on ${on}`,
      body:
        `The sum of ${line.period} can no longer be claimed from ${on} (${prescription.years} years after it fell due). ` +
        `Only a court action, a commandement or the tenant's acknowledgement stops the clock. Source: ${prescription.source}.`,
      source: prescription.source,
    });
  }
  return obligations;
}

/** The hour (Paris) at which an obligation's task opens on its day: the hour steps run (src/domain/dunning-plan.ts STEP_HOUR). */
export const LEGAL_TASK_HOUR = STEP_HOUR;

/**
 * Where the workflow stands with these obligations at `now`: those whose task opens by now
 * (their day, at {@link LEGAL_TASK_HOUR}) and is not open yet, and the next instant another will.
 */
export function legalAgenda(
  obligations: readonly LegalObligation[],
  now: Date,
  opened: readonly string[],
): { due: LegalObligation[]; nextAt?: Date } {
  const waiting = obligations.filter((o) => !opened.includes(o.key)).map((o) => ({ o, at: parisTime(o.triggerOn, LEGAL_TASK_HOUR) }));
  const later = waiting.filter((w) => w.at > now).sort((a, b) => a.at.getTime() - b.at.getTime());
  return { due: waiting.filter((w) => w.at <= now).map((w) => w.o), ...(later.length > 0 ? { nextAt: later[0].at } : {}) };
}

// ── The debt's legal calendar ────────────────────────────────────────────────────────

/** Every legal date of a debt as of `today`, for the debt's file, the litigation file and the extranet. */
export interface LegalCalendar {
  asOf: IsoDate;
  winterTruce: ReturnType<typeof winterTruce>;
  commandement: {
    delay: CommandementDelay['kind'];
    source: string | null;
    servedOn: IsoDate | null;
    /** The last day the tenant may pay after it. */
    expiresOn: IsoDate | null;
    /** The guarantor's copy is due by then (loi 89-462 art. 24). */
    guarantorCopyBy: IsoDate | null;
    guarantorCopyOn: IsoDate | null;
  };
  assignation: { earliestOn: IsoDate | null; waitingFor: string[]; ccapexRequired: boolean; ccapexReferredOn: IsoDate | null };
  guarantor: { informRequired: boolean; informBy: IsoDate | null; informedOn: IsoDate | null };
  caf: CafArrears & { reportedOn: IsoDate | null };
  gli:
    | (GliClaimSchedule & {
        insurer: string;
        documentsRequired: string[];
        askApprovalBy: IsoDate | null;
        latestClaimOn: IsoDate;
        /** The scenario can still meet the deadline. */
        feasible: boolean;
        preparedOn: IsoDate | null;
        filedOn: IsoDate | null;
      })
    | null;
  prescription: PrescriptionWarning[];
  /** The deadlines not met yet, soonest first. */
  deadlines: LegalObligation[];
  /** What needs attention now, each naming its source. */
  warnings: string[];
}

/** A debt's legal calendar: the same rules the workflow keeps, read at `today`. */
export function legalCalendar(facts: LegalFacts, today: IsoDate, approvalDays: number | null): LegalCalendar {
  const m = facts.milestones;
  const delay = commandementDelay(facts.lease);
  const servedOn = m.COMMANDEMENT_SERVED ?? null;
  const expiresOn = servedOn ? commandementExpiresOn(facts.lease, servedOn) : null;
  const required = ccapexRequired(facts.lease, facts.landlord);
  const assignation = earliestAssignation({
    required,
    referredOn: m.CCAPEX_REFERRED,
    commandementExpiresOn: expiresOn,
    commandementServed: Boolean(servedOn),
  });
  const informRequired = isProfessionalCreditor(facts.landlord) && facts.guarantors.some((g) => g.kind === 'NATURAL_PERSON');
  const caf = cafArrears(facts.lease, facts.unpaid);
  const contract = facts.lease.gli;
  const schedule = contract ? gliClaimSchedule(contract, facts.anchor, approvalDays) : null;
  const gli =
    contract && schedule
      ? {
          ...schedule,
          insurer: contract.insurer,
          documentsRequired: contract.documentsRequired,
          askApprovalBy: schedule.askApprovalOffset !== undefined ? addDays(facts.anchor, schedule.askApprovalOffset) : null,
          latestClaimOn: addDays(facts.anchor, schedule.latestClaimOffset),
          feasible: compareDates(facts.openedOn, addDays(facts.anchor, schedule.latestStepOffset)) <= 0,
          preparedOn: m.INSURER_CLAIM_PREPARED ?? null,
          filedOn: m.INSURER_CLAIM_FILED ?? null,
        }
      : null;
  const prescribing = prescriptionOf(facts.lease.kind);
  const prescription = prescriptionWarnings(facts.unpaid, today, PRESCRIPTION_WARNING_DAYS, prescribing.years);
  const deadlines = legalObligations(facts, approvalDays).sort(
    (a, b) => compareDates(a.dueOn, b.dueOn) || compareDates(a.triggerOn, b.triggerOn),
  );

  const warnings: string[] = [];
  const truce = winterTruce(today);
  if (truce.active)
    warnings.push(`Winter truce until ${truce.endsOn}: no eviction may be carried out; recovery goes on (${truce.source}).`);
  for (const d of deadlines) {
    if (d.rule === 'PRESCRIPTION' || compareDates(d.triggerOn, today) > 0) continue;
    warnings.push(`${compareDates(d.dueOn, today) < 0 ? 'Overdue since' : 'Due by'} ${d.dueOn}: ${d.title} (${d.source}).`);
  }
  for (const p of prescription) {
    warnings.push(
      p.daysLeft <= 0
        ? `${formatEuros(p.outstandingCents)} of ${p.period} prescribed on ${p.prescribesOn} (${prescribing.source}).`
        : `${formatEuros(p.outstandingCents)} of ${p.period} prescribes on ${p.prescribesOn}, in ${p.daysLeft} days (${prescribing.source}).`,
    );
  }
  return {
    asOf: today,
    winterTruce: truce,
    commandement: {
      delay: delay.kind,
      source: delay.source,
      servedOn,
      expiresOn,
      guarantorCopyBy: servedOn && facts.guarantors.length > 0 ? addDays(servedOn, GUARANTOR_COMMANDEMENT_DAYS) : null,
      guarantorCopyOn: m.COMMANDEMENT_SENT_TO_GUARANTOR ?? null,
    },
    assignation: {
      earliestOn: assignation.on,
      waitingFor: assignation.waitingFor,
      ccapexRequired: required,
      ccapexReferredOn: m.CCAPEX_REFERRED ?? null,
    },
    guarantor: {
      informRequired,
      informBy: informRequired ? guarantorIncidentDeadline(facts.anchor).informBy : null,
      informedOn: m.GUARANTOR_INFORMED ?? null,
    },
    caf: { ...caf, reportedOn: m.CAF_REPORTED ?? null },
    gli,
    prescription,
    deadlines,
    warnings,
  };
}
