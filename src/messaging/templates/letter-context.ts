import type { EntityManager } from 'typeorm';
import { daysBetween, IsoDate } from '../domain/calendar-date';
import { formatEuros } from '../domain/money';
import type { Installment } from '../domain/payment-plan';
import { LeaseKind, RESIDENTIAL_LEASE_KINDS, type TenantProfile } from '../domain/scenario';
import { worstProfile } from '../domain/scenario-assignment';
import { loadLeaseLedger } from '../ledger/lease-ledger';
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
export const FEE_LINE_LABEL: Record<TemplateLocale, string> = { fr: 'Frais de retard prévus au bail', en: 'Late-payment fee provided by the lease' };

/** A lease under loi 89-462 (housing, furnished or not): its letters cite that law, never a fee. */
export function isResidentialLease(kind: string): boolean {
  return RESIDENTIAL_LEASE_KINDS.includes(kind as LeaseKind);
}

/** Everything a debt's messages and letters are made of, read in one place. */
export interface DebtLetterFacts {
  workspaceId: string;
  debtId: string;
  leaseId: string;
  leaseReference: string;
  leaseSignedOn: IsoDate;
  leaseKind: string;
  lateFeeCents: number | null;
  asOf: IsoDate;
  agency: { name: string; legalName: string | null; postal: string[]; city: string | null; phone: string | null; email: string | null; iban: string | null; paymentInstructions: string | null };
  landlord: Party;
  tenants: Party[];
  guarantors: Party[];
  unitAddress: string;
  statement: StatementLine[];
  oldestDueDate: IsoDate | null;
  plan: Installment[];
  /** The worst profile among the tenants: the tone letters take. */
  profile: TenantProfile;
}

/** Leases signed from this date get 6 weeks after a commandement de payer, older ones 2 months (loi 2023-668; Cass. avis 13 juin 2024). */
export const SIX_WEEKS_FROM: IsoDate = '2023-07-29';

const joinLine = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(', ');
const postalLines = (r: Record<string, string | null>) =>
  [r.address_line1, r.address_line2, joinLine(`${r.postal_code ?? ''} ${r.city ?? ''}`.trim())].filter((l): l is string => !!l && l.trim() !== '');
const personName = (r: Record<string, string | null>) => r.company_name || [r.first_name, r.last_name].filter(Boolean).join(' ');

/** Reads a debt's facts as of a date (the send's date in Paris), inside the caller's transaction or not. */
export async function loadDebtLetterFacts(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  debtId: string,
  asOf: IsoDate,
  plan: Installment[] = [],
): Promise<DebtLetterFacts> {
  const [row] = await db.query(
    `SELECT d.lease_id, l.reference, to_char(l.signed_on, 'YYYY-MM-DD') AS signed_on, l.kind, l.late_fee_cents,
            u.label AS unit_label, p.address_line1 AS p_line1, p.address_line2 AS p_line2, p.postal_code AS p_postal, p.city AS p_city,
            w.name AS w_name, w.legal_name AS w_legal, w.address_line1 AS w_line1, w.address_line2 AS w_line2, w.postal_code AS w_postal,
            w.city AS w_city, w.phone AS w_phone, w.email AS w_email, w.iban AS w_iban, w.payment_instructions AS w_instructions,
            ll.kind AS ll_kind, ll.first_name AS ll_first, ll.last_name AS ll_last, ll.company_name AS ll_company, ll.email AS ll_email,
            ll.phone AS ll_phone, ll.address_line1 AS ll_line1, ll.address_line2 AS ll_line2, ll.postal_code AS ll_postal, ll.city AS ll_city
     FROM debt d
     JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
     JOIN unit u ON u.workspace_id = l.workspace_id AND u.id = l.unit_id
     JOIN property p ON p.workspace_id = u.workspace_id AND p.id = u.property_id
     JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
     JOIN workspace w ON w.id = d.workspace_id
     WHERE d.workspace_id = $1 AND d.id = $2`,
    [workspaceId, debtId],
  );
  if (!row) throw new Error(`debt ${debtId} does not exist in workspace ${workspaceId}`);
  const unitPostal = postalLines({ address_line1: row.p_line1, address_line2: row.p_line2, postal_code: row.p_postal, city: row.p_city });
  const parties = async (table: 'tenant' | 'guarantor'): Promise<Party[]> => {
    const rows: Array<Record<string, string | null>> = await db.query(
      `SELECT x.first_name, x.last_name, ${table === 'guarantor' ? 'x.company_name' : 'NULL AS company_name'}, x.email, x.phone,
              x.address_line1, x.address_line2, x.postal_code, x.city,
              ${table === 'tenant' ? `x.locale, x.consent_email::text AS consent_email, x.consent_sms::text AS consent_sms, COALESCE(x.profile_override, x.profile) AS profile` : `'fr' AS locale, 'true' AS consent_email, 'false' AS consent_sms, NULL AS profile`}
       FROM lease_${table} lx JOIN ${table} x ON x.workspace_id = lx.workspace_id AND x.id = lx.${table}_id
       WHERE lx.workspace_id = $1 AND lx.lease_id = $2 ORDER BY x.last_name, x.first_name, x.id`,
      [workspaceId, row.lease_id],
    );
    return rows.map((r) => {
      const own = postalLines(r);
      return {
        kind: table === 'tenant' ? 'TENANT' : 'GUARANTOR',
        name: personName(r),
        email: r.email,
        phone: r.phone,
        // A tenant without an address of their own lives in the let unit.
        postal: own.length > 0 ? own : table === 'tenant' ? [`${row.unit_label}, ${unitPostal[0] ?? ''}`, ...unitPostal.slice(1)] : [],
        locale: (r.locale === 'en' ? 'en' : 'fr') as TemplateLocale,
        consentEmail: r.consent_email === 'true',
        consentSms: r.consent_sms === 'true',
        profile: (r.profile ?? 'UNKNOWN') as TenantProfile,
      };
    });
  };
  // One after the other: inside a transaction the three share one connection.
  const tenants = await parties('tenant');
  const guarantors = await parties('guarantor');
  const ledger = await loadLeaseLedger(db, workspaceId, row.lease_id);
  const statement = ledger.charges
    .filter((c) => c.outstandingCents > 0 && c.charge.dueDate <= asOf)
    .map((c) => ({
      period: c.charge.period, dueDate: c.charge.dueDate,
      rentCents: c.outstandingRentCents, chargesCents: c.outstandingChargesCents, feeCents: c.outstandingFeeCents,
    }));
  return {
    workspaceId,
    debtId,
    leaseId: row.lease_id,
    leaseReference: row.reference,
    leaseSignedOn: row.signed_on,
    leaseKind: row.kind,
    lateFeeCents: row.late_fee_cents,
    asOf,
    agency: {
      name: row.w_name,
      legalName: row.w_legal,
      postal: postalLines({ address_line1: row.w_line1, address_line2: row.w_line2, postal_code: row.w_postal, city: row.w_city }),
      city: row.w_city,
      phone: row.w_phone,
      email: row.w_email,
      iban: row.w_iban,
      paymentInstructions: row.w_instructions,
    },
    landlord: {
      kind: 'LANDLORD',
      name: personName({ company_name: row.ll_company, first_name: row.ll_first, last_name: row.ll_last }),
      email: row.ll_email,
      phone: row.ll_phone,
      postal: postalLines({ address_line1: row.ll_line1, address_line2: row.ll_line2, postal_code: row.ll_postal, city: row.ll_city }),
      locale: 'fr',
      consentEmail: true,
      consentSms: false,
      profile: 'UNKNOWN',
    },
    tenants,
    guarantors,
    unitAddress: joinLine(row.unit_label, ...unitPostal),
    statement,
    oldestDueDate: statement[0]?.dueDate ?? null,
    plan,
    profile: worstProfile(tenants.map((t) => t.profile)),
  };
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

/**
 * The resolution clause's delay after a commandement de payer: for a residential lease by
 * its date (loi 89-462 art. 24 as amended by loi 2023-668), one month for a commercial
 * lease (C. com. L145-41), the lease's own clause otherwise.
 */
function resolutionDelay(facts: DebtLetterFacts, locale: TemplateLocale): string {
  const fr = locale === 'fr';
  if (facts.leaseKind === 'COMMERCIAL') return fr ? 'un mois' : 'one month';
  if (!isResidentialLease(facts.leaseKind)) return fr ? 'celui prévu au bail' : 'as the lease provides';
  const sixWeeks = facts.leaseSignedOn >= SIX_WEEKS_FROM;
  return fr ? (sixWeeks ? 'six semaines' : 'deux mois') : sixWeeks ? 'six weeks' : 'two months';
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
      total: formatEuros(rent + charges + fees), rent: formatEuros(rent), charges: formatEuros(charges), fees: formatEuros(fees),
      hasFees: fees > 0, totalCents: String(rent + charges + fees),
    },
    oldestDueDate: facts.oldestDueDate ? spellDate(facts.oldestDueDate, locale) : '',
    daysLate: String(facts.oldestDueDate ? Math.max(0, daysBetween(facts.oldestDueDate, facts.asOf)) : 0),
    lease: {
      reference: facts.leaseReference, signedOn: spellDate(facts.leaseSignedOn, locale),
      residential: isResidentialLease(facts.leaseKind), commercial: facts.leaseKind === 'COMMERCIAL',
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
