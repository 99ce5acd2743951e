import { formatEuros } from '../domain/money';
import type { TenantDocumentDue } from '../domain/receipts';
import { spellDate, spellPeriod } from '../messaging/templates/letter-context';
import type { TenantDocumentParties } from './tenant-document-facts.repository';
import { tenantDocumentTitle } from './tenant-document-pdf';

/** The e-mail that carries a tenant document: a short French text, the PDF attached, its SHA-256. */
export function tenantDocumentEmail(
  due: TenantDocumentDue,
  parties: TenantDocumentParties,
  options: { recipientName: string; sha256: string },
): { subject: string; body: string } {
  const what =
    due.kind === 'QUITTANCE'
      ? `Votre quittance de loyer de ${spellPeriod(due.period, 'fr')} (${formatEuros(due.rentCents + due.chargesCents)}) est jointe à ce message.`
      : due.kind === 'RECU'
        ? `Votre paiement de ${formatEuros(due.amountCents)} du ${spellDate(due.paidOn, 'fr')} a bien été reçu : le reçu est joint à ce message.`
        : `L’avis d’échéance de ${spellPeriod(due.period, 'fr')} (${formatEuros(due.rentCents + due.chargesCents)}, à régler au plus tard le ${spellDate(due.dueDate, 'fr')}) est joint à ce message.`;
  return {
    subject: `${tenantDocumentTitle(due)} — bail ${parties.lease.reference} — ${parties.agency.name}`,
    body: [
      `Bonjour ${options.recipientName},`,
      '',
      what,
      '',
      `Empreinte SHA-256 du document : ${options.sha256}`,
      '',
      'Vous recevez ce document par e-mail parce que vous l’avez accepté (loi n° 89-462, art. 21) ; il vous est délivré gratuitement.',
      '',
      'Bien cordialement,',
      parties.agency.name,
    ].join('\n'),
  };
}
