import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { statusQuery } from '../../workflows/debt.messages';
import { startTestRelance, TestRelance } from '../support/test-relance';

/**
 * The whole path on the real dev server, through GraphQL over HTTP: charges imported →
 * arrears detection opens the debt and starts its workflow → a payment in full → the
 * workflow closes the debt.
 */
describe('debt workflow on the dev server', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await relance.graphql<T>(query, variables);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  }

  it('imports charges, detects arrears, runs the workflow, and closes it on payment', async () => {
    const landlord = (await ok<{ createLandlord: { id: string } }>(`mutation { createLandlord(data: { kind: "LEGAL_ENTITY", companyName: "SCI WF" }) { id } }`)).createLandlord.id;
    const property = (await ok<{ createProperty: { id: string } }>(`mutation { createProperty(data: { name: "WF" }) { id } }`)).createProperty.id;
    const unit = (await ok<{ createUnit: { id: string } }>(`mutation($p: ID!) { createUnit(data: { propertyId: $p, label: "1" }) { id } }`, { p: property })).createUnit.id;
    const lease = (
      await ok<{ createLease: { id: string } }>(`mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }`, {
        d: { reference: 'WF-1', unitId: unit, landlordId: landlord, kind: 'RESIDENTIAL_UNFURNISHED', signedOn: '2025-01-01', startsOn: '2025-01-01', monthlyRentCents: 60_000 },
      })
    ).createLease.id;
    const today = todayIn();
    await ok(`mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }`, {
      d: [{ leaseId: lease, period: '2026-01', dueDate: addDays(today, -12), rentCents: 60_000, chargesCents: 0 }],
    });
    const { runArrearsDetection } = await ok<{ runArrearsDetection: Array<{ id: string }> }>('mutation { runArrearsDetection { id } }');
    expect(runArrearsDetection).toHaveLength(1);
    const debtId = runArrearsDetection[0].id;
    const { debt } = await ok<{ debt: { workflowId: string; scenarioVersion: string } }>(
      `query($id: ID!) { debt(id: $id) { workflowId scenarioVersion } }`,
      { id: debtId },
    );
    expect(debt).toEqual({ workflowId: `debt:${relance.workspaceId}:${debtId}`, scenarioVersion: 'standard@builtin-1' });

    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const handle = client.workflow.getHandle(debt.workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The query answers from the workflow's state once its first step is planned.
    let status = await handle.query(statusQuery);
    for (let i = 0; i < 100 && !status.nextAction; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await handle.query(statusQuery);
    }
    expect(status.status).toBe('OPEN');
    expect(status.nextAction?.kind).toEqual(expect.any(String));

    // Running detection again starts nothing twice.
    expect((await ok<{ runArrearsDetection: unknown[] }>('mutation { runArrearsDetection { id } }')).runArrearsDetection).toEqual([]);

    await ok(`mutation($d: CreatePaymentInput!) { createPayment(data: $d) { id } }`, {
      d: { leaseId: lease, amountCents: 60_000, paidOn: today, method: 'TRANSFER', bankReference: 'WF-PAY-1' },
    });
    expect(await handle.result()).toBe('RESOLVED');
    const timeline = await ok<{ debtEvents: { edges: Array<{ node: { kind: string; actorKind: string } }> } }>(
      `query($id: String!) { debtEvents(filter: { debtId: { eq: $id } }, orderBy: [{ occurredAt: AscNullsLast }]) { edges { node { kind actorKind } } } }`,
      { id: debtId },
    );
    const kinds = timeline.debtEvents.edges.map((e) => e.node.kind);
    expect(kinds[0]).toBe('DEBT_OPENED');
    expect(kinds).toContain('PAYMENT_RECORDED');
    expect(timeline.debtEvents.edges.map((e) => `${e.node.kind}:${e.node.actorKind}`).filter((k) => k.startsWith('DEBT_RESOLVED'))).toHaveLength(1);
  });
});
