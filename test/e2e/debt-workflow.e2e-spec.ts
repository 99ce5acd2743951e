import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { TemporalClientProvider } from '../../src/temporal/temporal-client.provider';
import { statusQuery } from '../../workflows/debt.messages';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  ApproveStepDocument,
  AssignAndStartTaskDocument,
  AssignTaskDocument,
  CancelDebtDocument,
  CheckCallReportDocument,
  CompleteTaskDocument,
  CreatePaymentDocument,
  DebtEventActorsDocument,
  DebtLiveStateDocument,
  DebtLiveStateQuery,
  DebtNextActionKindDocument,
  DebtStatusDocument,
  DebtTaskStatesDocument,
  DebtTimelineKindsDocument,
  DebtWorkflowDocument,
  InstallmentInput,
  PauseDebtDocument,
  ProposePaymentPlanDocument,
  ResumeDebtDocument,
  RunArrearsDetectionByLeaseDocument,
  RunArrearsDetectionDocument,
  TaskOutcome,
  TasksInProgressOfDocument,
} from './graphql/generated';

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

  it('imports charges, detects arrears, runs the workflow, and closes it on payment', async () => {
    const { landlordId: landlord, leaseId: lease } = await createLeaseInArrears(relance, {
      reference: 'WF-1',
      dueDaysAgo: 12,
      rentCents: 60_000,
    });
    const today = todayIn();
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionDocument);
    expect(runArrearsDetection).toHaveLength(1);
    const debtId = runArrearsDetection[0].id;
    const { debt } = await relance.ok(DebtWorkflowDocument, { id: debtId });
    expect(debt).toEqual({ workflowId: `debt:${relance.workspaceId}:${debtId}`, scenarioVersion: 'standard@builtin-3' });

    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    const handle = client.workflow.getHandle(debt.workflowId!);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The query answers from the workflow's state once its first step is planned.
    let status = await handle.query(statusQuery);
    for (let i = 0; i < 100 && !status.nextAction; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await handle.query(statusQuery);
    }
    expect(status.status).toBe('OPEN');
    expect(status.nextAction?.kind).toEqual(expect.any(String));
    // Searchable in the Temporal UI by workspace, landlord and status.
    const attributes = (await handle.describe()).searchAttributes;
    expect(attributes).toMatchObject({
      RelanceWorkspaceId: [relance.workspaceId],
      RelanceLandlordId: [landlord],
      RelanceDebtStatus: ['OPEN'],
    });

    // Running detection again starts nothing twice.
    expect((await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection).toEqual([]);

    await relance.ok(CreatePaymentDocument, {
      d: { leaseId: lease, amountCents: 60_000, paidOn: today, method: 'TRANSFER', bankReference: 'WF-PAY-1' },
    });
    expect(await handle.result()).toBe('RESOLVED');
    const timeline = await relance.ok(DebtEventActorsDocument, { id: debtId });
    const kinds = timeline.debtEvents.edges.map((e) => e.node.kind);
    expect(kinds[0]).toBe('DEBT_OPENED');
    expect(kinds).toContain('PAYMENT_RECORDED');
    expect(
      timeline.debtEvents.edges.map((e) => `${e.node.kind}:${e.node.actorKind}`).filter((k) => k.startsWith('DEBT_RESOLVED')),
    ).toHaveLength(1);
  });

  it('lets an agent pause, resume and cancel, and refuses messages that make no sense', async () => {
    await createLeaseInArrears(relance, { reference: 'WF-2', dueDaysAgo: 8, kind: 'COMMERCIAL', rentCents: 150_000, period: '2026-02' });
    const debtId = (await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection[0].id;
    const statusOf = async () => (await relance.ok(DebtStatusDocument, { id: debtId })).debt.status;
    const until = async (status: string) => {
      for (let i = 0; i < 100 && (await statusOf()) !== status; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await statusOf()).toBe(status);
    };

    const past = await relance.graphql(PauseDebtDocument, { id: debtId, reason: 'x', until: '2020-01-01T00:00:00Z' });
    expect(past.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    const notPaused = await relance.graphql(ResumeDebtDocument, { id: debtId });
    expect(notPaused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const nothingAsked = await relance.graphql(ApproveStepDocument, { id: debtId, stepKey: 'd30-formal-notice' });
    expect(nothingAsked.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'stepKey' });

    await relance.ok(PauseDebtDocument, { id: debtId, reason: 'Dossier FSL en cours' });
    await until('PAUSED');
    const paused = await relance.ok(DebtNextActionKindDocument, { id: debtId });
    expect(paused.debt.nextAction!.kind).toBe('WAIT_PAUSED');
    await relance.ok(ResumeDebtDocument, { id: debtId });
    await until('OPEN');

    await relance.ok(CancelDebtDocument, { id: debtId, reason: 'Ouvert par erreur' });
    const client = await relance.running.app.get(TemporalClientProvider).getClient();
    expect(await client.workflow.getHandle(`debt:${relance.workspaceId}:${debtId}`).result()).toBe('CANCELLED');
    expect(await statusOf()).toBe('CANCELLED');
    const afterEnd = await relance.graphql(ResumeDebtDocument, { id: debtId });
    expect(afterEnd.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('takes a payment plan and a completed call through GraphQL, refusing bad ones and changing nothing', async () => {
    const { leaseId: lease } = await createLeaseInArrears(relance, {
      reference: 'WF-3',
      dueDaysAgo: 8,
      kind: 'RESIDENTIAL_FURNISHED',
      rentCents: 150_000,
      period: '2026-03',
      landlord: { mandateApprovalSteps: ['FORMAL_NOTICE', 'PAYMENT_PLAN'] },
    });
    const today = todayIn();
    // (Detection also reopens the debt cancelled by the test before, on its own lease.)
    const opened = (await relance.ok(RunArrearsDetectionByLeaseDocument)).runArrearsDetection;
    const debtId = opened.find((d) => d.leaseId === lease)!.id;
    type Live = DebtLiveStateQuery;
    const live = async () => (await relance.ok(DebtLiveStateDocument, { id: debtId })).debt;
    const eventually = async (check: (debt: Live['debt']) => boolean) => {
      let debt = await live();
      for (let i = 0; i < 100 && !check(debt); i++) {
        await new Promise((r) => setTimeout(r, 100));
        debt = await live();
      }
      if (!check(debt)) throw new Error(`never reached; the debt reads ${JSON.stringify(debt)}`);
      return debt;
    };
    const kinds = async () => (await relance.ok(DebtTimelineKindsDocument, { id: debtId })).debt.timeline.map((e) => e.kind);
    await eventually((d) => d.nextAction !== null);

    const propose = (installments: InstallmentInput[]) => relance.graphql(ProposePaymentPlanDocument, { id: debtId, i: installments });
    const short = await propose([{ dueDate: addDays(today, 5), amountCents: 50_000 }]);
    expect(short.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'installments' });
    expect(short.errors?.[0].message).toContain('the balance is 150000 cents');
    const badDate = await propose([{ dueDate: '2026-02-30', amountCents: 150_000 }]);
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'installments[0].dueDate' });
    expect((await live()).paymentPlan).toBeNull();
    expect(await kinds()).not.toContain('PLAN_PROPOSED');

    const plan = [
      { dueDate: addDays(today, 5), amountCents: 75_000 },
      { dueDate: addDays(today, 35), amountCents: 75_000 },
    ];
    expect((await propose(plan)).errors).toBeUndefined();
    // The landlord's mandate reserves payment plans: it waits for the decision.
    const waiting = await eventually((d) => d.nextAction?.kind === 'WAIT_APPROVAL');
    expect(waiting.paymentPlan).toEqual({ awaitingApproval: true, installments: plan });
    expect(waiting.nextAction?.stepKey).toBe('payment-plan');
    await relance.ok(ApproveStepDocument, { id: debtId, stepKey: 'payment-plan' });
    const onPlan = await eventually((d) => d.status === 'PAYMENT_PLAN');
    expect(onPlan.nextAction).toMatchObject({ kind: 'WAIT_PAYMENT_PLAN', at: expect.stringContaining(addDays(today, 10)) });
    const again = await propose(plan);
    expect(again.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'installments' });

    // A task, as the workflow's activity opens it, completed by an agent.
    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId,
      key: 'e2e-call',
      title: 'Call the tenant',
      body: 'Check the plan suits them',
      dueAt: new Date().toISOString(),
    });
    const tasks = await relance.ok(DebtTaskStatesDocument, { id: debtId });
    expect(tasks.tasks.edges.map((e) => e.node)).toEqual([{ id: expect.any(String), status: 'TODO', kind: 'FOLLOW_UP' }]);
    const taskId = tasks.tasks.edges[0].node.id;
    const complete = (outcome: TaskOutcome, report: string) => relance.graphql(CompleteTaskDocument, { id: taskId, outcome, report });
    const noDate = await complete('PROMISE_TO_PAY', 'Will pay');
    expect(noDate.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'promisedDate' });
    // An outcome outside the enum: refused by GraphQL, written inline or sent as a variable.
    const badOutcome = await relance.graphql(
      'mutation($id: ID!) { completeTask(id: $id, outcome: MAYBE, report: "?") { status outcome } }',
      { id: taskId },
    );
    expect(badOutcome.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(badOutcome.errors?.[0].message).toContain('"TaskOutcome"');
    const badOutcomeVariable = await relance.graphql(
      'mutation($id: ID!, $o: TaskOutcome!) { completeTask(id: $id, outcome: $o, report: "?") { id } }',
      { id: taskId, o: 'MAYBE' },
    );
    expect(badOutcomeVariable.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'outcome' });

    // Twenty's Task shape: targets, an assignee, IN_PROGRESS.
    const worked = await relance.ok(AssignAndStartTaskDocument, { id: taskId });
    expect(worked.assignTask.assignee).toBe('agent.dupont@agence.test');
    expect(worked.startTask).toMatchObject({ status: 'IN_PROGRESS', startedAt: expect.any(String) });
    expect(worked.startTask.targets).toEqual([
      { kind: 'DEBT', label: 'Debt on WF-3' },
      { kind: 'LEASE', label: 'WF-3' },
    ]);
    const badAssignee = await relance.graphql(AssignTaskDocument, { id: taskId, assignee: 'two words' });
    expect(badAssignee.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'assignee' });
    const mine = await relance.ok(TasksInProgressOfDocument, { assignee: 'agent.dupont@agence.test' });
    expect(mine.tasks.totalCount).toBe(1);

    // A report with sensitive data is refused with a warning, unless the agent confirms it.
    const { checkCallReport } = await relance.ok(CheckCallReportDocument, { report: 'Elle sort de l’hôpital, son mari est un escroc' });
    expect(checkCallReport).toEqual([
      { category: 'HEALTH', word: 'hôpital' },
      { category: 'INSULT', word: 'escroc' },
    ]);
    const sensitive = await complete('REACHED', 'Tenant is in depression');
    expect(sensitive.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'report' });
    expect(sensitive.errors?.[0].message).toMatch(/^The report seems to hold sensitive data \(health: "depression"\)/);
    const done = await complete('REACHED', 'Tenant confirms the plan suits her');
    expect(done.data?.completeTask).toEqual({ status: 'DONE', outcome: 'REACHED' });
    const twice = await complete('REACHED', 'again');
    expect(twice.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });

    expect(await kinds()).toEqual(
      expect.arrayContaining(['DEBT_OPENED', 'PLAN_PROPOSED', 'LANDLORD_APPROVED', 'TASK_CREATED', 'TASK_COMPLETED']),
    );
    await relance.ok(CancelDebtDocument, { id: debtId, reason: 'Fin du test' });
  });
});
