import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The text of a PDF, page by page, as Mozilla's pdf.js reads it: what a person opening
 * the letter sees, not the bytes we wrote. pdf.js is an ES module with a worker, so it
 * runs in a plain Node process beside Jest.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
    encoding: 'utf8',
    maxBuffer: 20 * 1024 * 1024,
    env: { ...process.env, PDF_BASE64: pdf.toString('base64') },
  });
  // pdf.js keeps the non-breaking spaces of amounts; tests compare with plain spaces.
  return stdout.replace(/[\u00a0\u202f]/g, ' ');
}
