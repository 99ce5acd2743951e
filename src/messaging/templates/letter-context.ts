import { daysBetween, IsoDate } from '../../domain/calendar-date';
import { CommandementDelay, commandementDelay, LegalCalendar } from '../../domain/legal-rules';
import { formatEuros } from '../../domain/money';
import type { Installment } from '../../domain/payment-plan';
import { LeaseKind, RESIDENTIAL_LEASE_KINDS, type TenantProfile } from '../../domain/scenario';
import type { MessageZone } from './message-zones';
import type { TemplateLocale } from './template-kinds';

/** A person a message can reach, with what the tenant file says about how. */
export interface Party {
  kind: 'TENANT' | 'GUARANTOR' | 'LANDLORD';
  name: string;
  email: string | null;
  phone: string | null;
  /** Postal address lines, empty when none is known. */
  postal: string[];
  locale: TemplateLocale;
  consentEmail: boolean;
  consentSms: boolean;
  /** A tenant's payment profile (its tone of voice); UNKNOWN for others. */
  profile: TenantProfile;
}

/** One unpaid period, for a letter's statement table; or a late-payment fee, on its own line (rent and charges 0). */
export interface StatementLine {
  period: string;
  dueDate: IsoDate;
  rentCents: number;
  chargesCents: number;
  /** A late-payment fee still owed: never shown as rent. */
  feeCents: number;
}

/** How letters name a late-payment fee's line (a FEE charge of a commercial or other lease). */
export const FEE_LINE_LABEL: Record<TemplateLocale, string> = {
  fr: 'Frais de retard prévus au bail',
  en: 'Late-payment fee provided by the lease',
};

/** A lease under loi 89-462 (housing, furnished or not): its letters cite that law, never a fee. */
export function isResidentialLease(kind: string): boolean {
  return RESIDENTIAL_LEASE_KINDS.includes(kind as LeaseKind);
}

/**
 * Everything a debt's messages and letters are made of, read in one place — by the debt
 * feature, which owns these tables (see src/debt/debt-letter-facts.repository.ts), and given
 * to the templates and the outbox: messaging reads no debt, lease or party itself.
 */
export interface DebtLetterFacts {
  workspaceId: string;
  debtId: string;
  leaseId: string;
  leaseReference: string;
  leaseSignedOn: IsoDate;
  leaseKind: string;
  lateFeeCents: number | null;
  asOf: IsoDate;
  agency: {
    name: string;
    legalName: string | null;
    postal: string[];
    city: string | null;
    phone: string | null;
    email: string | null;
    iban: string | null;
    paymentInstructions: string | null;
  };
  landlord: Party;
  tenants: Party[];
  guarantors: Party[];
  unitAddress: string;
  statement: StatementLine[];
  oldestDueDate: IsoDate | null;
  plan: Installment[];
  /** The worst profile among the tenants: the tone letters take. */
  profile: TenantProfile;
  /** The free-text zones an agent set for the debt's coming steps, by step key: what a step's send renders. */
  stepZones?: Record<string, MessageZone[]>;
  /** The debt's legal calendar as of `asOf` (src/domain/legal-rules.ts), for the litigation file; absent when nothing is overdue. */
  legal?: Pick<LegalCalendar, 'winterTruce' | 'commandement' | 'assignation' | 'prescription'> | null;
}

const MONTHS: Record<TemplateLocale, string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "5 octobre 2026" / "5 October 2026": spelled by hand so the output never depends on the machine's ICU data. */
export function spellDate(date: IsoDate, locale: TemplateLocale): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[locale][month - 1]} ${year}`;
}

export function spellPeriod(period: string, locale: TemplateLocale): string {
  const [year, month] = period.split('-').map(Number);
  return `${MONTHS[locale][month - 1]} ${year}`;
}

const sum = (lines: StatementLine[], pick: (l: StatementLine) => number) => lines.reduce((total, l) => total + pick(l), 0);

/** What a statement line owes in all: rent, charges and fee. */
export const lineTotal = (l: StatementLine) => l.rentCents + l.chargesCents + l.feeCents;

const DELAY_WORDS: Record<CommandementDelay['kind'], Record<TemplateLocale, string>> = {
  SIX_WEEKS: { fr: 'six semaines', en: 'six weeks' },
  TWO_MONTHS: { fr: 'deux mois', en: 'two months' },
  ONE_MONTH: { fr: 'un mois', en: 'one month' },
  LEASE_CLAUSE: { fr: 'celui prévu au bail', en: 'as the lease provides' },
};

/** The resolution clause's delay after a commandement de payer, in words: the rule is `commandementDelay` (src/domain/legal-rules.ts). */
function resolutionDelay(facts: DebtLetterFacts, locale: TemplateLocale): string {
  return DELAY_WORDS[commandementDelay({ kind: facts.leaseKind, signedOn: facts.leaseSignedOn }).kind][locale];
}

/**
 * The legal dates a litigation file states, in words (docs/compliance.md, "Where the dates
 * are shown"): the commandement and its delay, the earliest assignation and what it waits
 * for (the CCAPEX referral for a legal-entity landlord), the winter truce, and the sums close
 * to prescription. Empty strings when the debt has no legal calendar.
 */
function legalWords(facts: DebtLetterFacts, locale: TemplateLocale): Record<string, string> {
  const legal = facts.legal;
  if (!legal) return { commandement: '', assignation: '', ccapex: '', winterTruce: '', prescription: '' };
  const say = (fr: string, en: string) => (locale === 'fr' ? fr : en);
  const d = (date: IsoDate) => spellDate(date, locale);
  const { commandement, assignation, winterTruce, prescription } = legal;
  const delay = resolutionDelay(facts, locale);
  const waiting = [
    ...(commandement.servedOn ? [] : [say('la signification du commandement de payer', 'the commandement de payer to be served')]),
    ...(assignation.ccapexRequired && !assignation.ccapexReferredOn ? [say('la saisine de la CCAPEX', 'the referral to the CCAPEX')] : []),
  ];
  const served = commandement.servedOn;
  const expires = commandement.expiresOn;
  const referred = assignation.ccapexReferredOn;
  return {
    commandement: !served
      ? say(
          `Commandement de payer non signifié à ce jour ; délai après signification : ${delay}.`,
          `No commandement de payer served yet; delay once served: ${delay}.`,
        )
      : expires
        ? say(
            `Commandement de payer signifié le ${d(served)} ; délai pour payer (${delay}) jusqu’au ${d(expires)} inclus.`,
            `Commandement de payer served on ${d(served)}; time to pay (${delay}) until ${d(expires)} included.`,
          )
        : say(
            `Commandement de payer signifié le ${d(served)} ; délai : ${delay}.`,
            `Commandement de payer served on ${d(served)}; delay: ${delay}.`,
          ),
    assignation: assignation.earliestOn
      ? say(`Assignation possible à partir du ${d(assignation.earliestOn)}.`, `Assignation possible from ${d(assignation.earliestOn)}.`)
      : say(`Assignation : en attente de ${waiting.join(' et de ')}.`, `Assignation: waiting for ${waiting.join(' and ')}.`),
    ccapex: !assignation.ccapexRequired
      ? ''
      : referred
        ? say(`CCAPEX saisie le ${d(referred)} (loi 89-462 art. 24 II).`, `CCAPEX referred on ${d(referred)} (loi 89-462 art. 24 II).`)
        : say(
            'Saisine de la CCAPEX requise au moins deux mois avant l’assignation (loi 89-462 art. 24 II) : à faire.',
            'Referral to the CCAPEX required at least two months before the assignation (loi 89-462 art. 24 II): to do.',
          ),
    winterTruce: winterTruce.active
      ? say(
          `Trêve hivernale en cours jusqu’au ${d(winterTruce.endsOn)} (CPCE L412-6) : aucune expulsion ne peut être exécutée ; la procédure se poursuit.`,
          `Winter truce until ${d(winterTruce.endsOn)} (CPCE L412-6): no eviction may be carried out; the procedure goes on.`,
        )
      : say(
          `Prochaine trêve hivernale du ${d(winterTruce.startsOn)} au ${d(winterTruce.endsOn)} (CPCE L412-6) : aucune expulsion pendant cette période.`,
          `Next winter truce from ${d(winterTruce.startsOn)} to ${d(winterTruce.endsOn)} (CPCE L412-6): no eviction during that time.`,
        ),
    prescription: prescription
      .map((p) => {
        const sum = formatEuros(p.outstandingCents);
        const period = spellPeriod(p.period, locale);
        return p.daysLeft <= 0
          ? say(
              `${sum} de ${period} prescrits depuis le ${d(p.prescribesOn)}.`,
              `${sum} of ${period} prescribed since ${d(p.prescribesOn)}.`,
            )
          : say(`${sum} de ${period} se prescrivent le ${d(p.prescribesOn)}.`, `${sum} of ${period} prescribe on ${d(p.prescribesOn)}.`);
      })
      .join(' '),
  };
}

/** The variables of `template-variables.ts`, filled from a debt's facts, in the reader's language. */
export function templateContext(facts: DebtLetterFacts, locale: TemplateLocale): Record<string, unknown> {
  const rent = sum(facts.statement, (l) => l.rentCents);
  const charges = sum(facts.statement, (l) => l.chargesCents);
  const fees = sum(facts.statement, (l) => l.feeCents);
  const first = facts.tenants[0];
  const [firstName, ...rest] = (first?.name ?? '').split(' ');
  const and = locale === 'fr' ? ' et ' : ' and ';
  return {
    today: spellDate(facts.asOf, locale),
    place: facts.agency.city ?? '',
    tenant: {
      fullName: facts.tenants.map((t) => t.name).join(and) || (locale === 'fr' ? 'Madame, Monsieur' : 'Sir or Madam'),
      firstName: firstName ?? '',
      lastName: rest.join(' '),
      address: first ? first.postal.join(', ') : facts.unitAddress,
    },
    balance: {
      total: formatEuros(rent + charges + fees),
      rent: formatEuros(rent),
      charges: formatEuros(charges),
      fees: formatEuros(fees),
      hasFees: fees > 0,
      totalCents: String(rent + charges + fees),
    },
    oldestDueDate: facts.oldestDueDate ? spellDate(facts.oldestDueDate, locale) : '',
    daysLate: String(facts.oldestDueDate ? Math.max(0, daysBetween(facts.oldestDueDate, facts.asOf)) : 0),
    lease: {
      reference: facts.leaseReference,
      signedOn: spellDate(facts.leaseSignedOn, locale),
      residential: isResidentialLease(facts.leaseKind),
      commercial: facts.leaseKind === 'COMMERCIAL',
    },
    unit: { address: facts.unitAddress },
    landlord: { name: facts.landlord.name },
    agency: {
      name: facts.agency.name,
      address: facts.agency.postal.join(', '),
      phone: facts.agency.phone ?? '',
      email: facts.agency.email ?? '',
    },
    payment: { instructions: facts.agency.paymentInstructions ?? '', iban: facts.agency.iban ?? '' },
    formalNotice: { resolutionDelay: resolutionDelay(facts, locale) },
    legal: legalWords(facts, locale),
    periodsDue: facts.statement.map((l) => ({
      label: l.feeCents > 0 ? FEE_LINE_LABEL[locale] : spellPeriod(l.period, locale),
      dueDate: spellDate(l.dueDate, locale),
      rent: formatEuros(l.rentCents),
      charges: formatEuros(l.chargesCents),
      fees: formatEuros(l.feeCents),
      total: formatEuros(lineTotal(l)),
    })),
    plan: {
      count: String(facts.plan.length),
      installments: facts.plan.map((i) => ({ dueDate: spellDate(i.dueDate, locale), amount: formatEuros(i.amountCents) })),
    },
  };
}
