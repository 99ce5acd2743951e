import { compareDates, IsoDate } from './calendar-date';
import { AllocationResult, chargeTotal, ChargeStatus, LedgerCredit, receiptType } from './ledger';
import { Cents, sumCents } from './money';

/**
 * The documents a tenant is owed as money comes in (loi 89-462 art. 21): a quittance for
 * each period of rent and charges paid in full, a reçu (receipt) for a payment that leaves
 * a period partly paid, both free of charge; and, where the workspace chooses so, the rent
 * notice (avis d'échéance) of each new rent call. Pure rules over the allocated ledger
 * (src/domain/ledger.ts): the ledger's transaction asks them what is owed, the receipts
 * feature renders and sends it.
 *
 * Sources: loi n° 89-462 du 6 juillet 1989, art. 21 — « Le bailleur ou son mandataire est
 * tenu de transmettre gratuitement une quittance au locataire qui en fait la demande. La
 * quittance porte le détail des sommes versées par le locataire en distinguant le loyer et
 * les charges. […] Si le locataire effectue un paiement partiel, le bailleur est tenu de
 * délivrer un reçu. » — and « Avec l'accord exprès du locataire, le bailleur peut procéder à
 * la transmission dématérialisée de la quittance. »
 */

export const TENANT_DOCUMENT_KINDS = ['QUITTANCE', 'RECU', 'RENT_NOTICE'] as const;
export type TenantDocumentKind = (typeof TENANT_DOCUMENT_KINDS)[number];

/**
 * What the workspace does with the documents once made: keep them (downloadable), also
 * e-mail them to tenants who agreed, put them in the print queue to post, or go by the
 * tenant's channel (e-mail where they agreed, the post otherwise).
 */
export const RECEIPT_DELIVERIES = ['ARCHIVE', 'EMAIL', 'POST', 'TENANT_CHANNEL'] as const;
export type ReceiptDelivery = (typeof RECEIPT_DELIVERIES)[number];

/** A payment or a credit note of the ledger, with its kind: only a payment earns a reçu. */
export interface ReceiptCredit extends LedgerCredit {
  kind: 'PAYMENT' | 'CREDIT_NOTE';
}

/** One part of a payment, applied to one period. */
export interface ReceiptPart {
  chargeId: string;
  period: string;
  dueDate: IsoDate;
  rentCents: Cents;
  chargesCents: Cents;
  feeCents: Cents;
  /** The period is paid in full now (it has, or gets, its own quittance). */
  settled: boolean;
}

/** A quittance: one rent call's period paid in full, rent and charges told apart. */
export interface QuittanceDue {
  kind: 'QUITTANCE';
  /** Unique per workspace: a period gets one quittance, however often its ledger is recomputed. */
  key: string;
  chargeId: string;
  period: string;
  dueDate: IsoDate;
  rentCents: Cents;
  chargesCents: Cents;
  /** The day the last money settling it came in. */
  paidOn: IsoDate;
}

/** A reçu: one payment that leaves a period partly paid (or is money in advance). */
export interface RecuDue {
  kind: 'RECU';
  key: string;
  paymentId: string;
  paidOn: IsoDate;
  amountCents: Cents;
  parts: ReceiptPart[];
  /** Money of the payment matched to no charge yet (an advance). */
  unallocatedCents: Cents;
  /** What the lease still owes once the payment is applied, due or not yet due. */
  remainingCents: Cents;
}

/** An avis d'échéance: a new rent call, before it falls due. */
export interface RentNoticeDue {
  kind: 'RENT_NOTICE';
  key: string;
  chargeId: string;
  period: string;
  dueDate: IsoDate;
  rentCents: Cents;
  chargesCents: Cents;
  /** What the lease owes besides this call (arrears, or a credit when negative), shown on the notice. */
  previousBalanceCents: Cents;
}

export type TenantDocumentDue = QuittanceDue | RecuDue | RentNoticeDue;

export const quittanceKey = (chargeId: string) => `quittance:${chargeId}`;
export const recuKey = (paymentId: string) => `recu:${paymentId}`;
export const rentNoticeKey = (chargeId: string) => `avis:${chargeId}`;

/** A rent call (rent and service charges), as opposed to a fee: only a rent call earns a quittance or a notice. */
const isRentCall = (status: ChargeStatus) => (status.charge.feeCents ?? 0) === 0;

/**
 * What the credits just recorded (`newCreditIds`) earn on one lease, once its ledger is
 * allocated: a quittance for each rent call they help settle in full, and a reçu for each
 * new payment that leaves a period it touched partly paid, pays a fee, or is partly
 * unmatched (an advance). A payment that only settles whole periods earns their quittances
 * and no reçu; a credit note earns no reçu (it is no payment) but may complete a
 * quittance. Periods settled by older money only are not re-issued here: the caller keys
 * each document (`key`) and keeps the first.
 */
export function receiptsOwed(
  ledger: AllocationResult,
  credits: readonly ReceiptCredit[],
  newCreditIds: readonly string[],
): TenantDocumentDue[] {
  const fresh = new Set(newCreditIds);
  if (fresh.size === 0) return [];
  const creditById = new Map(credits.map((c) => [c.id, c]));
  const statusById = new Map(ledger.charges.map((s) => [s.charge.id, s]));
  const owed: TenantDocumentDue[] = [];

  // Quittances: rent calls paid in full, some of it by the new money.
  const touchedByNew = new Set(ledger.allocations.filter((a) => fresh.has(a.creditId)).map((a) => a.chargeId));
  for (const status of ledger.charges) {
    if (!touchedByNew.has(status.charge.id) || !isRentCall(status) || receiptType(status) !== 'QUITTANCE') continue;
    const dates = ledger.allocations
      .filter((a) => a.chargeId === status.charge.id)
      .map((a) => creditById.get(a.creditId)?.date)
      .filter((d): d is IsoDate => d !== undefined)
      .sort(compareDates);
    owed.push({
      kind: 'QUITTANCE',
      key: quittanceKey(status.charge.id),
      chargeId: status.charge.id,
      period: status.charge.period,
      dueDate: status.charge.dueDate,
      rentCents: status.charge.rentCents,
      chargesCents: status.charge.chargesCents,
      paidOn: dates[dates.length - 1] ?? status.charge.dueDate,
    });
  }

  // Reçus: new payments that do not wholly settle the periods they reach.
  const remainingCents = sumCents(ledger.charges.map((s) => s.outstandingCents));
  for (const credit of [...credits].sort((a, b) => compareDates(a.date, b.date) || a.id.localeCompare(b.id))) {
    if (!fresh.has(credit.id) || credit.kind !== 'PAYMENT') continue;
    const parts: ReceiptPart[] = ledger.allocations
      .filter((a) => a.creditId === credit.id)
      .map((a) => {
        const status = statusById.get(a.chargeId)!;
        return {
          chargeId: a.chargeId,
          period: status.charge.period,
          dueDate: status.charge.dueDate,
          rentCents: a.rentCents,
          chargesCents: a.chargesCents,
          feeCents: a.feeCents,
          settled: status.outstandingCents === 0,
        };
      });
    const unallocatedCents = credit.amountCents - sumCents(parts.map((p) => p.rentCents + p.chargesCents + p.feeCents));
    const wholePeriodsOnly = parts.every((p) => p.settled && p.feeCents === 0) && unallocatedCents === 0 && parts.length > 0;
    if (wholePeriodsOnly) continue;
    owed.push({
      kind: 'RECU',
      key: recuKey(credit.id),
      paymentId: credit.id,
      paidOn: credit.date,
      amountCents: credit.amountCents,
      parts,
      unallocatedCents,
      remainingCents,
    });
  }
  return owed;
}

/**
 * The rent notices (avis d'échéance) new rent calls earn: one per call imported on or
 * before its due date and not already paid (an advance may have settled it), with what
 * else the lease owes. A call imported after its due date gets none: it is arrears, for
 * the dunning to handle.
 */
export function rentNoticesOwed(ledger: AllocationResult, newChargeIds: readonly string[], asOf: IsoDate): RentNoticeDue[] {
  const fresh = new Set(newChargeIds);
  const totalOutstanding = sumCents(ledger.charges.map((s) => s.outstandingCents)) - ledger.unallocatedCents;
  return ledger.charges
    .filter((s) => fresh.has(s.charge.id) && isRentCall(s) && s.outstandingCents > 0 && compareDates(s.charge.dueDate, asOf) >= 0)
    .map((s) => ({
      kind: 'RENT_NOTICE',
      key: rentNoticeKey(s.charge.id),
      chargeId: s.charge.id,
      period: s.charge.period,
      dueDate: s.charge.dueDate,
      rentCents: s.charge.rentCents,
      chargesCents: s.charge.chargesCents,
      // What is to pay in all, less this call in full: an advance already set against the call shows as a credit.
      previousBalanceCents: totalOutstanding - chargeTotal(s.charge),
    }));
}

/** The tenant a document goes to, as delivery reads them. */
export interface ReceiptRecipient {
  name: string;
  email: string | null;
  consentEmail: boolean;
}

/**
 * Where one document goes: an e-mail to an address; the print queue, to post to the let
 * home in a windowed envelope (the PDF shows the tenants' names and the home's address
 * there), with why it was not e-mailed where the workspace would have; or nowhere (kept
 * and downloadable), with why.
 */
export type ReceiptRoute =
  | { by: 'EMAIL'; email: string; name: string }
  | { by: 'POST'; name: string; reason: string | null }
  | { by: 'KEEP'; reason: string | null };

/** Why no tenant of the lease can be e-mailed (art. 21: a quittance goes electronically only with the tenant's express agreement). */
function notEmailable(tenants: readonly ReceiptRecipient[]): string {
  return tenants.some((t) => t.email)
    ? 'no tenant of the lease agreed to e-mail (loi 89-462 art. 21: electronic only with their express agreement)'
    : 'no tenant of the lease has an e-mail address';
}

/**
 * Where a document goes under the workspace's choice: ARCHIVE keeps it only (the agency
 * hands it over or downloads it); EMAIL sends it to the first tenant of the lease who gave
 * an e-mail address and agreed to e-mail, and keeps it otherwise; POST puts it in the print
 * queue; TENANT_CHANNEL e-mails it where EMAIL would and posts it otherwise. A lease with no
 * tenant on record sends nothing anywhere.
 */
export function receiptRoute(delivery: ReceiptDelivery, tenants: readonly ReceiptRecipient[]): ReceiptRoute {
  if (delivery === 'ARCHIVE') return { by: 'KEEP', reason: null };
  if (tenants.length === 0) return { by: 'KEEP', reason: 'the lease has no tenant on record' };
  const addressee = tenants.map((t) => t.name).join(', ');
  if (delivery === 'POST') return { by: 'POST', name: addressee, reason: null };
  const reachable = tenants.find((t) => t.email && t.consentEmail);
  if (reachable) return { by: 'EMAIL', email: reachable.email!, name: reachable.name };
  return delivery === 'TENANT_CHANNEL'
    ? { by: 'POST', name: addressee, reason: notEmailable(tenants) }
    : { by: 'KEEP', reason: notEmailable(tenants) };
}
