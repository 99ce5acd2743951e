import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { addDays } from '../../src/domain/calendar-date';
import { todayIn } from '../../src/common/clock';
import { LedgerEvents, LedgerEvent, PaymentRecorded } from '../../src/ledger/ledger-events';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  CreateChargesDocument,
  CreateLandlordDocument,
  CreateLeaseDocument,
  CreatePaymentDocument,
  CreatePaymentInput,
  CreatePaymentsDocument,
  CreatePropertyDocument,
  CreateUnitDocument,
  DebtBalanceDocument,
  DebtClosingDocument,
  DebtEventKindsDocument,
  DebtsByDaysLateDocument,
  DeleteLeaseDocument,
  FindLandlordDocument,
  FindLeaseDocument,
  LeaseAgingDocument,
  LeaseBalanceDocument,
  LeaseReferencesDocument,
  OpenDebtsByLatenessDocument,
  OrderByDirection,
  RunArrearsDetectionAmountsDocument,
  RunArrearsDetectionDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

/**
 * Leases, the ledger seam and debts, through GraphQL over HTTP on the real Postgres.
 */
describe('leases, ledger and debts', () => {
  let relance: TestRelance;
  let today: string;
  const published: LedgerEvent[] = [];

  async function newLease(reference: string, landlordName = 'SCI Tilleuls'): Promise<{ leaseId: string; landlordId: string }> {
    const { createLandlord } = await relance.ok(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: landlordName } });
    const { createProperty } = await relance.ok(CreatePropertyDocument, { d: { name: `Résidence ${reference}`, city: 'Lyon' } });
    const { createUnit } = await relance.ok(CreateUnitDocument, { d: { propertyId: createProperty.id, label: 'A1' } });
    const { createLease } = await relance.ok(CreateLeaseDocument, {
      d: {
        reference,
        unitId: createUnit.id,
        landlordId: createLandlord.id,
        kind: 'RESIDENTIAL_UNFURNISHED',
        signedOn: '2025-01-10',
        startsOn: '2025-02-01',
        monthlyRentCents: 80_000,
        monthlyChargesCents: 10_000,
        dueDay: 5,
      },
    });
    return { leaseId: createLease.id, landlordId: createLandlord.id };
  }

  const charge = (leaseId: string, daysAgo: number, period: string) => ({
    leaseId,
    period,
    dueDate: addDays(today, -daysAgo),
    rentCents: 80_000,
    chargesCents: 10_000,
  });

  beforeAll(async () => {
    relance = await startTestRelance('api');
    relance.running.app.get(LedgerEvents).subscribe((event) => void published.push(event));
    today = todayIn();
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('allocates, balances, opens a debt, and resolves it when paid, with a timeline', async () => {
    const { leaseId } = await newLease('BAIL-001');
    await relance.ok(CreateChargesDocument, {
      d: [charge(leaseId, 70, '2026-01'), charge(leaseId, 40, '2026-02'), charge(leaseId, 10, '2026-03')],
    });
    const lease = await relance.ok(LeaseAgingDocument, { id: leaseId });
    expect(lease.lease).toEqual({
      balanceCents: 270_000,
      daysLate: 70,
      aging: { days0To30: 90_000, days31To60: 90_000, days61To90: 90_000, days90Plus: 0 },
    });

    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionAmountsDocument);
    const debt = runArrearsDetection.find((d) => d.leaseId === leaseId)!;
    expect(debt).toMatchObject({ amountCents: 270_000, daysLate: 70 });
    expect((await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection).toEqual([]);

    await relance.ok(CreatePaymentDocument, {
      d: { leaseId, amountCents: 100_000, paidOn: today, method: 'TRANSFER', bankReference: 'VIR-001' },
    });
    const partly = await relance.ok(DebtBalanceDocument, { id: debt.id });
    expect(partly.debt).toEqual({ status: 'OPEN', amountCents: 170_000, daysLate: 40 });

    await relance.ok(CreatePaymentDocument, {
      d: { leaseId, amountCents: 170_000, paidOn: today, method: 'TRANSFER', bankReference: 'VIR-002' },
    });
    const cleared = await relance.ok(DebtClosingDocument, { id: debt.id });
    expect(cleared.debt).toMatchObject({ status: 'RESOLVED', amountCents: 0 });
    expect(cleared.debt.closedAt).not.toBeNull();

    const timeline = await relance.ok(DebtEventKindsDocument, { id: debt.id });
    expect(timeline.debtEvents.edges.map((e) => e.node.kind)).toEqual([
      'DEBT_OPENED',
      // Why the debt got its profile and scenario, written when its workflow started.
      'SCENARIO_CHOSEN',
      'PAYMENT_RECORDED',
      'PAYMENT_RECORDED',
      'DEBT_RESOLVED',
    ]);
    const mine = published.filter((e): e is PaymentRecorded => e.kind === 'PaymentRecorded' && e.leaseId === leaseId);
    expect(mine.map((e) => [e.amountCents, e.debtId, e.debtResolved])).toEqual([
      [100_000, debt.id, false],
      [170_000, debt.id, true],
    ]);
  });

  it('keeps the exact balance with 50 payments recorded in parallel on one lease', async () => {
    const { leaseId } = await newLease('BAIL-PAR');
    await relance.ok(CreateChargesDocument, { d: [charge(leaseId, 30, '2026-01')] });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        relance.ok(CreatePaymentDocument, {
          d: { leaseId, amountCents: 1_000 + i, paidOn: today, method: 'CARD', bankReference: `PAR-${i}` },
        }),
      ),
    );
    const paid = Array.from({ length: 50 }, (_, i) => 1_000 + i).reduce((a, b) => a + b, 0);
    const lease = await relance.ok(LeaseBalanceDocument, { id: leaseId });
    expect(lease.lease.balanceCents).toBe(90_000 - paid);
    const [sums] = await relance.database.query<{ allocated: number }>(
      'SELECT sum(rent_cents + charges_cents)::int AS allocated FROM allocation WHERE lease_id = $1',
      [leaseId],
    );
    expect(sums.allocated).toBe(paid);
  });

  it('changes nothing when the same payment file is imported again, and refuses a reused reference', async () => {
    const { leaseId } = await newLease('BAIL-IMP');
    const file = [1, 2, 3].map((i): CreatePaymentInput => ({
      leaseId,
      amountCents: 5_000 * i,
      paidOn: today,
      method: 'TRANSFER',
      bankReference: `IMP-${i}`,
    }));
    const first = await relance.ok(CreatePaymentsDocument, { d: file });
    const snapshot = async () =>
      relance.database.query(
        'SELECT (SELECT count(*) FROM payment) AS p, (SELECT count(*) FROM allocation) AS a, (SELECT sum(balance_cents) FROM lease) AS b',
      );
    const before = await snapshot();
    const again = await relance.ok(CreatePaymentsDocument, { d: file });
    expect(again.createPayments).toEqual(first.createPayments);
    expect(await snapshot()).toEqual(before);

    const reused = await relance.graphql(CreatePaymentsDocument, {
      d: [
        { ...file[0], bankReference: 'IMP-NEW' },
        { ...file[1], amountCents: 1 },
      ],
    });
    expect(reused.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'data[1].bankReference' });
    expect(await snapshot()).toEqual(before);
  });

  it('imports 5,000 charges in one call, and refuses 5,001', async () => {
    const { leaseId } = await newLease('BAIL-BULK');
    const rows = Array.from({ length: 5_001 }, (_, i) => ({
      leaseId,
      period: `${2100 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      dueDate: `${2100 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-05`,
      rentCents: 100,
      chargesCents: 0,
    }));
    const created = await relance.ok(CreateChargesDocument, { d: rows.slice(0, 5_000) });
    expect(created.createCharges).toHaveLength(5_000);
    const lease = await relance.ok(LeaseBalanceDocument, { id: leaseId });
    expect(lease.lease.balanceCents).toBe(500_000);
    const tooMany = await relance.graphql(CreateChargesDocument, { d: rows });
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data' });
  });

  it.each([
    [{ amountCents: 0 }, 'data[0].amountCents'],
    [{ amountCents: 100_000_001 }, 'data[0].amountCents'],
    [{ paidOn: '2026-02-30' }, 'data[0].paidOn'],
    [{ method: 'BITCOIN' }, 'data[0].method'],
    [{ bankReference: '' }, 'data[0].bankReference'],
    [{ leaseId: '6f1c1a51-9d3e-4b53-9a8e-2f3a1c0b9d11' }, 'data[0].leaseId'],
  ])('refuses payment %j with BAD_USER_INPUT on %s and writes nothing', async (patch, field) => {
    const { leaseId } = await newLease(`BAIL-BAD-${field}-${Object.values(patch)[0]}`.slice(0, 50));
    const before = await relance.database.query('SELECT count(*)::int AS n FROM payment');
    const response = await relance.graphql(`mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }`, {
      d: [{ leaseId, amountCents: 100, paidOn: today, method: 'CASH', bankReference: `BAD-${Math.random()}`, ...patch }],
    });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await relance.database.query('SELECT count(*)::int AS n FROM payment')).toEqual(before);
  });

  it('lists debts sortable by days late and amount', async () => {
    const { leaseId } = await newLease('BAIL-SORT');
    await relance.ok(CreateChargesDocument, { d: [charge(leaseId, 100, '2025-12')] });
    await relance.ok(RunArrearsDetectionDocument);
    const debts = await relance.ok(OpenDebtsByLatenessDocument);
    const days = debts.debts.edges.map((e) => e.node.daysLate);
    expect(days.length).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days[0]).toBe(100);

    // Resolved debts (no unpaid due date) are 0 days late: last when descending, first when ascending.
    const all = async (direction: OrderByDirection) =>
      (await relance.ok(DebtsByDaysLateDocument, { direction })).debts.edges.map((e) => e.node.daysLate);
    for (const direction of ['DescNullsFirst', 'DescNullsLast'] as const) {
      const desc = await all(direction);
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      expect(desc[desc.length - 1]).toBe(0);
    }
    for (const direction of ['AscNullsFirst', 'AscNullsLast'] as const) {
      const asc = await all(direction);
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
    }
  });

  it('refuses a fee on a residential lease (loi 89-462 art. 4) and an empty charge', async () => {
    const { leaseId } = await newLease('BAIL-FEE');
    const fee = await relance.graphql(CreateChargesDocument, {
      d: [{ ...charge(leaseId, 1, '2026-05'), kind: 'FEE', rentCents: 0, chargesCents: 1_500 }],
    });
    expect(fee.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].kind' });
    expect(fee.errors?.[0].message).toContain('loi 89-462 art. 4');
    const empty = await relance.graphql(CreateChargesDocument, {
      d: [{ ...charge(leaseId, 1, '2026-05'), rentCents: 0, chargesCents: 0 }],
    });
    expect(empty.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].rentCents' });
    const deleted = await relance.graphql(DeleteLeaseDocument, { id: (await newLease('BAIL-DEL')).leaseId });
    expect(deleted.errors).toBeUndefined();
  });

  it('never deletes a lease with ledger history', async () => {
    const { leaseId } = await newLease('BAIL-HIST');
    await relance.ok(CreateChargesDocument, { d: [charge(leaseId, 3, '2026-06')] });
    const response = await relance.graphql(DeleteLeaseDocument, { id: leaseId });
    expect(response.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'id' });
    expect((await relance.database.query('SELECT count(*)::int AS n FROM charge WHERE lease_id = $1', [leaseId]))[0]).toEqual({ n: 1 });
  });

  it('shows a LANDLORD key its own leases only, read-only, and other workspaces nothing', async () => {
    const mine = await newLease('BAIL-LL-1', 'SCI Mine');
    const theirs = await newLease('BAIL-LL-2', 'SCI Theirs');
    const workspaces = relance.running.app.get(WorkspaceService);
    const landlordKey = (await workspaces.createApiKey(relance.workspaceId, 'landlord', 'LANDLORD', mine.landlordId)).key;
    const leases = await relance.ok(LeaseReferencesDocument, {}, landlordKey);
    expect(leases.leases.edges.map((e) => e.node.reference)).toEqual(['BAIL-LL-1']);
    const other = await relance.graphql(FindLeaseDocument, { id: theirs.leaseId }, landlordKey);
    expect(other.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    const write = await relance.graphql(UpdateLeaseDocument, { id: mine.leaseId, d: { scenarioOverride: 'x' } }, landlordKey);
    expect(write.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });

    const stranger = (await workspaces.createWorkspace('Agence Étrangère')).apiKey;
    const byId: Array<[TypedDocumentNode<unknown, { id: string }>, string]> = [
      [FindLeaseDocument, mine.leaseId],
      [FindLandlordDocument, mine.landlordId],
      [DeleteLeaseDocument, mine.leaseId],
    ];
    for (const [document, id] of byId) {
      const response = await relance.graphql(document, { id }, stranger);
      expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    }
    const payment = await relance.graphql(
      CreatePaymentDocument,
      {
        d: { leaseId: mine.leaseId, amountCents: 100, paidOn: today, method: 'CASH', bankReference: 'STRANGER-1' },
      },
      stranger,
    );
    expect(payment.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].leaseId' });
  });
});
