import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { enumOf } from '../../src/common/graphql-enums';
import { Debt } from '../../src/debt/debt.entity';
import { DebtService } from '../../src/debt/debt.service';
import { LegalCalendarService } from '../../src/debt/legal-calendar.service';
import { LEGAL_MILESTONES, LegalCalendar } from '../../src/domain/legal-rules';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { LegalCalendarObject } from './legal-calendar.object';

/** A debt's legal deadlines (docs/compliance.md), and the milestones agents record for them. */
@Resolver(() => Debt)
export class LegalCalendarResolver {
  constructor(
    private readonly calendars: LegalCalendarService,
    private readonly debts: DebtService,
  ) {}

  @ResolveField(() => LegalCalendarObject, {
    nullable: true,
    description:
      'The dates the law and the lease’s GLI contract set on the debt as of today: the commandement’s delay, the earliest assignation, ' +
      'the guarantor’s and the CAF’s deadlines, the GLI claim, the winter truce, prescription, and the deadlines not met yet. ' +
      'Null once the debt is closed or nothing is overdue. A page of debts reads it in one batch.',
  })
  legalCalendar(@Context() context: GraphqlRequestContext, @Parent() debt: Debt): Promise<LegalCalendar | null> {
    // One batch for every debt of the page.
    const { actor, loaders } = rowScope(context);
    return loaders
      .of<string, LegalCalendar | null>('debt.legalCalendar', (ids) => this.calendars.calendarsOf(actor.workspaceId, ids))
      .load(debt.id);
  }

  @WriteAccess()
  @Mutation(() => Debt, {
    description:
      'Records a legal milestone on an open debt: a commandement served, the guarantor informed or served, the CCAPEX referral, the CAF report, ' +
      'the GLI claim filed. The deadlines it starts open their tasks (the guarantor’s copy of a commandement within 15 days…); recording it again ' +
      'with another date corrects it.',
  })
  async recordLegalMilestone(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('milestone', { type: () => enumOf(LEGAL_MILESTONES) }) milestone: string,
    @Args('on', { description: 'The day it happened, YYYY-MM-DD (Paris); not in the future.' }) on: string,
    @Args('note', { type: () => String, nullable: true, description: 'At most 1000 characters: the bailiff’s name, a reference…' })
    note?: string | null,
  ): Promise<Debt> {
    await this.debts.get(actor, debtId);
    await this.calendars.recordMilestone(actor, debtId, { milestone, on, note });
    return this.debts.get(actor, debtId);
  }
}
