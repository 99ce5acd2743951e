import { openPdf, winAnsi } from './pdf-document';
import { formatEuros } from '../../domain/money';
import {
  FEE_LINE_LABEL,
  lineTotal,
  spellDate,
  spellPeriod,
  type DebtLetterFacts,
  type Party,
  type StatementLine,
} from '../templates/letter-context';
import type { TemplateLocale } from '../templates/template-kinds';

/** The line a rendered body holds where the statement table goes (`{{statement}}`). */
export const STATEMENT_MARKER = '\u0001statement\u0001';

export interface LetterInput {
  facts: DebtLetterFacts;
  recipient: Party;
  locale: TemplateLocale;
  subject: string;
  /** Rendered body: paragraphs separated by blank lines, maybe holding STATEMENT_MARKER. */
  body: string;
  /** The instant written into the PDF's metadata, so the same letter renders to the same bytes. */
  createdAt: Date;
  /** A letter shown to the landlord for approval: says so above the letterhead. */
  draft?: boolean;
}

const DRAFT_MARK = {
  fr: 'PROJET soumis à l’approbation du bailleur : ce courrier n’a pas été envoyé.',
  en: 'DRAFT awaiting the landlord’s approval: this letter has not been sent.',
} as const;

const LABELS = {
  fr: { period: 'Période', due: 'Échéance', rent: 'Loyer', charges: 'Charges', fees: 'Frais', total: 'Total', sum: 'Total dû', on: 'le' },
  en: { period: 'Period', due: 'Due date', rent: 'Rent', charges: 'Charges', fees: 'Fees', total: 'Total', sum: 'Total due', on: '' },
} as const;

/**
 * A letter on the agency's letterhead: sender, recipient's window address, place and
 * date, subject, the body, the table of unpaid periods split rent / charges (a late-payment
 * fee on a line and in a column of its own, where there is one), and the
 * signature the template ends with. A4, standard fonts, so it prints anywhere.
 */
export function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const { facts, recipient, locale } = input;
  const labels = LABELS[locale];
  const { doc, done, write, left, width } = openPdf({
    margin: { vertical: 56, horizontal: 64 },
    title: input.subject,
    author: facts.agency.name,
    createdAt: input.createdAt,
  });

  if (input.draft) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#9b1c1c');
    write(DRAFT_MARK[locale], { width });
    doc.fillColor('black').moveDown(0.5);
  }

  // Letterhead.
  doc.font('Helvetica-Bold').fontSize(13);
  write(facts.agency.legalName ?? facts.agency.name);
  doc.font('Helvetica').fontSize(9);
  for (const line of [...facts.agency.postal, facts.agency.phone, facts.agency.email]) if (line) write(line);

  // Recipient, where a windowed envelope shows it.
  doc.font('Helvetica').fontSize(11);
  const addressTop = 150;
  doc.text('', 320, addressTop);
  for (const line of [recipient.name, ...recipient.postal]) write(line, { width: 210 });

  // Place and date.
  doc.text('', left, Math.max(doc.y + 30, 250));
  const dateLine =
    locale === 'fr'
      ? `${facts.agency.city ? `${facts.agency.city}, ` : ''}${labels.on} ${spellDate(facts.asOf, locale)}`
      : `${facts.agency.city ? `${facts.agency.city}, ` : ''}${spellDate(facts.asOf, locale)}`;
  write(dateLine, { width, align: 'right' });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold');
  write(locale === 'fr' ? `Objet : ${input.subject}` : `Subject: ${input.subject}`, { width });
  doc.font('Helvetica').moveDown(1);

  let statementPlaced = false;
  for (const paragraph of input.body.split(/\n{2,}/)) {
    if (paragraph.trim() === STATEMENT_MARKER) {
      statementTable(doc, facts.statement, locale, left, width);
      statementPlaced = true;
      continue;
    }
    write(paragraph, { width, align: 'left' });
    doc.moveDown(0.8);
  }
  if (!statementPlaced && facts.statement.length > 0) statementTable(doc, facts.statement, locale, left, width);
  doc.end();
  return done;
}

function statementTable(doc: PDFKit.PDFDocument, lines: StatementLine[], locale: TemplateLocale, left: number, width: number): void {
  const labels = LABELS[locale];
  // A fees column only where a fee is owed: residential letters (never a fee) keep their table.
  const withFees = lines.some((l) => l.feeCents > 0);
  const shares = withFees ? [0.24, 0.2, 0.14, 0.14, 0.14, 0.14] : [0.28, 0.24, 0.16, 0.16, 0.16];
  const columns = shares.map((share) => share * width);
  /** `span`: the first cell takes the first two columns (a fee's line names itself, without a period). */
  const row = (cells: string[], bold = false, span = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    let x = left;
    cells.forEach((cell, i) => {
      const column = span ? (i === 0 ? columns[0] + columns[1] : columns[i + 1]) : columns[i];
      const numeric = span ? i >= 1 : i >= 2;
      doc.text(winAnsi(cell), x + 2, y, { width: column - 4, align: numeric ? 'right' : 'left', lineBreak: false });
      x += column;
    });
    doc.text('', left, y + 16);
  };
  const amounts = (rent: number, charges: number, fees: number, total: number) => [
    formatEuros(rent),
    formatEuros(charges),
    ...(withFees ? [formatEuros(fees)] : []),
    formatEuros(total),
  ];
  doc.moveDown(0.3);
  row([labels.period, labels.due, labels.rent, labels.charges, ...(withFees ? [labels.fees] : []), labels.total], true);
  doc
    .moveTo(left, doc.y - 3)
    .lineTo(left + width, doc.y - 3)
    .lineWidth(0.5)
    .stroke();
  for (const line of lines) {
    if (line.feeCents > 0) {
      // A late-payment fee is never rent: its own line, its own column.
      row([FEE_LINE_LABEL[locale], '', '', formatEuros(line.feeCents), formatEuros(lineTotal(line))], false, true);
      continue;
    }
    row([
      spellPeriod(line.period, locale),
      spellDate(line.dueDate, locale),
      ...amounts(line.rentCents, line.chargesCents, line.feeCents, lineTotal(line)),
    ]);
  }
  const sum = (pick: (l: StatementLine) => number) => lines.reduce((t, l) => t + pick(l), 0);
  doc
    .moveTo(left, doc.y - 3)
    .lineTo(left + width, doc.y - 3)
    .stroke();
  row(
    [
      labels.sum,
      '',
      ...amounts(
        sum((l) => l.rentCents),
        sum((l) => l.chargesCents),
        sum((l) => l.feeCents),
        sum(lineTotal),
      ),
    ],
    true,
  );
  doc
    .font('Helvetica')
    .fontSize(11)
    .text('', left, doc.y + 10);
}
