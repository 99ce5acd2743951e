import { Args, Field, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles, WriteAccess } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { DebtMessage, DebtWorkflowsService } from '../../src/debt/debt-workflows.service';
import { RecordStore } from '../../src/records/record-store';
import { Debt, DEBT_TABLE } from './ledger.object';

@ObjectType({ description: 'What the dunning workflow will do next.' })
export class NextAction {
  @Field({ description: 'An action (SMS, LETTER, FORMAL_NOTICE…), WAIT_PAUSED, WAIT_APPROVAL, FINISHED…' })
  kind: string;

  @Field(() => String, { nullable: true })
  stepKey?: string;

  @Field(() => String, { nullable: true, description: 'When, as ISO 8601; null when it waits on a person.' })
  at?: string;
}

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
  private readonly debts: RecordStore;

  constructor(
    private readonly workflows: DebtWorkflowsService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.debts = new RecordStore(DEBT_TABLE, dataSource);
  }

  private async send(actor: Actor, id: string, message: DebtMessage) {
    await this.debts.get(actor, id);
    await this.workflows.message(actor, id, message);
    return this.debts.get(actor, id);
  }

  /** The workflow's state; a field error with code UNAVAILABLE when Temporal does not answer. */
  private async live(actor: Actor, debt: Debt) {
    try {
      return await this.workflows.status(actor.workspaceId, debt.id);
    } catch (error) {
      throw new RelanceError('UNAVAILABLE', 'Temporal did not answer for this debt’s workflow', { cause: error });
    }
  }

  @ResolveField(() => NextAction, { nullable: true, description: 'Null when no workflow runs for the debt.' })
  async nextAction(@CurrentActor() actor: Actor, @Parent() debt: Debt): Promise<NextAction | undefined> {
    return (await this.live(actor, debt))?.nextAction;
  }

  @ResolveField(() => String, { nullable: true, description: 'The last step done or skipped.' })
  async currentStep(@CurrentActor() actor: Actor, @Parent() debt: Debt): Promise<string | undefined> {
    return (await this.live(actor, debt))?.currentStep;
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
