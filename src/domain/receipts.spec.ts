import { addDays } from './calendar-date';
import { allocate, LedgerCharge } from './ledger';
import { QuittanceDue, ReceiptCredit, ReceiptRecipient, receiptRoute, receiptsOwed, rentNoticesOwed } from './receipts';

// Two monthly rent calls of 800,00 € rent + 100,00 € charges.
const may: LedgerCharge = { id: 'may', period: '2026-05', dueDate: '2026-05-05', rentCents: 80_000, chargesCents: 10_000 };
const june: LedgerCharge = { id: 'june', period: '2026-06', dueDate: '2026-06-05', rentCents: 80_000, chargesCents: 10_000 };
const lateFee: LedgerCharge = { id: 'fee', period: '2026-05', dueDate: '2026-05-20', rentCents: 0, chargesCents: 0, feeCents: 4_000 };

const payment = (id: string, date: string, amountCents: number): ReceiptCredit => ({ id, date, amountCents, kind: 'PAYMENT' });
const creditNote = (id: string, date: string, amountCents: number): ReceiptCredit => ({ id, date, amountCents, kind: 'CREDIT_NOTE' });

/** What the credits `newCreditIds` earn, on the ledger `allocate` makes of all charges and credits. */
const owed = (charges: LedgerCharge[], credits: ReceiptCredit[], newCreditIds: string[]) =>
  receiptsOwed(allocate(charges, credits), credits, newCreditIds);

const quittanceOf = (charge: LedgerCharge, paidOn: string): QuittanceDue => ({
  kind: 'QUITTANCE',
  key: `quittance:${charge.id}`,
  chargeId: charge.id,
  period: charge.period,
  dueDate: charge.dueDate,
  rentCents: charge.rentCents,
  chargesCents: charge.chargesCents,
  paidOn,
});

describe('receiptsOwed (loi 89-462 art. 21)', () => {
  it('gives a quittance, rent and charges apart, and no reçu to a payment that settles a period exactly', () => {
    const credits = [payment('p1', '2026-05-04', 90_000)];
    expect(owed([may, june], credits, ['p1'])).toEqual([
      {
        kind: 'QUITTANCE',
        key: 'quittance:may',
        chargeId: 'may',
        period: '2026-05',
        dueDate: '2026-05-05',
        rentCents: 80_000,
        chargesCents: 10_000,
        paidOn: '2026-05-04',
      },
    ]);
  });

  it('gives a reçu and no quittance to a partial payment, split between rent and charges as allocate splits it', () => {
    const credits = [payment('p1', '2026-05-06', 30_000)];
    // 30 000 × 80 000 ÷ 90 000 = 26 666.67, rounded down to rent; the rest to charges.
    expect(allocate([may], credits).allocations).toEqual([
      { chargeId: 'may', creditId: 'p1', rentCents: 26_666, chargesCents: 3_334, feeCents: 0 },
    ]);
    expect(owed([may, june], credits, ['p1'])).toEqual([
      {
        kind: 'RECU',
        key: 'recu:p1',
        paymentId: 'p1',
        paidOn: '2026-05-06',
        amountCents: 30_000,
        parts: [
          {
            chargeId: 'may',
            period: '2026-05',
            dueDate: '2026-05-05',
            rentCents: 26_666,
            chargesCents: 3_334,
            feeCents: 0,
            settled: false,
          },
        ],
        unallocatedCents: 0,
        remainingCents: 60_000 + 90_000,
      },
    ]);
  });

  it('gives the quittance to the payment completing the period, and no reçu when it completes it exactly', () => {
    const credits = [payment('p1', '2026-05-06', 30_000), payment('p2', '2026-05-20', 60_000)];
    expect(owed([may], credits, ['p2'])).toEqual([quittanceOf(may, '2026-05-20')]);
  });

  it('gives the completing payment a reçu too when it overpays, with what is left unallocated', () => {
    const credits = [payment('p1', '2026-05-06', 30_000), payment('p2', '2026-05-20', 70_000)];
    expect(owed([may], credits, ['p2'])).toEqual([
      quittanceOf(may, '2026-05-20'),
      {
        kind: 'RECU',
        key: 'recu:p2',
        paymentId: 'p2',
        paidOn: '2026-05-20',
        amountCents: 70_000,
        // What p1 left of each part: 80 000 − 26 666 rent, 10 000 − 3 334 charges.
        parts: [
          { chargeId: 'may', period: '2026-05', dueDate: '2026-05-05', rentCents: 53_334, chargesCents: 6_666, feeCents: 0, settled: true },
        ],
        unallocatedCents: 10_000,
        remainingCents: 0,
      },
    ]);
  });

  it('gives a payment spanning two periods the first one’s quittance and a reçu listing both parts', () => {
    const credits = [payment('p1', '2026-05-04', 135_000)];
    expect(owed([may, june], credits, ['p1'])).toEqual([
      quittanceOf(may, '2026-05-04'),
      {
        kind: 'RECU',
        key: 'recu:p1',
        paymentId: 'p1',
        paidOn: '2026-05-04',
        amountCents: 135_000,
        parts: [
          {
            chargeId: 'may',
            period: '2026-05',
            dueDate: '2026-05-05',
            rentCents: 80_000,
            chargesCents: 10_000,
            feeCents: 0,
            settled: true,
          },
          {
            chargeId: 'june',
            period: '2026-06',
            dueDate: '2026-06-05',
            rentCents: 40_000,
            chargesCents: 5_000,
            feeCents: 0,
            settled: false,
          },
        ],
        unallocatedCents: 0,
        remainingCents: 45_000,
      },
    ]);
  });

  it('issues documents for the new credits only', () => {
    const credits = [payment('p1', '2026-05-04', 90_000), payment('p2', '2026-06-03', 45_000)];
    // p1 settled May long ago: recording p2 re-issues nothing for it.
    expect(owed([may, june], credits, ['p2'])).toEqual([
      {
        kind: 'RECU',
        key: 'recu:p2',
        paymentId: 'p2',
        paidOn: '2026-06-03',
        amountCents: 45_000,
        parts: [
          {
            chargeId: 'june',
            period: '2026-06',
            dueDate: '2026-06-05',
            rentCents: 40_000,
            chargesCents: 5_000,
            feeCents: 0,
            settled: false,
          },
        ],
        unallocatedCents: 0,
        remainingCents: 45_000,
      },
    ]);
    // A later payment settling June in full earns June's quittance only.
    const settled = [payment('p1', '2026-05-04', 90_000), payment('p2', '2026-06-03', 90_000)];
    expect(owed([may, june], settled, ['p2'])).toEqual([quittanceOf(june, '2026-06-03')]);
    // Nothing new, nothing owed.
    expect(owed([may, june], credits, [])).toEqual([]);
    expect(owed([may, june], settled, [])).toEqual([]);
  });

  it('gives a credit note completing a period the quittance, never a reçu', () => {
    const credits = [payment('p1', '2026-05-06', 45_000), creditNote('cn1', '2026-05-15', 55_000)];
    // The credit note settles May (45 000) and leaves 10 000 unallocated: still no reçu.
    expect(owed([may], credits, ['cn1'])).toEqual([quittanceOf(may, '2026-05-15')]);
    // A credit note paying part of a period earns nothing.
    expect(owed([may], [creditNote('cn1', '2026-05-15', 20_000)], ['cn1'])).toEqual([]);
  });

  it('gives no quittance for a fee paid in full, and a reçu for the payment with its fee part', () => {
    const credits = [payment('p1', '2026-05-04', 90_000), payment('p2', '2026-05-25', 4_000)];
    expect(owed([may, lateFee], credits, ['p2'])).toEqual([
      {
        kind: 'RECU',
        key: 'recu:p2',
        paymentId: 'p2',
        paidOn: '2026-05-25',
        amountCents: 4_000,
        parts: [
          { chargeId: 'fee', period: '2026-05', dueDate: '2026-05-20', rentCents: 0, chargesCents: 0, feeCents: 4_000, settled: true },
        ],
        unallocatedCents: 0,
        remainingCents: 0,
      },
    ]);
  });

  it('gives an advance, with no charge to meet, a reçu of its whole amount unallocated', () => {
    expect(owed([], [payment('p1', '2026-04-28', 50_000)], ['p1'])).toEqual([
      {
        kind: 'RECU',
        key: 'recu:p1',
        paymentId: 'p1',
        paidOn: '2026-04-28',
        amountCents: 50_000,
        parts: [],
        unallocatedCents: 50_000,
        remainingCents: 0,
      },
    ]);
  });

  it('dates a quittance on the latest of the credits allocated to its period', () => {
    // Listed latest first: the order of the list must not matter.
    const credits = [payment('p2', '2026-05-28', 50_000), payment('p1', '2026-05-06', 40_000)];
    // p1 was recorded before; p2 completes May exactly: May's quittance, dated on p2, and no reçu.
    expect(owed([may], credits, ['p2'])).toEqual([quittanceOf(may, '2026-05-28')]);
    // However the older money was dated: the latest date wins, not the new credit's.
    const backdated = [payment('p2', '2026-05-06', 50_000), payment('p1', '2026-05-28', 40_000)];
    expect(owed([may], backdated, ['p2']).filter((d) => d.kind === 'QUITTANCE')).toEqual([quittanceOf(may, '2026-05-28')]);
  });
});

describe('rentNoticesOwed', () => {
  const asOf = '2026-06-05';

  it('gives a new rent call due today one notice, with the arrears as the previous balance', () => {
    const call = { ...june, dueDate: addDays(asOf, 0) };
    const ledger = allocate([may, call], [payment('p1', '2026-05-10', 45_000)]);
    expect(rentNoticesOwed(ledger, ['june'], asOf)).toEqual([
      {
        kind: 'RENT_NOTICE',
        key: 'avis:june',
        chargeId: 'june',
        period: '2026-06',
        dueDate: '2026-06-05',
        rentCents: 80_000,
        chargesCents: 10_000,
        previousBalanceCents: 45_000,
      },
    ]);
  });

  it('gives a call due later a notice too, with nothing previously owed', () => {
    const call = { ...june, dueDate: addDays(asOf, 10) };
    expect(rentNoticesOwed(allocate([call], []), ['june'], asOf)).toEqual([
      {
        kind: 'RENT_NOTICE',
        key: 'avis:june',
        chargeId: 'june',
        period: '2026-06',
        dueDate: '2026-06-15',
        rentCents: 80_000,
        chargesCents: 10_000,
        previousBalanceCents: 0,
      },
    ]);
  });

  it('shows an advance that partly pays the call as a negative previous balance', () => {
    // 200,00 € paid ahead of June: the tenant owes 700,00 €, 200,00 € less than the call.
    const call = { ...june, dueDate: addDays(asOf, 10) };
    const ledger = allocate([call], [payment('p0', '2026-05-28', 20_000)]);
    expect(rentNoticesOwed(ledger, ['june'], asOf)).toEqual([
      {
        kind: 'RENT_NOTICE',
        key: 'avis:june',
        chargeId: 'june',
        period: '2026-06',
        dueDate: '2026-06-15',
        rentCents: 80_000,
        chargesCents: 10_000,
        previousBalanceCents: -20_000,
      },
    ]);
  });

  it('gives no notice to a call already past due: due yesterday', () => {
    const call = { ...june, dueDate: addDays(asOf, -1) };
    expect(rentNoticesOwed(allocate([call], []), ['june'], asOf)).toEqual([]);
    // The same call the day it falls due, and the day after.
    const dueToday = { ...june, dueDate: asOf };
    expect(rentNoticesOwed(allocate([dueToday], []), ['june'], asOf)).toHaveLength(1);
    expect(rentNoticesOwed(allocate([dueToday], []), ['june'], addDays(asOf, 1))).toEqual([]);
  });

  it('gives no notice to a call an advance already settled', () => {
    const call = { ...june, dueDate: addDays(asOf, 10) };
    expect(rentNoticesOwed(allocate([call], [payment('p0', '2026-05-28', 90_000)]), ['june'], asOf)).toEqual([]);
  });

  it('gives no notice to a fee', () => {
    const fee = { ...lateFee, dueDate: addDays(asOf, 10) };
    expect(rentNoticesOwed(allocate([fee], []), ['fee'], asOf)).toEqual([]);
  });

  it('counts the new charges only', () => {
    const before = '2026-05-01';
    const ledger = allocate([may, june], []);
    expect(rentNoticesOwed(ledger, ['june'], before)).toEqual([
      {
        kind: 'RENT_NOTICE',
        key: 'avis:june',
        chargeId: 'june',
        period: '2026-06',
        dueDate: '2026-06-05',
        rentCents: 80_000,
        chargesCents: 10_000,
        previousBalanceCents: 90_000,
      },
    ]);
    expect(rentNoticesOwed(ledger, [], before)).toEqual([]);
  });
});

describe('receiptRoute', () => {
  const noAddress: ReceiptRecipient = { name: 'Paul Durand', email: null, consentEmail: true };
  const noConsent: ReceiptRecipient = { name: 'Jean Martin', email: 'jean@example.fr', consentEmail: false };
  const agreed: ReceiptRecipient = { name: 'Claire Martin', email: 'claire@example.fr', consentEmail: true };
  const alsoAgreed: ReceiptRecipient = { name: 'Léa Martin', email: 'lea@example.fr', consentEmail: true };

  it('keeps the document, with no reason, when the workspace archives', () => {
    expect(receiptRoute('ARCHIVE', [agreed])).toEqual({ by: 'KEEP', reason: null });
    expect(receiptRoute('ARCHIVE', [])).toEqual({ by: 'KEEP', reason: null });
  });

  it('e-mails the first tenant with an address who agreed to e-mail, under EMAIL and TENANT_CHANNEL alike', () => {
    for (const delivery of ['EMAIL', 'TENANT_CHANNEL'] as const) {
      expect(receiptRoute(delivery, [noAddress, noConsent, agreed, alsoAgreed])).toEqual({
        by: 'EMAIL',
        email: 'claire@example.fr',
        name: 'Claire Martin',
      });
    }
  });

  it('under EMAIL, keeps it when tenants have addresses but none agreed (art. 21), or none has an address', () => {
    const route = receiptRoute('EMAIL', [noAddress, noConsent]);
    expect(route).toEqual({ by: 'KEEP', reason: expect.stringMatching(/agreed/) });
    expect(route).toEqual({ by: 'KEEP', reason: expect.stringContaining('art. 21') });
    expect(receiptRoute('EMAIL', [noAddress])).toEqual({ by: 'KEEP', reason: 'no tenant of the lease has an e-mail address' });
  });

  it('under TENANT_CHANNEL, posts it to every tenant of the lease when none can be e-mailed, saying why', () => {
    expect(receiptRoute('TENANT_CHANNEL', [noAddress, noConsent])).toEqual({
      by: 'POST',
      name: 'Paul Durand, Jean Martin',
      reason: expect.stringContaining('art. 21'),
    });
    expect(receiptRoute('TENANT_CHANNEL', [noAddress])).toEqual({
      by: 'POST',
      name: 'Paul Durand',
      reason: 'no tenant of the lease has an e-mail address',
    });
  });

  it('under POST, posts it even to a tenant who agreed to e-mail', () => {
    expect(receiptRoute('POST', [agreed, noConsent])).toEqual({ by: 'POST', name: 'Claire Martin, Jean Martin', reason: null });
  });

  it('sends nothing anywhere for a lease with no tenant on record, whatever the choice', () => {
    for (const delivery of ['EMAIL', 'POST', 'TENANT_CHANNEL'] as const) {
      expect(receiptRoute(delivery, [])).toEqual({ by: 'KEEP', reason: 'the lease has no tenant on record' });
    }
  });
});
