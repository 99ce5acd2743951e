// Prints the text of the PDF in $PDF_BASE64, one line per text run (see pdf-text.ts).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(Buffer.from(process.env.PDF_BASE64 ?? '', 'base64'));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const lines = [];
for (let page = 1; page <= pdf.numPages; page += 1) {
  const content = await (await pdf.getPage(page)).getTextContent();
  lines.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
}
process.stdout.write(lines.join('\n'));
