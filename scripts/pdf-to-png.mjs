// node scripts/pdf-to-png.mjs in.pdf out.png: the first page at 1.5×, drawn by pdf.js on
// @napi-rs/canvas (pdf.js's own optional dependency for Node), as a reader sees it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [input, output] = process.argv.slice(2);
// The letter uses PDF's standard fonts; pdf.js draws them from the font files it ships.
const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
const pdf = await getDocument({ data: new Uint8Array(readFileSync(input)), isEvalSupported: false, standardFontDataUrl: fonts }).promise;
const page = await pdf.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = createCanvas(viewport.width, viewport.height);
const context = canvas.getContext('2d');
context.fillStyle = '#ffffff';
context.fillRect(0, 0, viewport.width, viewport.height);
await page.render({ canvasContext: context, viewport, canvas }).promise;
writeFileSync(output, canvas.toBuffer('image/png'));
console.log(`wrote ${output}`);
