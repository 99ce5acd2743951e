import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../domain/calendar-date';
import type { Installment } from '../domain/payment-plan';
import type { TenantProfile } from '../domain/scenario';
import { worstProfile } from '../domain/scenario-assignment';
import { legalCalendar } from '../domain/legal-rules';
import { loadLeaseLedger } from '../ledger/lease-ledger';
import { loadDebtLegalFacts } from './debt-legal-facts.repository';
import type { DebtLetterFacts, Party } from '../messaging/templates/letter-context';
import type { MessageZone } from '../messaging/templates/message-zones';
import type { TemplateLocale } from '../messaging/templates/template-kinds';

// The SQL reads the debt's tables (and its lease's), so it lives with the debt feature;
// the templates and the outbox, below it, are handed the facts.

const joinLine = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(', ');
const postalLines = (r: Record<string, string | null>) =>
  [r.address_line1, r.address_line2, joinLine(`${r.postal_code ?? ''} ${r.city ?? ''}`.trim())].filter(
    (l): l is string => !!l && l.trim() !== '',
  );
const personName = (r: Record<string, string | null>) => r.company_name || [r.first_name, r.last_name].filter(Boolean).join(' ');

/**
 * Reads a debt's facts as of a date (the send's date in Paris), inside the caller's
 * transaction or not: its lease, unit, landlord, tenants and guarantors, the agency, the
 * unpaid statement, and the free-text zones set for its coming steps.
 */
export async function loadDebtLetterFacts(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  debtId: string,
  asOf: IsoDate,
  plan: Installment[] = [],
): Promise<DebtLetterFacts> {
  const facts = await findDebtLetterFacts(db, workspaceId, debtId, asOf, plan);
  if (!facts) throw new Error(`debt ${debtId} does not exist in workspace ${workspaceId}`);
  return facts;
}

/** As {@link loadDebtLetterFacts}; undefined when the workspace has no such debt. */
export async function findDebtLetterFacts(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  debtId: string,
  asOf: IsoDate,
  plan: Installment[] = [],
): Promise<DebtLetterFacts | undefined> {
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
  if (!row) return undefined;
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
      period: c.charge.period,
      dueDate: c.charge.dueDate,
      rentCents: c.outstandingRentCents,
      chargesCents: c.outstandingChargesCents,
      feeCents: c.outstandingFeeCents,
    }));
  // The legal calendar a litigation file states, from the same ledger (no second read of it).
  const legalFacts = await loadDebtLegalFacts(db, workspaceId, debtId, asOf, async () => [ledger]);
  const zones: Array<{ step_key: string; zones: MessageZone[] }> = await db.query(
    'SELECT step_key, zones FROM debt_message_zone WHERE workspace_id = $1 AND debt_id = $2',
    [workspaceId, debtId],
  );
  return {
    workspaceId,
    debtId,
    // The insurer claim's approval delay is no letter's concern: the calendar is read without it.
    legal: legalFacts ? legalCalendar(legalFacts, asOf, null) : null,
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
    stepZones: Object.fromEntries(zones.map((z) => [z.step_key, z.zones])),
  };
}
