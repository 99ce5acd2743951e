import { endOfMonth } from '../domain/calendar-date';
import { formatEuros } from '../domain/money';
import type { QuittanceDue, RecuDue, RentNoticeDue, TenantDocumentDue } from '../domain/receipts';
import { openPdf, winAnsi } from '../messaging/documents/pdf-document';
import { spellDate, spellPeriod } from '../messaging/templates/letter-context';
import type { TenantDocumentParties } from './tenant-document-facts.repository';

export interface TenantDocumentPdfInput {
  due: TenantDocumentDue;
  parties: TenantDocumentParties;
  /** The instant written into the PDF's metadata (when it was issued). */
  issuedAt: Date;
  /** The Paris date of issue, as the document spells it. */
  issuedOn: string;
}

/** Each document's French title. */
export function tenantDocumentTitle(due: TenantDocumentDue): string {
  switch (due.kind) {
    case 'QUITTANCE':
      return `Quittance de loyer — ${spellPeriod(due.period, 'fr')}`;
    case 'RECU':
      return `Reçu de paiement du ${spellDate(due.paidOn, 'fr')}`;
    case 'RENT_NOTICE':
      return `Avis d’échéance — ${spellPeriod(due.period, 'fr')}`;
  }
}

/** The PDF's file name, in plain characters. */
export function tenantDocumentFileName(due: TenantDocumentDue, leaseReference: string): string {
  const what =
    due.kind === 'QUITTANCE' ? `quittance-${due.period}` : due.kind === 'RECU' ? `recu-${due.paidOn}` : `avis-echeance-${due.period}`;
  return `${what}-${leaseReference}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * A quittance, a reçu or an avis d'échéance, in French, on the agency's letterhead, issued
 * by the agency for the landlord: who pays whom for which home, and the sums — rent and
 * charges always told apart (loi 89-462 art. 21). Rendered from the facts frozen when the
 * ledger earned it, so the same input always gives the same bytes. A4, standard fonts.
 */
export function renderTenantDocumentPdf(input: TenantDocumentPdfInput): Promise<Buffer> {
  const { due, parties } = input;
  const title = tenantDocumentTitle(due);
  const { doc, done, write, left, width } = openPdf({
    margin: { vertical: 50, horizontal: 55 },
    title: `${title} — ${parties.lease.reference}`,
    author: parties.agency.name,
    createdAt: input.issuedAt,
  });

  // Letterhead; the tenants where a windowed envelope shows them.
  doc.font('Helvetica-Bold').fontSize(13);
  write(parties.agency.legalName ?? parties.agency.name);
  doc.font('Helvetica').fontSize(9);
  for (const line of [...parties.agency.postal, parties.agency.phone, parties.agency.email]) if (line) write(line);
  write(`Mandataire de ${parties.landlord.name}`);
  const afterHead = doc.y;
  doc.font('Helvetica').fontSize(11);
  doc.text('', 320, 130);
  for (const line of [parties.tenants.map((t) => t.name).join(', ') || 'Le locataire', ...parties.premises]) write(line, { width: 220 });
  doc.text('', left, Math.max(doc.y, afterHead) + 30);

  doc.font('Helvetica-Bold').fontSize(16);
  write(title, { width });
  doc.font('Helvetica').fontSize(10);
  write(`Bail ${parties.lease.reference} · ${parties.premises.join(', ')}`, { width });
  write(`Bailleur : ${parties.landlord.name}${parties.landlord.postal.length ? `, ${parties.landlord.postal.join(', ')}` : ''}`, { width });
  doc.moveDown(1);

  /** A label and its amount on one line; the amount right-aligned. */
  const line = (label: string, cents: number, bold = false) => {
    const y = doc.y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(11)
      .text(winAnsi(label), left, y, { width: width * 0.7, lineBreak: false });
    doc.text(winAnsi(formatEuros(cents)), left + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
    doc.text('', left, y + 18);
  };
  const paragraph = (text: string) => {
    doc.font('Helvetica').fontSize(11);
    write(text, { width, align: 'justify' });
    doc.moveDown(0.8);
  };
  const tenants = parties.tenants.map((t) => t.name).join(', ') || 'le locataire';

  switch (due.kind) {
    case 'QUITTANCE':
      quittance(due);
      break;
    case 'RECU':
      recu(due);
      break;
    case 'RENT_NOTICE':
      notice(due);
      break;
  }

  function quittance(q: QuittanceDue) {
    const from = `${q.period}-01`;
    paragraph(
      `Je soussigné(e), ${parties.agency.legalName ?? parties.agency.name}, mandataire de ${parties.landlord.name}, bailleur, déclare avoir reçu de ${tenants} la somme de ${formatEuros(q.rentCents + q.chargesCents)} au titre du loyer et des charges de la période du ${spellDate(from, 'fr')} au ${spellDate(endOfMonth(from), 'fr')}, et lui en donne quittance, sous réserve de tous mes droits.`,
    );
    line('Loyer', q.rentCents);
    line('Provisions sur charges', q.chargesCents);
    line('Total réglé', q.rentCents + q.chargesCents, true);
    doc.moveDown(0.5);
    paragraph(`Dernier règlement reçu le ${spellDate(q.paidOn, 'fr')}.`);
  }

  function recu(r: RecuDue) {
    paragraph(
      `Je soussigné(e), ${parties.agency.legalName ?? parties.agency.name}, mandataire de ${parties.landlord.name}, bailleur, déclare avoir reçu de ${tenants}, le ${spellDate(r.paidOn, 'fr')}, la somme de ${formatEuros(r.amountCents)}, imputée comme suit. Ce reçu ne vaut pas quittance pour les périodes qui ne sont pas entièrement réglées.`,
    );
    for (const part of r.parts) {
      const period = spellPeriod(part.period, 'fr');
      if (part.rentCents > 0) line(`Loyer — ${period}`, part.rentCents);
      if (part.chargesCents > 0) line(`Charges — ${period}`, part.chargesCents);
      if (part.feeCents > 0) line(`Autres sommes — ${period}`, part.feeCents);
      if (part.settled && part.feeCents === 0) {
        doc.font('Helvetica-Oblique').fontSize(9);
        write(`${period} : période entièrement réglée (quittance émise séparément).`);
        doc.text('', left, doc.y + 4);
      }
    }
    if (r.unallocatedCents > 0) line('À valoir sur les échéances à venir', r.unallocatedCents);
    line('Total reçu', r.amountCents, true);
    doc.moveDown(0.5);
    paragraph(
      r.remainingCents > 0
        ? `Reste dû sur le bail après ce paiement : ${formatEuros(r.remainingCents)}.`
        : 'Après ce paiement, le bail ne présente plus de solde dû.',
    );
  }

  function notice(n: RentNoticeDue) {
    paragraph(
      `Nous vous prions de bien vouloir régler, au plus tard le ${spellDate(n.dueDate, 'fr')}, le loyer et les charges de ${spellPeriod(n.period, 'fr')}.`,
    );
    line('Loyer', n.rentCents);
    line('Provisions sur charges', n.chargesCents);
    line(`Échéance de ${spellPeriod(n.period, 'fr')}`, n.rentCents + n.chargesCents, true);
    if (n.previousBalanceCents !== 0) {
      line(n.previousBalanceCents > 0 ? 'Solde antérieur restant dû' : 'Solde antérieur en votre faveur', Math.abs(n.previousBalanceCents));
      line('Total à régler', Math.max(0, n.rentCents + n.chargesCents + n.previousBalanceCents), true);
    }
    doc.moveDown(0.5);
    if (parties.agency.paymentInstructions) paragraph(`Modalités de paiement : ${parties.agency.paymentInstructions}`);
    paragraph('Cet avis d’échéance ne vaut pas quittance. Une quittance vous sera délivrée gratuitement une fois la période réglée.');
  }

  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(9);
  write(
    `Fait le ${spellDate(input.issuedOn, 'fr')}. Document délivré gratuitement (loi n° 89-462 du 6 juillet 1989, art. 21), archivé par ${parties.agency.name} avec son empreinte SHA-256.`,
    { width },
  );
  doc.end();
  return done;
}
