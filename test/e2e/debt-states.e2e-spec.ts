import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { parisTime } from '../../src/domain/french-calendar';
import { eventually } from '../support/eventually';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  ApproveStepDocument,
  CreatePaymentDocument,
  DebtCurrentStepDocument,
  DebtNextActionKindDocument,
  DebtsWithStatusDocument,
  DebtStatusAndNextActionDocument,
  DebtTimelineDatesDocument,
  DebtTimelineKindsDocument,
  DebtTimelineSummariesDocument,
  PauseDebtDocument,
  ProposePaymentPlanDocument,
  PublishScenarioDocument,
  ResumeDebtDocument,
  RunArrearsDetectionByLeaseDocument,
  SaveScenarioDraftDocument,
  ScenarioStepPoliciesDocument,
  SimulateHypotheticalDebtDocument,
  SimulateOnLeaseDocument,
  SimulateStepsOnLeaseDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

/**
 * States that tell the truth, through GraphQL on the dev server: every mutation answers
 * with the state it produced, a handed-off debt reads ESCALATED, a closed debt has no next
 * action, approvals name what is awaited, and a simulation of a debt under way starts now.
 */
describe('debt states through GraphQL', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  /** A lease 8 days in arrears (its D+3 steps 5 days late) on the standard scenario, its debt's workflow started. */
  async function runningDebt(reference: string, scenarioOverride = 'standard'): Promise<{ leaseId: string; debtId: string }> {
    const { leaseId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8 });
    await addTenant(relance, leaseId, { email: `${reference.toLowerCase()}@example.test`, consentEmail: true });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride } });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    const debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
    // The workflow has planned something: it answers queries.
    await eventually(
      () => relance.ok(DebtNextActionKindDocument, { id: debtId }),
      ({ debt }) => debt.nextAction !== null,
      'the workflow to plan its first step',
    );
    return { leaseId, debtId };
  }

  it('answers pause, resume and a payment plan with the state each produced', async () => {
    const { debtId } = await runningDebt('ST-1');
    const paused = await relance.ok(PauseDebtDocument, { id: debtId, reason: 'Le locataire appelle demain' });
    expect(paused.pauseDebt.status).toBe('PAUSED');
    const resumed = await relance.ok(ResumeDebtDocument, { id: debtId });
    expect(resumed.resumeDebt.status).toBe('OPEN');
    const today = todayIn();
    const plan = await relance.ok(ProposePaymentPlanDocument, {
      id: debtId,
      i: [
        { dueDate: addDays(today, 10), amountCents: 45_000 },
        { dueDate: addDays(today, 40), amountCents: 45_000 },
      ],
    });
    expect(plan.proposePaymentPlan).toEqual({ status: 'PAYMENT_PLAN', paymentPlan: { awaitingApproval: false } });
    const { debts } = await relance.ok(DebtsWithStatusDocument, { status: 'PAYMENT_PLAN' });
    expect(debts.edges.map((e) => e.node.id)).toContain(debtId);
  });

  it('tells an unknown step from one not awaited, and names the scenario’s steps', async () => {
    const { debtId } = await runningDebt('ST-2');
    const decide = (stepKey: string) => relance.graphql(ApproveStepDocument, { id: debtId, stepKey });
    const unknown = await decide('d99-nope');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stepKey' });
    expect(unknown.errors?.[0].message).toBe(
      "Unknown step d99-nope: this debt's scenario has d3-sms, d3-email, d5-guarantor, d10-letter, d20-call, d30-formal-notice, d45-handoff; no approval is awaited",
    );
    const notAwaited = await decide('d30-formal-notice');
    expect(notAwaited.errors?.[0].message).toBe('No approval is awaited on this debt (d30-formal-notice is not waiting for a decision)');
  });

  it('shows no next action on a debt just paid in full', async () => {
    const { leaseId, debtId } = await runningDebt('ST-3');
    await relance.ok(CreatePaymentDocument, {
      d: { leaseId, amountCents: 90_000, paidOn: todayIn(), method: 'TRANSFER', bankReference: 'ST-3-PAY' },
    });
    // Read at once: the ledger closed the row; the workflow may not have heard yet.
    const { debt } = await relance.ok(DebtStatusAndNextActionDocument, { id: debtId });
    expect(debt).toEqual({ status: 'RESOLVED', nextAction: null });
  });

  it('refuses a hand-off no human decides, and reads ESCALATED once a hand-off is done', async () => {
    const save = SaveScenarioDraftDocument;
    const automatic = await relance.graphql(save, {
      d: {
        key: 'transmission-auto',
        name: 'Transmission automatique',
        steps: [{ key: 'd1-handoff', dayOffset: 1, action: 'LITIGATION_HANDOFF' }],
      },
    });
    expect(automatic.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'definition.steps[0].requiresLandlordApproval',
    });
    expect(automatic.errors?.[0].message).toMatch(/GDPR art\. 22/);
    await relance.ok(save, {
      d: {
        key: 'transmission-rapide',
        name: 'Transmission rapide',
        steps: [
          { key: 'd1-email', dayOffset: 1, action: 'EMAIL', template: 'courteous-reminder-email' },
          { key: 'd2-handoff', dayOffset: 2, action: 'LITIGATION_HANDOFF', manual: true },
        ],
      },
    });
    await relance.ok(PublishScenarioDocument, { key: 'transmission-rapide' });
    const { debtId } = await runningDebt('ST-4', 'transmission-rapide');
    // The landlord's mandate reserves hand-offs: approve it.
    await eventually(
      () => relance.ok(DebtNextActionKindDocument, { id: debtId }),
      ({ debt }) => debt.nextAction?.kind === 'WAIT_APPROVAL',
      'the landlord’s approval to be asked',
    );
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'd2-handoff' });
    const { debt } = await eventually(
      () => relance.ok(DebtCurrentStepDocument, { id: debtId }),
      (r) => r.debt.currentStep === 'd2-handoff',
      'the hand-off',
    );
    expect(debt.status).toBe('ESCALATED');
    const { debts } = await relance.ok(DebtsWithStatusDocument, { status: 'ESCALATED' });
    expect(debts.edges.map((e) => e.node.id)).toEqual([debtId]);
    // A pause on an escalated debt ends back in ESCALATED.
    await relance.ok(PauseDebtDocument, { id: debtId, reason: 'Avocat consulté' });
    const resumed = await relance.ok(ResumeDebtDocument, { id: debtId });
    expect(resumed.resumeDebt.status).toBe('ESCALATED');
  });

  it('simulates a debt under way from now: done steps on their real dates, then what comes next', async () => {
    const { leaseId, debtId } = await runningDebt('ST-5');
    // The D+3 e-mail, 5 days late, runs at once (its SMS waits for contact hours).
    await eventually(
      () => relance.ok(DebtTimelineKindsDocument, { id: debtId }),
      ({ debt }) => debt.timeline.some((e) => e.kind === 'ACTION_EMAIL'),
      'the overdue e-mail',
    );
    const before = Date.now();
    const { simulateScenario } = await relance.ok(SimulateOnLeaseDocument, { l: leaseId });
    const done = simulateScenario.filter((e) => e.kind === 'DONE');
    expect(done.map((e) => e.stepKey)).toContain('d3-email');
    const { debt } = await relance.ok(DebtTimelineDatesDocument, { id: debtId });
    const emailAt = debt.timeline.find((e) => e.kind === 'ACTION_EMAIL')!.occurredAt;
    expect(Date.parse(done.find((e) => e.stepKey === 'd3-email')!.at)).toBe(Date.parse(emailAt));
    // Nothing planned lies in the past, nothing done is planned again, and the D+10 letter is on its day.
    const planned = simulateScenario.filter((e) => e.kind === 'RUN');
    for (const event of planned) expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before - 1_000);
    expect(planned.map((e) => e.stepKey)).not.toContain('d3-email');
    expect(planned.find((e) => e.stepKey === 'd10-letter')!.at).toBe(parisTime(addDays(todayIn(), 2), 9).toISOString());
  });

  it('simulates a real lease with its tenant’s preferred channel, where it reaches them', async () => {
    const simulate = async (reference: string, tenant: Record<string, unknown>) => {
      const { leaseId } = await createLeaseInArrears(relance, { reference, dueDaysAgo: 8 });
      await addTenant(relance, leaseId, tenant);
      const { simulateScenario } = await relance.ok(SimulateStepsOnLeaseDocument, { l: leaseId });
      // Sorted: whether the SMS comes first depends on the hour (contact hours).
      return simulateScenario
        .filter((e) => e.stepKey?.startsWith('d3-'))
        .map((e) => [e.stepKey, e.kind])
        .sort();
    };
    const reachable = { email: 'pref@example.test', consentEmail: true, phone: '+33612345678', consentSms: true };
    expect(await simulate('PREF-1', { ...reachable, preferredChannel: 'EMAIL' })).toEqual([
      ['d3-email', 'RUN'],
      ['d3-sms', 'SKIP'],
    ]);
    // Prefers e-mail but has given no address: the SMS still goes.
    expect(
      await simulate('PREF-2', { ...reachable, email: null, preferredChannel: 'EMAIL' }).then((e) => e.find(([k]) => k === 'd3-sms')),
    ).toEqual(['d3-sms', 'RUN']);
  });

  it('sends the courteous reminder by the channel the tenant prefers, and says why the other was skipped', async () => {
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'PREF-3', dueDaysAgo: 8 });
    await addTenant(relance, leaseId, {
      email: 'pref-3@example.test',
      consentEmail: true,
      phone: '+33612345678',
      consentSms: true,
      preferredChannel: 'EMAIL',
    });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'standard' } });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    const debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;
    const { debt } = await eventually(
      () => relance.ok(DebtTimelineSummariesDocument, { id: debtId }),
      (r) => ['ACTION_EMAIL', 'STEP_SKIPPED'].every((kind) => r.debt.timeline.some((e) => e.kind === kind)),
      'the e-mail and the SMS skipped',
    );
    expect(debt.timeline.find((e) => e.kind === 'STEP_SKIPPED')!.summary).toBe(
      'Step d3-sms skipped: the tenant prefers e-mail: no SMS for this message; it goes by e-mail (d3-email)',
    );
    expect(debt.timeline.some((e) => e.kind === 'ACTION_SMS')).toBe(false);
  });

  it('shows the preferred channel and the catch-up policies in simulations and definitions', async () => {
    const { simulateScenario } = await relance.ok(SimulateHypotheticalDebtDocument, {
      key: 'standard',
      debt: { anchor: '2027-01-04', balanceCents: 90000, preferredChannel: 'POSTAL' },
    });
    expect(simulateScenario.slice(0, 2)).toEqual([
      { kind: 'SKIP', stepKey: 'd3-sms', reason: 'the tenant prefers letters: no SMS for this message; it goes by e-mail (d3-email)' },
      { kind: 'RUN', stepKey: 'd3-email', reason: null },
    ]);
    const { scenario } = await relance.ok(ScenarioStepPoliciesDocument, { key: 'standard' });
    const steps = scenario.versions[0].definition.steps;
    expect(steps[0]).toEqual({ key: 'd3-sms', channelGroup: 'd3-courteous', catchUp: { policy: 'WITHIN_DAYS', days: 7 } });
    expect(steps.find((s) => s.key === 'd30-formal-notice')).toMatchObject({ channelGroup: null, catchUp: { policy: 'SEND', days: null } });
    const bad = await relance.graphql(SaveScenarioDraftDocument, {
      d: {
        key: 'rattrapage',
        name: 'Rattrapage',
        steps: [{ key: 'd1-email', dayOffset: 1, action: 'EMAIL', catchUp: { policy: 'WITHIN_DAYS' } }],
      },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'definition.steps[0].catchUp.days' });
  });
});
