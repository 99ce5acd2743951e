import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles, WriteAccess } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { DebtMessage, DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import type { DebtWorkflowStatus } from '../../workflows/debt.messages';
import { validateInput } from '../../src/common/validation.pipe';
import { MAX_INSTALLMENTS } from '../../src/domain/payment-plan';
import { Debt } from '../../src/debt/debt.entity';
import { DebtService } from '../../src/debt/debt.service';
import { DebtEvent } from '../../src/timeline/debt-event.entity';
import { DebtEventService, TIMELINE_MAX } from '../../src/timeline/debt-event.service';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { InstallmentInput } from './installment.input';
import { NextAction } from './next-action.object';
import { PaymentPlan } from './payment-plan.object';

/** A debt in these statuses is over: it has no next action, whatever its workflow still says. */
const CLOSED_DEBT_STATUSES: readonly string[] = ['RESOLVED', 'CANCELLED', 'WRITTEN_OFF'];

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function text(value: string, field: string, max = 1000): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) {
    throw new RelanceError('BAD_USER_INPUT', `${field} must be 1 to ${max} characters`, { field });
  }
  return trimmed;
}

/**
 * What agents (and, for their approvals, landlords) tell a debt's workflow, and what the
 * workflow says back. Each mutation checks the debt is the caller's, then that the message
 * makes sense now; the workflow does the rest.
 */
@Resolver(() => Debt)
export class DebtActionsResolver {
  /** Keyed by the parent object, which lives as long as the request that loaded it. */
  private readonly statusOf = new WeakMap<Debt, Promise<DebtWorkflowStatus | undefined>>();

  constructor(
    private readonly workflows: DebtWorkflowsService,
    private readonly debts: DebtService,
    private readonly events: DebtEventService,
  ) {}

  private async send(actor: Actor, id: string, message: DebtMessage) {
    await this.debts.get(actor, id);
    await this.workflows.message(actor, id, message);
    return this.debts.get(actor, id);
  }

  /**
   * The workflow's live state, asked of Temporal once per debt object: only for a debt's
   * detail (its payment plan); lists read the row. A field error with code UNAVAILABLE when
   * Temporal does not answer.
   */
  private live(actor: Actor, debt: Debt) {
    let status = this.statusOf.get(debt);
    if (!status) {
      status = this.workflows.status(actor.workspaceId, debt.id).catch((error: unknown) => {
        throw new RelanceError('UNAVAILABLE', 'Temporal did not answer for this debt’s workflow', { cause: error });
      });
      this.statusOf.set(debt, status);
    }
    return status;
  }

  @ResolveField(() => NextAction, {
    nullable: true,
    description:
      'Null when no workflow runs for the debt, and once it is resolved, cancelled or written off. Read from the debt’s row, as its workflow ' +
      'publishes it (filter and sort with nextActionKind, nextActionStepKey, nextActionAt).',
  })
  nextAction(debt: Debt): NextAction | undefined {
    // A payment that clears the debt closes its row at once, next action cleared; the
    // workflow's later writes never touch a closed row.
    if (CLOSED_DEBT_STATUSES.includes(debt.status) || !debt.nextActionKind) return undefined;
    return {
      kind: debt.nextActionKind,
      ...(debt.nextActionStepKey ? { stepKey: debt.nextActionStepKey } : {}),
      ...(debt.nextActionAt ? { at: new Date(debt.nextActionAt).toISOString() } : {}),
    };
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The last step done or skipped, from the debt’s row (filter and sort with currentStep).',
  })
  currentStep(debt: Debt): string | undefined {
    return debt.currentStep ?? undefined;
  }

  @ResolveField(() => PaymentPlan, { nullable: true, description: 'The payment plan running or awaiting approval, if any.' })
  async paymentPlan(debt: Debt, _args: unknown, context: GraphqlRequestContext): Promise<PaymentPlan | undefined> {
    return (await this.live(rowScope(context).actor, debt))?.plan;
  }

  @ResolveField(() => [DebtEvent], {
    description: `What happened to the debt, oldest first (at most ${TIMELINE_MAX}): actions, messages, decisions, payments.`,
  })
  async timeline(
    @Context() context: GraphqlRequestContext,
    @Parent() debt: Debt,
    @Args('first', { type: () => Int, nullable: true, description: `At most this many entries (${TIMELINE_MAX} by default).` })
    first?: number,
  ): Promise<DebtEvent[]> {
    if (first !== undefined && first !== null && (!Number.isInteger(first) || first < 1 || first > TIMELINE_MAX)) {
      throw new RelanceError('BAD_USER_INPUT', `first must be 1 to ${TIMELINE_MAX}`, { field: 'first' });
    }
    // One statement for every debt of the page asking for as many entries.
    const { actor, loaders } = rowScope(context);
    const limit = first ?? TIMELINE_MAX;
    return loaders.of<string, DebtEvent[]>(`debt.timeline:${limit}`, (ids) => this.events.timelinesOf(actor, ids, limit)).load(debt.id);
  }

  @WriteAccess()
  @Mutation(() => Debt, {
    description:
      `Proposes a payment plan (at most ${MAX_INSTALLMENTS} installments adding up to the balance, dates increasing, the first within a month). ` +
      'The scenario waits while it is kept; a missed installment resumes it and opens a task. A landlord whose mandate reserves plans approves it first.',
  })
  async proposePaymentPlan(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('installments', { type: () => [InstallmentInput] }) installments: InstallmentInput[],
  ) {
    const checked = await Promise.all(installments.map((i, n) => validateInput(InstallmentInput, i, `installments[${n}]`)));
    return this.send(actor, debtId, {
      kind: 'proposePlan',
      installments: checked.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents })),
    });
  }

  @WriteAccess()
  @Mutation(() => Debt, { description: 'Pauses the scenario, until a date or until resumed.' })
  pauseDebt(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Args('until', { nullable: true, description: 'ISO 8601 date-time; the scenario resumes by itself then.' }) until?: string,
  ) {
    if (until !== undefined && until !== null && (!TIMESTAMP.test(until) || Number.isNaN(Date.parse(until)))) {
      throw new RelanceError('BAD_USER_INPUT', 'until must be an ISO 8601 date-time with a time zone', { field: 'until' });
    }
    return this.send(actor, id, { kind: 'pause', reason: text(reason, 'reason'), until: until ?? undefined });
  }

  @WriteAccess()
  @Mutation(() => Debt)
  resumeDebt(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.send(actor, id, { kind: 'resume' });
  }

  @RequireRoles('ADMIN', 'AGENT', 'LANDLORD')
  @Mutation(() => Debt, { description: 'The landlord’s decision on a step its mandate reserves (formal notice, hand-off).' })
  decideApproval(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('stepKey') stepKey: string,
    @Args('approve') approve: boolean,
    @Args('comment', { nullable: true }) comment?: string,
  ) {
    return this.send(actor, debtId, { kind: 'decide', stepKey, approve, comment: comment ? text(comment, 'comment') : undefined });
  }

  @WriteAccess()
  @Mutation(() => Debt, { description: 'Stops the recovery: the debt is cancelled (opened by mistake, settled otherwise).' })
  cancelDebt(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string) {
    return this.send(actor, id, { kind: 'cancel', reason: text(reason, 'reason') });
  }

  @WriteAccess()
  @Mutation(() => Debt, { description: 'Stops the recovery: the debt is written off.' })
  writeOffDebt(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string) {
    return this.send(actor, id, { kind: 'writeOff', reason: text(reason, 'reason') });
  }
}
