import { LEGAL_BLOCKS } from './legal-blocks';
import { DEFAULT_TEMPLATES } from './default-templates';
import { checkTemplateSource, legalBlocksUsed, renderTemplateSource } from './template-engine';

const BLOCKS = new Set(Object.keys(LEGAL_BLOCKS));

describe('template checking', () => {
  const texts = Object.entries(DEFAULT_TEMPLATES).flatMap(([key, t]) => [
    ...Object.entries(t.text).map(([locale, text]) => [key, locale, text] as const),
    ...Object.entries(t.tones ?? {}).flatMap(([tone, byLocale]) =>
      Object.entries(byLocale).map(([locale, text]) => [`${key} ${tone}`, locale, text] as const),
    ),
  ]);
  it.each(texts)('ships %s (%s) clean', (_key, _locale, text) => {
    expect(checkTemplateSource(text.body, BLOCKS)).toEqual([]);
    expect(checkTemplateSource(text.subject ?? '', BLOCKS)).toEqual([]);
  });

  it.each(Object.entries(LEGAL_BLOCKS).flatMap(([key, b]) => Object.entries(b).map(([locale, text]) => [key, locale, text] as const)))(
    'ships legal block %s (%s) clean',
    (_key, _locale, text) => expect(checkTemplateSource(text, BLOCKS)).toEqual([]),
  );

  it.each([
    ['Bonjour {{tenant.fistName}}', 'unknown variable "tenant.fistName"; did you mean "tenant.firstName"?'],
    ['{{balance}}', 'unknown variable "balance"'],
    ['{{#each periodsDue}}{{amount}}{{/each}}', 'unknown variable "amount"'],
    ['{{#each lease.reference}}x{{/each}}', '#each needs a list (periodsDue, plan.installments), not "lease.reference"'],
    ['{{lookup tenant "x"}}', 'unknown helper "lookup" (allowed: zone, statement, if, unless, each)'],
    ['{{#with tenant}}{{firstName}}{{/with}}', 'unknown block helper "#with" (allowed: if, unless, each)'],
    [
      '{{> clause-inventee}}',
      'unknown legal block "clause-inventee" (known: mise-en-demeure, aides-logement, sans-frais, caution, mise-en-demeure-commercial, mise-en-demeure-hors-habitation, caution-hors-habitation)',
    ],
    ['{{zone note}}', 'zone takes one name in quotes, e.g. {{zone "note"}}'],
    ['{{#if tenant.firstName}}oops', 'syntax error: Parse error on line 1:'],
    ['{{@index}}', 'unknown variable "@index"'],
  ])('refuses %j', (source, problem) => {
    expect(checkTemplateSource(source, BLOCKS)).toEqual([problem]);
  });

  it('accepts list fields, loop data and the outer scope inside #each', () => {
    expect(
      checkTemplateSource('{{#each periodsDue}}{{@index}} {{label}} {{this.total}} {{../lease.reference}}\n{{/each}}', BLOCKS),
    ).toEqual([]);
  });

  it('finds the legal blocks a source includes', () => {
    expect([...legalBlocksUsed(DEFAULT_TEMPLATES['formal-notice'].text.fr.body)].sort()).toEqual(['aides-logement', 'mise-en-demeure']);
  });
});

describe('template rendering', () => {
  it('renders variables, lists, blocks and zones as plain text', () => {
    const text = renderTemplateSource(
      'Bonjour {{tenant.firstName}} & co\n{{#each periodsDue}}- {{label}}: {{total}}\n{{/each}}{{> b}}\n\n\n{{zone "note"}}',
      { tenant: { firstName: 'Léa' }, periodsDue: [{ label: 'mars 2026', total: '10,00 €' }], lease: { reference: 'B-1' } },
      { legalBlocks: { b: 'Bail {{lease.reference}}' }, zones: { note: 'Merci <3' } },
    );
    expect(text).toBe('Bonjour Léa & co\n- mars 2026: 10,00 €\nBail B-1\n\nMerci <3');
  });

  it('throws rather than print a blank for a missing variable', () => {
    expect(() => renderTemplateSource('{{tenant.firstName}}', { tenant: {} }, { legalBlocks: {} })).toThrow(/"firstName" not defined/);
  });
});
