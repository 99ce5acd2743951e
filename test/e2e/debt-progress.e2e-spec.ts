import { todayIn } from '../../src/common/clock';
import { DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { eventually } from '../support/eventually';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';

type Row = {
  id: string;
  status: string;
  currentStep: string | null;
  nextAction: { kind: string; stepKey: string | null; at: string | null } | null;
};
type Page = { debts: { edges: Array<{ node: Row }> } };
const ROW = 'id status currentStep nextAction { kind stepKey at }';

/**
 * A debt's status, current step and next action are columns of its row, published by its
 * workflow (issue 11): lists, filters and sorts read them from SQL and make no call to
 * Temporal; only a debt's detail asks the workflow (its payment plan).
 */
describe('debt progress on the row', () => {
  let relance: TestRelance;
  let ids: { open: string; later: string; paused: string };

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    const leases = {
      open: (await createLeaseInArrears(relance, { reference: 'PR-1', dueDaysAgo: 8 })).leaseId,
      later: (await createLeaseInArrears(relance, { reference: 'PR-2', dueDaysAgo: 6 })).leaseId,
      paused: (await createLeaseInArrears(relance, { reference: 'PR-3', dueDaysAgo: 9 })).leaseId,
    };
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    const debtOf = (leaseId: string) => runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
    ids = { open: debtOf(leases.open), later: debtOf(leases.later), paused: debtOf(leases.paused) };
    // Each row settles on what its workflow says, before and after a pause.
    for (const id of Object.values(ids)) await settled(id);
    await relance.ok('mutation($id: ID!) { pauseDebt(id: $id, reason: "Dossier FSL") { id } }', { id: ids.paused });
    await settled(ids.paused);
  });
  afterAll(async () => {
    await relance?.stop();
  });

  const row = async (id: string) => (await relance.ok<{ debt: Row }>(`query($id: ID!) { debt(id: $id) { ${ROW} } }`, { id })).debt;

  /** Waits until the debt's row says what its workflow's live state says (status query). */
  async function settled(id: string): Promise<Row> {
    const workflows = relance.running.app.get(DebtWorkflowsService);
    const { row: settledRow } = await eventually(
      async () => ({ row: await row(id), live: await workflows.status(relance.workspaceId, id) }),
      ({ row: r, live }) =>
        Boolean(live?.nextAction) &&
        r.currentStep === (live!.currentStep ?? null) &&
        JSON.stringify(r.nextAction) ===
          JSON.stringify({ kind: live!.nextAction!.kind, stepKey: live!.nextAction!.stepKey ?? null, at: live!.nextAction!.at ?? null }) &&
        (live!.status === 'PAUSED') === (r.status === 'PAUSED'),
      `the row of debt ${id} to show its workflow's progress`,
    );
    return settledRow;
  }

  it('lists debts with their next action and current step while Temporal is unreachable', async () => {
    const before = await Promise.all(Object.values(ids).map(row));
    expect(before.find((r) => r.id === ids.paused)).toMatchObject({ status: 'PAUSED', nextAction: { kind: 'WAIT_PAUSED', at: null } });
    const temporal = relance.running.app.get(TemporalClientProvider);
    const workflows = relance.running.app.get(DebtWorkflowsService);
    const client = jest.spyOn(temporal, 'getClient').mockRejectedValue(new Error('Temporal is unreachable'));
    const status = jest.spyOn(workflows, 'status');
    try {
      const listed = await relance.graphql<Page>(`{ debts(orderBy: [{ nextActionAt: AscNullsLast }]) { edges { node { ${ROW} } } } }`);
      expect(listed.errors).toBeUndefined();
      expect(client).not.toHaveBeenCalled();
      expect(status).not.toHaveBeenCalled();
      expect(listed.data!.debts.edges.map((e) => e.node)).toEqual(expect.arrayContaining(before));
      // One debt's detail still asks the workflow for its payment plan: there, the outage shows.
      const detail = await relance.graphql(`query($id: ID!) { debt(id: $id) { id paymentPlan { awaitingApproval } } }`, { id: ids.open });
      expect(detail.errors?.[0].extensions).toMatchObject({ code: 'UNAVAILABLE' });
      expect(status).toHaveBeenCalledTimes(1);
    } finally {
      client.mockRestore();
      status.mockRestore();
    }
  });

  it('filters and sorts debts on status, next action and its date like any other field', async () => {
    const page = async (args: string, variables: Record<string, unknown> = {}) =>
      (
        await relance.ok<Page>(
          `query${'at' in variables ? '($at: String)' : ''} { debts(${args}) { edges { node { ${ROW} } } } }`,
          variables,
        )
      ).debts.edges.map((e) => e.node);
    const open = [await row(ids.open), await row(ids.later)];
    const at = (r: Row) => Date.parse(r.nextAction!.at!);

    const soonestFirst = await page('orderBy: [{ nextActionAt: AscNullsLast }]');
    expect(soonestFirst.map((r) => r.id)).toEqual(
      [...open]
        .sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : 1))
        .map((r) => r.id)
        .concat(ids.paused),
    );
    const latestFirst = await page('filter: { status: { in: [OPEN, PAUSED] } }, orderBy: [{ nextActionAt: DescNullsFirst }]');
    expect(latestFirst[0].id).toBe(ids.paused);
    expect(latestFirst.slice(1).map((r) => at(r))).toEqual(open.map(at).sort((a, b) => b - a));

    const soonest = Math.min(...open.map(at));
    const dueBy = await page('filter: { and: [{ status: { eq: OPEN } }, { nextActionAt: { lte: $at } }] }', {
      at: new Date(soonest).toISOString(),
    });
    expect(dueBy.map((r) => r.id).sort()).toEqual(
      open
        .filter((r) => at(r) <= soonest)
        .map((r) => r.id)
        .sort(),
    );
    expect(await page('filter: { nextActionAt: { is: NULL } }')).toEqual([expect.objectContaining({ id: ids.paused })]);
    expect((await page('filter: { nextActionKind: { eq: "WAIT_PAUSED" } }')).map((r) => r.id)).toEqual([ids.paused]);
    const stepKey = open[0].nextAction!.stepKey!;
    expect((await page('filter: { nextActionStepKey: { eq: $at } }', { at: stepKey })).map((r) => r.id)).toContain(ids.open);
    const withStep = await page('filter: { currentStep: { is: NOT_NULL } }, orderBy: [{ currentStep: AscNullsLast }]');
    expect(withStep.map((r) => r.currentStep)).toEqual(withStep.map((r) => r.currentStep).sort());
  });

  it('clears the next action of a debt closed by a payment, and the workflow never reopens it', async () => {
    const { debt } = await relance.ok<{ debt: { leaseId: string; amountCents: number } }>(
      'query($id: ID!) { debt(id: $id) { leaseId amountCents } }',
      { id: ids.later },
    );
    await relance.ok('mutation($d: CreatePaymentInput!) { createPayment(data: $d) { id } }', {
      d: { leaseId: debt.leaseId, amountCents: debt.amountCents, paidOn: todayIn(), method: 'TRANSFER', bankReference: 'PR-PAY-2' },
    });
    expect(await row(ids.later)).toMatchObject({ status: 'RESOLVED', nextAction: null });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    expect(await client.workflow.getHandle(`debt:${relance.workspaceId}:${ids.later}`).result()).toBe('RESOLVED');
    expect(await row(ids.later)).toMatchObject({ status: 'RESOLVED', nextAction: null });
    const closed = await relance.ok<Page>(
      '{ debts(filter: { status: { eq: RESOLVED } }) { edges { node { id status currentStep nextAction { kind } } } } }',
    );
    expect(closed.debts.edges.map((e) => e.node.id)).toEqual([ids.later]);
  });
});
