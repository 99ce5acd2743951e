import { pdfText } from '../../test/support/pdf-text';
import { formatEuros } from '../domain/money';
import type { QuittanceDue, RecuDue, RentNoticeDue, TenantDocumentDue } from '../domain/receipts';
import type { TenantDocumentParties } from './tenant-document-facts.repository';
import { renderTenantDocumentPdf, tenantDocumentFileName, tenantDocumentTitle } from './tenant-document-pdf';

const parties: TenantDocumentParties = {
  agency: {
    name: 'Agence Rhône Gestion',
    legalName: 'Rhône Gestion SAS',
    postal: ['1 rue de la République', '69002 Lyon'],
    phone: '04 78 00 00 00',
    email: 'gestion@rhone-gestion.fr',
    paymentInstructions: 'virement sur le compte FR76 3000 4000 0500 0012 3456 789, référence BAIL-A',
  },
  landlord: { id: 'landlord-1', name: 'SCI Les Tilleuls', postal: ['3 place Bellecour', '69002 Lyon'] },
  lease: { id: 'lease-a', reference: 'BAIL-A', kind: 'RESIDENTIAL' },
  premises: ['12 rue Mercière, 69002 Lyon', 'Appartement 3B'],
  tenants: [
    { name: 'Jean Martin', email: 'jean@example.fr', consentEmail: true },
    { name: 'Claire Martin', email: null, consentEmail: false },
  ],
};

const quittance: QuittanceDue = {
  kind: 'QUITTANCE',
  key: 'quittance:a-05',
  chargeId: 'a-05',
  period: '2026-05',
  dueDate: '2026-05-05',
  rentCents: 120_000,
  chargesCents: 15_050,
  paidOn: '2026-05-04',
};

const recu: RecuDue = {
  kind: 'RECU',
  key: 'recu:pay-1',
  paymentId: 'pay-1',
  paidOn: '2026-05-12',
  amountCents: 200_000,
  parts: [
    { chargeId: 'a-04', period: '2026-04', dueDate: '2026-04-05', rentCents: 120_000, chargesCents: 15_050, feeCents: 0, settled: true },
    { chargeId: 'a-05', period: '2026-05', dueDate: '2026-05-05', rentCents: 53_333, chargesCents: 6_667, feeCents: 0, settled: false },
  ],
  unallocatedCents: 4_950,
  remainingCents: 75_050,
};

const notice: RentNoticeDue = {
  kind: 'RENT_NOTICE',
  key: 'avis:a-06',
  chargeId: 'a-06',
  period: '2026-06',
  dueDate: '2026-06-05',
  rentCents: 120_000,
  chargesCents: 15_050,
  previousBalanceCents: 75_050,
};

const issuedAt = new Date('2026-05-12T08:00:00Z');
const issuedOn = '2026-05-12';

/** An amount as the PDF text reads it: pdfText turns its no-break spaces into plain spaces. */
const euros = (cents: number) => formatEuros(cents).replace(/[\u00a0\u202f]/g, ' ');

/** The text of the document, every run of spaces and line breaks as one space (paragraphs wrap). */
async function textOf(due: TenantDocumentDue, p: TenantDocumentParties = parties): Promise<string> {
  const text = await pdfText(await renderTenantDocumentPdf({ due, parties: p, issuedAt, issuedOn }));
  return text.replace(/\s+/g, ' ');
}

/** A label and its amount on one line, as the document lays them out. */
const line = (label: string, cents: number) => `${label} ${euros(cents)}`;

describe('the tenant document PDF', () => {
  it('writes a quittance: the period, the parties, rent and charges apart, and the law', async () => {
    const text = await textOf(quittance);
    expect(tenantDocumentTitle(quittance)).toBe('Quittance de loyer — mai 2026');
    expect(text).toContain('Quittance de loyer — mai 2026');
    expect(text).toContain('Jean Martin, Claire Martin');
    expect(text).toContain('Rhône Gestion SAS');
    expect(text).toContain('Mandataire de SCI Les Tilleuls');
    expect(text).toContain('Bailleur : SCI Les Tilleuls, 3 place Bellecour, 69002 Lyon');
    expect(text).toContain('Bail BAIL-A · 12 rue Mercière, 69002 Lyon, Appartement 3B');
    expect(text).toContain(`déclare avoir reçu de Jean Martin, Claire Martin la somme de ${euros(135_050)}`);
    expect(text).toContain('période du 1 mai 2026 au 31 mai 2026');
    expect(text).toContain(line('Loyer', 120_000));
    expect(text).toContain(line('Provisions sur charges', 15_050));
    expect(text).toContain(line('Total réglé', 135_050));
    expect(text).toContain('Dernier règlement reçu le 4 mai 2026.');
    expect(text).toContain('Fait le 12 mai 2026.');
    expect(text).toContain('art. 21');
    expect(text).not.toContain('ne vaut pas quittance');
  });

  it('writes a reçu: each part by period, the settled period said so, the advance, what remains, and no quittance', async () => {
    const text = await textOf(recu);
    expect(tenantDocumentTitle(recu)).toBe('Reçu de paiement du 12 mai 2026');
    expect(text).toContain('Reçu de paiement du 12 mai 2026');
    expect(text).toContain('Jean Martin, Claire Martin');
    expect(text).toContain('SCI Les Tilleuls');
    expect(text).toContain('Bail BAIL-A');
    expect(text).toContain(`le 12 mai 2026, la somme de ${euros(200_000)}, imputée comme suit.`);
    expect(text).toContain('ne vaut pas quittance');
    expect(text).toContain(line('Loyer — avril 2026', 120_000));
    expect(text).toContain(line('Charges — avril 2026', 15_050));
    expect(text).toContain('avril 2026 : période entièrement réglée (quittance émise séparément).');
    expect(text).toContain(line('Loyer — mai 2026', 53_333));
    expect(text).toContain(line('Charges — mai 2026', 6_667));
    expect(text).not.toContain('mai 2026 : période entièrement réglée');
    expect(text).toContain(line('À valoir sur les échéances à venir', 4_950));
    expect(text).toContain(line('Total reçu', 200_000));
    expect(text).toContain(`Reste dû sur le bail après ce paiement : ${euros(75_050)}.`);
    expect(text).toContain('art. 21');
  });

  it('writes a reçu for a fee part, and says when nothing remains due', async () => {
    const fee: RecuDue = {
      ...recu,
      amountCents: 4_000,
      parts: [{ chargeId: 'fee', period: '2026-05', dueDate: '2026-05-20', rentCents: 0, chargesCents: 0, feeCents: 4_000, settled: true }],
      unallocatedCents: 0,
      remainingCents: 0,
    };
    const text = await textOf(fee);
    expect(text).toContain(line('Autres sommes — mai 2026', 4_000));
    expect(text).not.toContain('Loyer —');
    expect(text).not.toContain('période entièrement réglée');
    expect(text).not.toContain('À valoir');
    expect(text).toContain('Après ce paiement, le bail ne présente plus de solde dû.');
  });

  it('writes a rent notice: the call, the previous balance, the total, how to pay, and no quittance', async () => {
    const text = await textOf(notice);
    expect(tenantDocumentTitle(notice)).toBe('Avis d’échéance — juin 2026');
    expect(text).toContain('Avis d’échéance — juin 2026');
    expect(text).toContain('Jean Martin, Claire Martin');
    expect(text).toContain('Bailleur : SCI Les Tilleuls');
    expect(text).toContain('Bail BAIL-A');
    expect(text).toContain('au plus tard le 5 juin 2026, le loyer et les charges de juin 2026.');
    expect(text).toContain(line('Loyer', 120_000));
    expect(text).toContain(line('Provisions sur charges', 15_050));
    expect(text).toContain(line('Échéance de juin 2026', 135_050));
    expect(text).toContain(line('Solde antérieur restant dû', 75_050));
    expect(text).toContain(line('Total à régler', 135_050 + 75_050));
    expect(text).toContain(`Modalités de paiement : ${parties.agency.paymentInstructions}`);
    expect(text).toContain('Cet avis d’échéance ne vaut pas quittance.');
    expect(text).toContain('art. 21');
  });

  it('writes a credit in the tenant’s favour on a rent notice, and no payment instructions when there are none', async () => {
    const credit: RentNoticeDue = { ...notice, previousBalanceCents: -20_000 };
    const text = await textOf(credit, { ...parties, agency: { ...parties.agency, paymentInstructions: null } });
    expect(text).toContain(line('Solde antérieur en votre faveur', 20_000));
    expect(text).toContain(line('Total à régler', 135_050 - 20_000));
    expect(text).not.toContain('Modalités de paiement');
    // No previous balance: the call is the whole sum, with no total line.
    const plain = await textOf({ ...notice, previousBalanceCents: 0 });
    expect(plain).not.toContain('Solde antérieur');
    expect(plain).not.toContain('Total à régler');
  });

  it('renders the same input to the same bytes', async () => {
    for (const due of [quittance, recu, notice]) {
      const input = { due, parties, issuedAt, issuedOn };
      expect((await renderTenantDocumentPdf(input)).equals(await renderTenantDocumentPdf(input))).toBe(true);
    }
  });

  it('names the file in plain characters', () => {
    expect(tenantDocumentFileName(quittance, 'BAIL-A')).toBe('quittance-2026-05-BAIL-A.pdf');
    expect(tenantDocumentFileName(recu, 'BAIL-A')).toBe('recu-2026-05-12-BAIL-A.pdf');
    expect(tenantDocumentFileName(notice, 'BAIL-A')).toBe('avis-echeance-2026-06-BAIL-A.pdf');
    expect(tenantDocumentFileName(quittance, 'Bail Résidence n°12/B')).toBe('quittance-2026-05-Bail_R_sidence_n_12_B.pdf');
  });
});
