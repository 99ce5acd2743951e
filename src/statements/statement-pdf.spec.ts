import { pdfText } from '../../test/support/pdf-text';
import { assembleStatement, EventFact, StatementFacts } from './statement-figures';

/** What an agent wrote after the call: it must never reach a landlord. */
const REPORT = 'Le locataire évoque des difficultés personnelles confidentielles';
import { renderStatementPdf } from './statement-pdf';

const facts: StatementFacts = {
  month: '2026-05',
  agency: {
    name: 'Agence Rhône Gestion',
    legalName: 'Rhône Gestion SAS',
    postal: ['1 rue de la République', '69002 Lyon'],
    phone: '04 78 00 00 00',
    email: null,
  },
  landlord: { name: 'SCI Les Tilleuls', postal: ['3 place Bellecour', '69002 Lyon'] },
  leases: [{ leaseId: 'lease-a', reference: 'BAIL-A', tenants: ['Jean Martin'] }],
  charges: [
    { id: 'a-04', leaseId: 'lease-a', period: '2026-04', dueDate: '2026-04-05', rentCents: 80_000, chargesCents: 10_000 },
    { id: 'a-05', leaseId: 'lease-a', period: '2026-05', dueDate: '2026-05-05', rentCents: 80_000, chargesCents: 10_000 },
  ],
  credits: [{ id: 'pay-1', leaseId: 'lease-a', date: '2026-05-12', amountCents: 45_000, payment: true }],
  events: [
    {
      leaseId: 'lease-a',
      kind: 'TASK_COMPLETED',
      occurredAt: '2026-05-20T12:00:00.000Z',
      channel: null,
      outcome: 'REACHED',
      promisedDate: null,
      stepKey: null,
      // A row carrying more than the read model selects (it never does): the statement still words it itself.
      ...({ report: REPORT, summary: `Organised call: REACHED — ${REPORT}` } as Partial<EventFact>),
    },
    {
      leaseId: 'lease-a',
      kind: 'MESSAGE_SENT',
      occurredAt: '2026-05-15T08:00:00.000Z',
      channel: 'LETTER',
      outcome: null,
      promisedDate: null,
      stepKey: 'd10-letter',
    },
  ],
  pendingDecisions: [{ debtId: 'debt-a', leaseId: 'lease-a', stepKey: 'd30-formal-notice', deadlineAt: '2026-06-08T07:00:00.000Z' }],
};

describe('the monthly statement PDF', () => {
  it('shows the landlord, the month, the lease in arrears, the actions, the amount recovered and the decision pending', async () => {
    const figures = assembleStatement(facts);
    const text = await pdfText(await renderStatementPdf({ figures, issuedAt: new Date('2026-06-01T05:00:00Z'), issuedOn: '2026-06-01' }));
    expect(text).toContain('Relevé mensuel de gestion — mai 2026');
    expect(text).toContain('SCI Les Tilleuls');
    expect(text).toContain('Rhône Gestion SAS');
    expect(text).toMatch(/BAIL-A\s+Jean Martin\s+1 350,00 €\s+56 j\s+900,00 €\s+450,00 €\s+0,00 €\s+0,00 €/);
    expect(text).toMatch(/15\/05\/2026\s+BAIL-A\s+Lettre simple envoyée \(étape d10-letter\)/);
    expect(text).toMatch(/20\/05\/2026\s+BAIL-A\s+Appel ou visite : locataire joint/);
    expect(text).toMatch(/12\/05\/2026\s+BAIL-A\s+450,00 €/);
    expect(text).toMatch(/BAIL-A\s+Accord sur l’étape d30-formal-notice\s+08\/06\/2026/);
    expect(text).toContain('Relevé établi le 1 juin 2026');
    expect(text).not.toContain('difficultés');
    expect(JSON.stringify(figures)).not.toContain('difficultés');
  });

  it('says so when the month has nothing to show', async () => {
    const figures = assembleStatement({ ...facts, charges: [], credits: [], events: [], pendingDecisions: [] });
    const text = await pdfText(await renderStatementPdf({ figures, issuedAt: new Date('2026-06-01T05:00:00Z'), issuedOn: '2026-06-01' }));
    expect(text).toContain('Aucun bail en impayé au 31 mai 2026.');
    expect(text).toContain('Aucune action ce mois-ci.');
    expect(text).toContain('Aucune somme recouvrée ce mois-ci.');
    expect(text).toContain('Aucune décision en attente.');
  });

  it('renders the same figures to the same bytes', async () => {
    const figures = assembleStatement(facts);
    const input = { figures, issuedAt: new Date('2026-06-01T05:00:00Z'), issuedOn: '2026-06-01' };
    expect((await renderStatementPdf(input)).equals(await renderStatementPdf(input))).toBe(true);
  });
});
