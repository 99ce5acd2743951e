import PDFDocument from 'pdfkit';

/**
 * PDF's standard fonts speak WinAnsi: no narrow no-break space (French thousands
 * separator) and no control characters. Everything else Relance writes is in it.
 */
export function winAnsi(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

/** An A4 PDF being written, the promise of its bytes (once `doc.end()` is called), and a WinAnsi-safe `write`. */
export interface OpenPdf {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
  write: (text: string, options?: PDFKit.Mixins.TextOptions) => PDFKit.PDFDocument;
  left: number;
  width: number;
}

/**
 * Starts an A4 PDF with Relance's metadata. `createdAt` is written into it, so the same
 * input renders to the same bytes (and the same SHA-256).
 */
export function openPdf(options: {
  margin: { vertical: number; horizontal: number };
  title: string;
  author: string;
  createdAt: Date;
}): OpenPdf {
  const { vertical, horizontal } = options.margin;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: vertical, bottom: vertical, left: horizontal, right: horizontal },
    info: {
      Title: winAnsi(options.title),
      Author: winAnsi(options.author),
      Producer: 'Relance',
      Creator: 'Relance',
      CreationDate: options.createdAt,
    },
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  return {
    doc,
    done,
    write: (text, textOptions = {}) => doc.text(winAnsi(text), textOptions),
    left,
    width: doc.page.width - left - doc.page.margins.right,
  };
}
