import type { DataSource, EntityManager } from 'typeorm';
import { renderLetterPdf } from '../documents/letter-pdf';
import { pdfText } from '../../../test/support/pdf-text';
import { DEFAULT_TEMPLATES, leaseKindsReading, NON_RESIDENTIAL_VARIANTS, templateForLease } from './default-templates';
import { zonesUsed } from './template-engine';
import type { DebtLetterFacts, StatementLine } from './letter-context';
import { LegalBlockRepository } from './legal-block.repository';
import { MessageTemplateRepository } from './message-template.repository';
import { TemplateService } from './template.service';

/** No workspace versions: every template and block renders as shipped. */
const shippedOnly = { query: async () => [] } as unknown as Pick<EntityManager, 'query'>;
const templates = new TemplateService(new MessageTemplateRepository({} as DataSource), new LegalBlockRepository({} as DataSource));

const RENT: StatementLine = { period: '2026-09', dueDate: '2026-09-05', rentCents: 90_000, chargesCents: 10_000, feeCents: 0 };
const FEE: StatementLine = { period: '2026-09', dueDate: '2026-09-20', rentCents: 0, chargesCents: 0, feeCents: 4_000 };

function facts(leaseKind: string, statement: StatementLine[] = [RENT], lateFeeCents: number | null = null): DebtLetterFacts {
  const party = { email: null, phone: null, locale: 'fr' as const, consentEmail: true, consentSms: false, profile: 'UNKNOWN' as const };
  return {
    workspaceId: 'w',
    debtId: 'd',
    leaseId: 'l',
    leaseReference: 'BAIL-7',
    leaseSignedOn: '2024-03-01',
    leaseKind,
    lateFeeCents,
    asOf: '2026-10-01',
    agency: {
      name: 'Agence Rhône Gestion',
      legalName: null,
      postal: ['4 place Bellecour', '69002 Lyon'],
      city: 'Lyon',
      phone: '04 78 00 00 00',
      email: 'g@a.fr',
      iban: null,
      paymentInstructions: 'Virement.',
    },
    landlord: { ...party, kind: 'LANDLORD', name: 'SCI Les Tilleuls', postal: [] },
    tenants: [{ ...party, kind: 'TENANT', name: 'Jean Martin', postal: ['12 rue Victor Hugo', '69002 Lyon'] }],
    guarantors: [],
    unitAddress: 'Local 1, 12 rue Victor Hugo, 69002 Lyon',
    statement,
    oldestDueDate: statement[0]?.dueDate ?? null,
    plan: [],
    profile: 'UNKNOWN',
  };
}

/** Renders a shipped template for a lease of this kind; amounts with plain spaces (formatEuros writes no-break ones). */
async function render(
  leaseKind: string,
  key: 'formal-notice' | 'first-reminder-letter' | 'litigation-file' | 'guarantor-notice',
  statement?: StatementLine[],
  locale: 'fr' | 'en' = 'fr',
) {
  const rendered = await templates.render(facts(leaseKind, statement), { key, locale, profile: 'UNKNOWN' }, shippedOnly);
  return { ...rendered, text: rendered.text.replace(/[\u00a0\u202f]/g, ' ') };
}

describe('letters that fit the lease', () => {
  it('keeps the residential formal notice: loi 89-462, its delay by lease date, no fee', async () => {
    const { text, template } = await render('RESIDENTIAL_UNFURNISHED', 'formal-notice');
    expect(template.key).toBe('formal-notice');
    expect(text).toContain('article 7 a de la loi n° 89-462 du 6 juillet 1989');
    expect(text).toContain('dans un délai de six semaines');
    expect(text).toContain('Fonds de solidarité pour le logement');
    expect(text).not.toContain('L145-41');
    const reminder = await render('RESIDENTIAL_FURNISHED', 'first-reminder-letter');
    expect(reminder.text).toContain('aucun frais de relance ne vous est facturé');
  });

  it('gives a commercial lease the commercial formal notice: L145-41 and one month, no residential law', async () => {
    const { text, template } = await render('COMMERCIAL', 'formal-notice', [RENT, FEE]);
    expect(template.key).toBe('formal-notice-non-residential');
    expect(text).toContain('article L145-41 du Code de commerce');
    expect(text).toContain('dans le délai d’un mois après ce commandement');
    expect(text).toContain('article 1344 du Code civil');
    expect(text).toContain('locaux situés');
    for (const residential of ['89-462', 'aucun frais', 'logement', 'six semaines', 'FSL']) expect(text).not.toContain(residential);
    // The fee is its own part of the balance, never rent.
    expect(text).toContain('1 040,00 €, soit 900,00 € de loyer, 100,00 € de charges, 40,00 € de frais de retard prévus au bail');
    expect(text).toContain('- Frais de retard prévus au bail (échéance du 20 septembre 2026) : 40,00 €');
    const english = await render('COMMERCIAL', 'formal-notice', [RENT], 'en');
    expect(english.text).toContain('article L145-41 of the French Commercial Code');
    expect(english.text).toContain('within one month of that order');
    expect(english.text).not.toMatch(/89-462|no reminder fee|home/);
  });

  it('gives other non-residential leases neither residential law nor the commercial clause', async () => {
    const { text } = await render('OTHER', 'formal-notice');
    expect(text).toContain('clause résolutoire du bail, dans les conditions qu’il prévoit');
    for (const wrong of ['89-462', 'L145-41', 'aucun frais', 'logement']) expect(text).not.toContain(wrong);
    const file = await render('OTHER', 'litigation-file');
    expect(file.text).toContain('Délai de la clause résolutoire après commandement : celui prévu au bail.');
  });

  it('drops the no-fee mention and the housing aids from non-residential reminders and guarantor notices', async () => {
    for (const kind of ['COMMERCIAL', 'OTHER']) {
      const { text } = await render(kind, 'first-reminder-letter', [RENT, FEE]);
      for (const wrong of ['89-462', 'aucun frais', 'FSL', 'logement']) expect(text).not.toContain(wrong);
      expect(text).toContain('40,00 € de frais de retard prévus au bail');
      const guarantor = await render(kind, 'guarantor-notice');
      expect(guarantor.text).toContain('article 2303 du Code civil');
      expect(guarantor.text).not.toContain('89-462');
    }
    const commercialFile = await render('COMMERCIAL', 'litigation-file');
    expect(commercialFile.text).toContain(
      'Délai de la clause résolutoire après commandement : un mois (article L145-41 du Code de commerce).',
    );
  });

  it('shows a fee on its own line of the PDF table, never as rent', async () => {
    const letter = await render('COMMERCIAL', 'first-reminder-letter', [RENT, FEE]);
    const pdf = await renderLetterPdf({
      facts: facts('COMMERCIAL', [RENT, FEE]),
      recipient: facts('COMMERCIAL').tenants[0],
      locale: 'fr',
      subject: letter.subject,
      body: letter.letterBody,
      createdAt: new Date('2026-10-01T08:00:00Z'),
    });
    const text = await pdfText(pdf);
    expect(text).toMatch(/Période\s+Échéance\s+Loyer\s+Charges\s+Frais\s+Total/);
    expect(text).toMatch(/Frais de retard prévus au bail\s+40,00\s€\s+40,00\s€/);
    expect(text).toMatch(/Total dû\s+900,00\s€\s+100,00\s€\s+40,00\s€\s+1\s040,00\s€/);
    // A residential letter keeps its table as it was: no fee column.
    const residential = await render('RESIDENTIAL_UNFURNISHED', 'first-reminder-letter');
    const plain = await pdfText(
      await renderLetterPdf({
        facts: facts('RESIDENTIAL_UNFURNISHED'),
        recipient: facts('RESIDENTIAL_UNFURNISHED').tenants[0],
        locale: 'fr',
        subject: residential.subject,
        body: residential.letterBody,
        createdAt: new Date('2026-10-01T08:00:00Z'),
      }),
    );
    expect(plain).toMatch(/Période\s+Échéance\s+Loyer\s+Charges\s+Total/);
    expect(plain).not.toContain('Frais');
  });

  it('gives commercial and other leases nothing written under residential law, and their variants keep the zones', () => {
    const residential = /89-462|\{\{> (mise-en-demeure|aides-logement|sans-frais|caution)\}\}|logement|\bhome\b/;
    for (const [key, shipped] of Object.entries(DEFAULT_TEMPLATES)) {
      // Agents' task scripts are not letters; a key with a variant is read by residential leases only.
      if (shipped.medium === 'TASK' || key in NON_RESIDENTIAL_VARIANTS) continue;
      for (const locale of ['fr', 'en'] as const) {
        const texts = [shipped.text[locale], ...Object.values(shipped.tones ?? {}).map((t) => t[locale])];
        for (const text of texts)
          expect({ key, text: `${text.subject ?? ''} ${text.body}` }).not.toEqual({ key, text: expect.stringMatching(residential) });
      }
    }
    for (const [key, variant] of Object.entries(NON_RESIDENTIAL_VARIANTS)) {
      const base = DEFAULT_TEMPLATES[key as keyof typeof NON_RESIDENTIAL_VARIANTS];
      const own = DEFAULT_TEMPLATES[variant];
      expect(own.medium).toBe(base.medium);
      expect(zonesUsed(own.text.fr.body)).toEqual(zonesUsed(base.text.fr.body));
      expect(leaseKindsReading(variant)).toEqual(['COMMERCIAL', 'OTHER']);
      expect(templateForLease(key as keyof typeof NON_RESIDENTIAL_VARIANTS, 'COMMERCIAL')).toBe(variant);
      expect(templateForLease(key as keyof typeof NON_RESIDENTIAL_VARIANTS, 'RESIDENTIAL_FURNISHED')).toBe(key);
    }
    expect(templateForLease('courteous-reminder-sms', 'COMMERCIAL')).toBe('courteous-reminder-sms');
  });
  it('states the legal dates in the litigation file: commandement, assignation, CCAPEX, winter truce, prescription', async () => {
    const legal: NonNullable<DebtLetterFacts['legal']> = {
      winterTruce: { active: true, startsOn: '2026-11-01', endsOn: '2027-03-31', source: 'CPCE L412-6' },
      commandement: {
        delay: 'SIX_WEEKS',
        source: null,
        servedOn: '2026-09-01',
        expiresOn: '2026-10-13',
        guarantorCopyBy: null,
        guarantorCopyOn: null,
      },
      assignation: { earliestOn: null, waitingFor: ['the referral to the CCAPEX'], ccapexRequired: true, ccapexReferredOn: null },
      prescription: [{ period: '2023-10', dueDate: '2023-10-05', outstandingCents: 45_000, prescribesOn: '2026-10-06', daysLeft: 5 }],
    };
    const withDates = { ...facts('RESIDENTIAL_UNFURNISHED'), legal };
    const fr = (await templates.render(withDates, { key: 'litigation-file', locale: 'fr', profile: 'UNKNOWN' }, shippedOnly)).text.replace(
      /[\u00a0\u202f]/g,
      ' ',
    );
    expect(fr).toContain(
      'Commandement de payer signifié le 1 septembre 2026 ; délai pour payer (six semaines) jusqu’au 13 octobre 2026 inclus.',
    );
    expect(fr).toContain('Assignation : en attente de la saisine de la CCAPEX.');
    expect(fr).toContain('Saisine de la CCAPEX requise au moins deux mois avant l’assignation (loi 89-462 art. 24 II) : à faire.');
    expect(fr).toContain('Trêve hivernale en cours jusqu’au 31 mars 2027 (CPCE L412-6)');
    expect(fr).toContain('450,00 € de octobre 2023 se prescrivent le 6 octobre 2026.');

    // A private landlord, nothing served, nothing close to prescription: no CCAPEX line, no prescription line.
    const plain = {
      ...withDates,
      legal: {
        ...legal,
        winterTruce: { ...legal.winterTruce, active: false, startsOn: '2026-11-01' },
        commandement: { ...legal.commandement, servedOn: null, expiresOn: null },
        assignation: { earliestOn: null, waitingFor: [], ccapexRequired: false, ccapexReferredOn: null },
        prescription: [],
      },
    };
    const en = (await templates.render(plain, { key: 'litigation-file', locale: 'en', profile: 'UNKNOWN' }, shippedOnly)).text;
    expect(en).toContain('No commandement de payer served yet; delay once served: six weeks.');
    expect(en).toContain('Assignation: waiting for the commandement de payer to be served.');
    expect(en).toContain('Next winter truce from 1 November 2026 to 31 March 2027');
    expect(en).not.toContain('CCAPEX');
    expect(en).not.toContain('prescri');
  });
});
