import { openPdf, winAnsi } from '../messaging/documents/pdf-document';
import { formatEuros } from '../domain/money';
import { spellDate, spellPeriod } from '../messaging/templates/letter-context';
import type { StatementFigures } from './statement-figures';

export interface StatementPdfInput {
  figures: StatementFigures;
  /** The instant written into the PDF's metadata and its footer (when the statement was issued). */
  issuedAt: Date;
  /** The Paris date of issue, as the footer spells it. */
  issuedOn: string;
}

/** "13/05/2026": a table's dates. */
const shortDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

interface Column {
  title: string;
  /** Share of the table's width. */
  share: number;
  numeric?: boolean;
}

/**
 * A landlord's monthly statement (relevé mensuel de gestion), in French, on the agency's
 * letterhead: a summary, then four tables — leases in arrears at the month's end (balance,
 * days late, aging), the month's actions with their dates, the sums recovered, and the
 * decisions awaiting the landlord. Rendered from the frozen figures only. A4, standard
 * fonts, so it prints anywhere.
 */
export function renderStatementPdf(input: StatementPdfInput): Promise<Buffer> {
  const { figures } = input;
  const monthWords = spellPeriod(figures.month, 'fr');
  const title = `Relevé mensuel de gestion — ${monthWords}`;
  const { doc, done, write, left, width } = openPdf({
    margin: { vertical: 50, horizontal: 50 },
    title: `${title} — ${figures.landlord.name}`,
    author: figures.agency.name,
    createdAt: input.issuedAt,
  });
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // Letterhead, and the landlord where a windowed envelope shows it.
  doc.font('Helvetica-Bold').fontSize(13);
  write(figures.agency.legalName ?? figures.agency.name);
  doc.font('Helvetica').fontSize(9);
  for (const line of [...figures.agency.postal, figures.agency.phone, figures.agency.email]) if (line) write(line);
  const afterHead = doc.y;
  doc.font('Helvetica').fontSize(11);
  doc.text('', 320, 130);
  for (const line of [figures.landlord.name, ...figures.landlord.postal]) write(line, { width: 220 });
  doc.text('', left, Math.max(doc.y, afterHead) + 30);

  doc.font('Helvetica-Bold').fontSize(15);
  write(title, { width });
  doc.font('Helvetica').fontSize(10);
  write(`Bailleur : ${figures.landlord.name} · situation au ${spellDate(figures.asOf, 'fr')}`, { width });
  doc.moveDown(0.8);

  const t = figures.totals;
  const summary: Array<[string, string]> = [
    ['Baux en impayé à la fin du mois', String(t.leasesInArrears)],
    ['Montant échu impayé', formatEuros(t.overdueCents)],
    [`Sommes recouvrées en ${monthWords}`, formatEuros(t.recoveredCents)],
    ['Actions menées dans le mois', String(t.actions)],
    ['Décisions en attente de votre part', String(t.pendingDecisions)],
  ];
  for (const [label, value] of summary) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(winAnsi(label), left, y, { width: width * 0.6, lineBreak: false });
    doc.font('Helvetica-Bold').text(winAnsi(value), left + width * 0.6, y, { width: width * 0.4, align: 'right', lineBreak: false });
    doc.text('', left, y + 15);
  }

  /** A section title, then its table (or a sentence when it has no row). */
  const section = (heading: string, columns: Column[], rows: string[][], empty: string, totalRow?: string[]) => {
    if (doc.y > bottom() - 80) doc.addPage();
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(12);
    write(heading, { width });
    doc.moveDown(0.3);
    if (rows.length === 0) {
      doc.font('Helvetica-Oblique').fontSize(10);
      write(empty, { width });
      return;
    }
    const widths = columns.map((c) => c.share * width);
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(winAnsi(cell), { width: widths[i] - 6 }))) + 5;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!bold)
          row(
            columns.map((c) => c.title),
            true,
          );
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      }
      const y = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        doc.text(winAnsi(cell), x + 3, y, { width: widths[i] - 6, align: columns[i].numeric ? 'right' : 'left' });
        x += widths[i];
      });
      doc
        .moveTo(left, y + height - 2)
        .lineTo(left + width, y + height - 2)
        .lineWidth(bold ? 0.8 : 0.3)
        .stroke();
      doc.text('', left, y + height);
    };
    row(
      columns.map((c) => c.title),
      true,
    );
    for (const cells of rows) row(cells, false);
    if (totalRow) row(totalRow, true);
  };

  section(
    'Baux en impayé',
    [
      { title: 'Bail', share: 0.13 },
      { title: 'Locataire(s)', share: 0.21 },
      { title: 'Solde dû', share: 0.12, numeric: true },
      { title: 'Retard', share: 0.1, numeric: true },
      { title: '0-30 j', share: 0.11, numeric: true },
      { title: '31-60 j', share: 0.11, numeric: true },
      { title: '61-90 j', share: 0.11, numeric: true },
      { title: '> 90 j', share: 0.11, numeric: true },
    ],
    figures.leases.map((l) => [
      l.reference,
      l.tenants.join(', ') || '-',
      formatEuros(l.balanceCents),
      `${l.daysLate} j`,
      formatEuros(l.aging.days0To30),
      formatEuros(l.aging.days31To60),
      formatEuros(l.aging.days61To90),
      formatEuros(l.aging.days90Plus),
    ]),
    `Aucun bail en impayé au ${spellDate(figures.asOf, 'fr')}.`,
  );

  section(
    `Actions menées en ${monthWords}`,
    [
      { title: 'Date', share: 0.16 },
      { title: 'Bail', share: 0.18 },
      { title: 'Action', share: 0.66 },
    ],
    figures.actions.map((a) => [shortDate(a.date), a.leaseReference, a.label]),
    'Aucune action ce mois-ci.',
  );

  section(
    `Sommes recouvrées en ${monthWords}`,
    [
      { title: 'Date du paiement', share: 0.25 },
      { title: 'Bail', share: 0.45 },
      { title: 'Montant', share: 0.3, numeric: true },
    ],
    figures.recoveries.map((r) => [shortDate(r.date), r.leaseReference, formatEuros(r.amountCents)]),
    'Aucune somme recouvrée ce mois-ci.',
    ['Total', '', formatEuros(t.recoveredCents)],
  );

  section(
    'Décisions en attente de votre part',
    [
      { title: 'Bail', share: 0.2 },
      { title: 'Décision', share: 0.55 },
      { title: 'À prendre avant le', share: 0.25 },
    ],
    figures.pendingDecisions.map((d) => [d.leaseReference, d.label, d.deadline ? shortDate(d.deadline) : '-']),
    'Aucune décision en attente.',
  );

  doc.moveDown(1.5);
  if (doc.y > bottom() - 40) doc.addPage();
  doc.font('Helvetica').fontSize(8);
  write(
    `Relevé établi le ${spellDate(input.issuedOn, 'fr')} par ${figures.agency.name}. Les montants sont arrêtés au ${spellDate(figures.asOf, 'fr')}. ` +
      'Ce document est archivé avec son empreinte SHA-256 et consultable dans votre extranet (Relevés).',
    { width },
  );
  doc.end();
  return done;
}
