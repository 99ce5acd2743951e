import { formatEuros } from '../domain/money';
import { spellDate, spellPeriod } from '../messaging/templates/letter-context';
import type { StatementFigures } from './statement-figures';

/**
 * The e-mail that carries a landlord's statement: a short French text with the month's
 * headline figures, the PDF attached, and the extranet's statements page when Relance
 * knows its public address.
 */
export function statementEmail(
  figures: StatementFigures,
  options: { recipientName: string; sha256: string; publicUrl?: string },
): { subject: string; body: string } {
  const month = spellPeriod(figures.month, 'fr');
  const t = figures.totals;
  const where = options.publicUrl
    ? `et consultable dans votre extranet : ${options.publicUrl.replace(/\/+$/, '')}/app/statements`
    : 'et consultable dans votre extranet, rubrique Relevés';
  return {
    subject: `Votre relevé mensuel de gestion — ${month} — ${figures.agency.name}`,
    body: [
      `Bonjour ${options.recipientName},`,
      '',
      `Votre relevé de gestion de ${month} est joint à ce message (PDF) ${where}.`,
      '',
      `Au ${spellDate(figures.asOf, 'fr')} :`,
      `- baux en impayé : ${t.leasesInArrears}`,
      `- montant échu impayé : ${formatEuros(t.overdueCents)}`,
      `- sommes recouvrées dans le mois : ${formatEuros(t.recoveredCents)}`,
      `- actions menées dans le mois : ${t.actions}`,
      `- décisions en attente de votre part : ${t.pendingDecisions}`,
      '',
      `Empreinte SHA-256 du relevé : ${options.sha256}`,
      '',
      'Bien cordialement,',
      figures.agency.name,
    ].join('\n'),
  };
}
