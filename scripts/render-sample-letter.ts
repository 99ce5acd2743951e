import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLetterPdf, STATEMENT_MARKER } from '../src/messaging/documents/letter-pdf';
import { DEFAULT_TEMPLATES } from '../src/messaging/templates/default-templates';
import { LEGAL_BLOCKS } from '../src/messaging/templates/legal-blocks';
import { DebtLetterFacts, templateContext } from '../src/messaging/templates/letter-context';
import { renderTemplateSource } from '../src/messaging/templates/template-engine';
import { findProjectRoot } from '../src/config/project-root';

/**
 * Renders the shipped formal notice for a made-up debt, the way the outbox does, and its
 * first page to docs/sample-letter.png (the README's picture). Run with `npm run docs:sample-letter` after changing a letter's layout or text.
 */
async function main(): Promise<void> {
  const facts: DebtLetterFacts = {
    workspaceId: 'sample',
    debtId: 'sample',
    leaseId: 'sample',
    leaseReference: 'BAIL-2024-017',
    leaseSignedOn: '2024-03-01',
    leaseKind: 'RESIDENTIAL_UNFURNISHED',
    lateFeeCents: null,
    asOf: '2026-11-24',
    agency: {
      name: 'Agence Rhône Gestion',
      legalName: 'Rhône Gestion SAS',
      postal: ['4 place Bellecour', '69002 Lyon'],
      city: 'Lyon',
      phone: '+33 4 78 00 00 00',
      email: 'gestion@rhone-gestion.fr',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      paymentInstructions: 'Virement sur le compte FR76 3000 6000 0112 3456 7890 189 (BIC AGRIFRPP), référence BAIL-2024-017.',
    },
    landlord: {
      kind: 'LANDLORD',
      name: 'SCI Les Tilleuls',
      email: null,
      phone: null,
      postal: [],
      locale: 'fr',
      consentEmail: true,
      consentSms: false,
      profile: 'UNKNOWN',
    },
    tenants: [
      {
        kind: 'TENANT',
        name: 'Jean Martin',
        email: null,
        phone: null,
        postal: ['Appartement 3B', '12 rue Victor Hugo', '69002 Lyon'],
        locale: 'fr',
        consentEmail: true,
        consentSms: false,
        profile: 'UNKNOWN',
      },
    ],
    guarantors: [],
    unitAddress: 'Appartement 3B, 12 rue Victor Hugo, 69002 Lyon',
    statement: [
      { period: '2026-09', dueDate: '2026-09-05', rentCents: 42_000, chargesCents: 0, feeCents: 0 },
      { period: '2026-10', dueDate: '2026-10-05', rentCents: 82_000, chargesCents: 9_500, feeCents: 0 },
    ],
    oldestDueDate: '2026-09-05',
    plan: [],
    profile: 'UNKNOWN',
  };
  const context = templateContext(facts, 'fr');
  const legalBlocks = Object.fromEntries(Object.entries(LEGAL_BLOCKS).map(([key, text]) => [key, text.fr]));
  const template = DEFAULT_TEMPLATES['formal-notice'].text.fr;
  const pdf = await renderLetterPdf({
    facts,
    recipient: facts.tenants[0],
    locale: 'fr',
    subject: renderTemplateSource(template.subject!, context, { legalBlocks }),
    body: renderTemplateSource(template.body, context, { legalBlocks, statement: STATEMENT_MARKER }),
    createdAt: new Date('2026-11-24T08:00:00Z'),
  });
  const docs = join(findProjectRoot(), 'docs');
  mkdirSync(docs, { recursive: true });
  const file = join(tmpdir(), 'relance-sample-letter.pdf');
  writeFileSync(file, pdf);
  execFileSync(process.execPath, [join(findProjectRoot(), 'scripts', 'pdf-to-png.mjs'), file, join(docs, 'sample-letter.png')], {
    stdio: 'inherit',
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
