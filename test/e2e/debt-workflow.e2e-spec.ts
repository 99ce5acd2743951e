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

  it('lets an agent pause, resume and cancel, and refuses messages that make no sense', async () => {
    const landlord = (await ok<{ createLandlord: { id: string } }>(`mutation { createLandlord(data: { kind: "LEGAL_ENTITY", companyName: "SCI WF2" }) { id } }`)).createLandlord.id;
    const property = (await ok<{ createProperty: { id: string } }>(`mutation { createProperty(data: { name: "WF2" }) { id } }`)).createProperty.id;
    const unit = (await ok<{ createUnit: { id: string } }>(`mutation($p: ID!) { createUnit(data: { propertyId: $p, label: "2" }) { id } }`, { p: property })).createUnit.id;
    const lease = (
      await ok<{ createLease: { id: string } }>(`mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }`, {
        d: { reference: 'WF-2', unitId: unit, landlordId: landlord, kind: 'COMMERCIAL', signedOn: '2025-01-01', startsOn: '2025-01-01', monthlyRentCents: 150_000 },
      })
    ).createLease.id;
    await ok(`mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }`, {
      d: [{ leaseId: lease, period: '2026-02', dueDate: addDays(todayIn(), -8), rentCents: 150_000, chargesCents: 0 }],
    });
    const debtId = (await ok<{ runArrearsDetection: Array<{ id: string }> }>('mutation { runArrearsDetection { id } }')).runArrearsDetection[0].id;
    const statusOf = async () =>
      (await ok<{ debt: { status: string } }>(`query($id: ID!) { debt(id: $id) { status } }`, { id: debtId })).debt.status;
    const until = async (status: string) => {
      for (let i = 0; i < 100 && (await statusOf()) !== status; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await statusOf()).toBe(status);
    };

    const past = await relance.graphql(`mutation($id: ID!) { pauseDebt(id: $id, reason: "x", until: "2020-01-01T00:00:00Z") { id } }`, { id: debtId });
    expect(past.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    const notPaused = await relance.graphql(`mutation($id: ID!) { resumeDebt(id: $id) { id } }`, { id: debtId });
    expect(notPaused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const nothingAsked = await relance.graphql(
      `mutation($id: ID!) { decideApproval(debtId: $id, stepKey: "d30-formal-notice", approve: true) { id } }`,
      { id: debtId },
    );
    expect(nothingAsked.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'stepKey' });

    await ok(`mutation($id: ID!) { pauseDebt(id: $id, reason: "Dossier FSL en cours") { id } }`, { id: debtId });
    await until('PAUSED');
    const paused = await ok<{ debt: { nextAction: { kind: string } } }>(`query($id: ID!) { debt(id: $id) { nextAction { kind } } }`, { id: debtId });
    expect(paused.debt.nextAction.kind).toBe('WAIT_PAUSED');
    await ok(`mutation($id: ID!) { resumeDebt(id: $id) { id } }`, { id: debtId });
    await until('OPEN');

    await ok(`mutation($id: ID!) { cancelDebt(id: $id, reason: "Ouvert par erreur") { id } }`, { id: debtId });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    expect(await client.workflow.getHandle(`debt:${relance.workspaceId}:${debtId}`).result()).toBe('CANCELLED');
    expect(await statusOf()).toBe('CANCELLED');
    const afterEnd = await relance.graphql(`mutation($id: ID!) { resumeDebt(id: $id) { id } }`, { id: debtId });
    expect(afterEnd.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
