import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor } from '../../src/auth/auth.decorators';
import { enumOf } from '../../src/common/graphql-enums';
import { LegalCalendarService } from '../../src/debt/legal-calendar.service';
import { LEGAL_RULES } from '../../src/domain/legal-rules';
import type { LegalRule } from '../../src/domain/legal-rules';
import { DEFAULT_RISK_WINDOW_DAYS, LegalRiskView, RISK_WINDOW_BOUNDS } from '../../src/domain/legal-risks';

// The legal risk view (src/domain/legal-risks.ts `legalRiskView`), field for field. Dates are YYYY-MM-DD, Paris.

@ObjectType({ description: 'A deadline of one open debt, overdue or due within the window.' })
export class LegalRiskItem {
  @Field(() => ID)
  debtId: string;
  @Field()
  leaseReference: string;
  @Field(() => enumOf(LEGAL_RULES))
  rule: LegalRule;
  @Field({ description: 'The deadline’s key on its debt: its task is legal:<key>.' })
  key: string;
  @Field()
  title: string;
  @Field()
  source: string;
  @Field({ description: 'The last day to act.' })
  dueOn: string;
  @Field(() => Int, { description: 'Days from today to dueOn; negative once overdue.' })
  daysLeft: number;
  @Field(() => Int, { description: 'At stake, in cents: the sum that prescribes for PRESCRIPTION, the debt’s overdue balance otherwise.' })
  amountCents: number;
}

@ObjectType({ description: 'One legal rule’s deadlines across the open debts.' })
export class LegalRuleRisk {
  @Field(() => enumOf(LEGAL_RULES))
  rule: LegalRule;
  @Field(() => Int, { description: 'Past their last day, not met.' })
  overdue: number;
  @Field(() => Int, { description: 'Last day from today to the end of the window.' })
  dueSoon: number;
  @Field(() => Int, { description: 'Debts with at least one of either.' })
  debts: number;
  @Field(() => Int, { description: 'At stake in them, in cents; a debt’s balance counted once per rule.' })
  amountCents: number;
}

@ObjectType('LegalRiskView', {
  description:
    'The deadlines the law and the GLI contracts set on the open debts, overdue or coming, and the sums that prescribe (docs/compliance.md).',
})
export class LegalRiskViewObject {
  @Field()
  asOf: string;
  @Field(() => Int)
  windowDays: number;
  @Field()
  windowEndsOn: string;
  @Field(() => Int, { description: 'Open debts read.' })
  debtsReviewed: number;
  @Field(() => Int, { description: 'Debts with a deadline overdue or due in the window.' })
  debtsAtRisk: number;
  @Field(() => [LegalRuleRisk], { description: 'Every rule, zeros included.' })
  rules: LegalRuleRisk[];
  @Field(() => Int, { description: 'Sums already prescribed and still owed, in cents (loi 89-462 art. 7-1).' })
  prescribedCents: number;
  @Field(() => Int, { description: 'Sums that prescribe within six months, in cents.' })
  prescribingCents: number;
  @Field(() => Int, { description: 'GLI claims the scenario can no longer file before the insurer’s deadline.' })
  gliClaimsAtRisk: number;
  @Field({ description: 'The winter truce is in force today (CPCE L412-6): evictions wait, recovery goes on.' })
  winterTruceActive: boolean;
  @Field(() => [LegalRiskItem], { description: 'Soonest first, at most `first`.' })
  items: LegalRiskItem[];
  @Field(() => Int, { description: 'Items in all, before `first`.' })
  totalItems: number;
}

/** `legalRisks`: the KPIs' risk view of the agency's open debts; a landlord reads the same of its own debts. */
@Resolver()
export class LegalRisksResolver {
  constructor(private readonly calendars: LegalCalendarService) {}

  @Query(() => LegalRiskViewObject, {
    description:
      'The legal risk view as of today: across the open debts (a landlord’s own only), the deadlines overdue or due within `windowDays`, ' +
      'counted by rule and listed soonest first, the sums prescribed or prescribing, the GLI claims at risk and the winter truce. ' +
      'Read from the same calendars as each Debt.legalCalendar.',
  })
  legalRisks(
    @CurrentActor() actor: Actor,
    @Args('windowDays', {
      type: () => Int,
      nullable: true,
      description: `Days ahead, ${RISK_WINDOW_BOUNDS.min} to ${RISK_WINDOW_BOUNDS.max} (${DEFAULT_RISK_WINDOW_DAYS} by default).`,
    })
    windowDays?: number | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Items listed, 0 to 500 (50 by default).' }) first?: number | null,
  ): Promise<LegalRiskView> {
    return this.calendars.riskView(actor, { windowDays, first });
  }
}
