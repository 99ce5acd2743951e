import { Field, Int, ObjectType } from '@nestjs/graphql';
import { enumOf } from '../../src/common/graphql-enums';
import { COMMANDEMENT_DELAYS, LEGAL_RULES } from '../../src/domain/legal-rules';
import type { CommandementDelay, LegalRule } from '../../src/domain/legal-rules';

// The debt's legal calendar (src/domain/legal-rules.ts `legalCalendar`), field for field.
// Dates are YYYY-MM-DD, Paris.

@ObjectType({ description: 'The winter truce (1 November – 31 March, CPCE L412-6) in force, or the next one. Recovery goes on during it.' })
export class WinterTruce {
  @Field()
  active: boolean;
  @Field()
  startsOn: string;
  @Field()
  endsOn: string;
  @Field()
  source: string;
}

@ObjectType({ description: 'The commandement de payer: its delay by lease, and the dates once it is served.' })
export class CommandementDates {
  @Field(() => enumOf(COMMANDEMENT_DELAYS))
  delay: CommandementDelay['kind'];
  @Field(() => String, { nullable: true })
  source: string | null;
  @Field(() => String, { nullable: true, description: 'Recorded with recordLegalMilestone(COMMANDEMENT_SERVED).' })
  servedOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The last day the tenant may pay (CPC 641 and 642: a weekend or holiday runs to the next working day).',
  })
  expiresOn: string | null;
  @Field(() => String, { nullable: true, description: 'The guarantor must be served by then (loi 89-462 art. 24: 15 days).' })
  guarantorCopyBy: string | null;
  @Field(() => String, { nullable: true })
  guarantorCopyOn: string | null;
}

@ObjectType({ description: 'When an assignation to record the lease’s termination may be served.' })
export class AssignationDates {
  @Field(() => String, { nullable: true, description: 'The earliest day; null while it waits for something.' })
  earliestOn: string | null;
  @Field(() => [String])
  waitingFor: string[];
  @Field({ description: 'A legal-entity landlord other than a family SCI refers to the CCAPEX two months before (loi 89-462 art. 24 II).' })
  ccapexRequired: boolean;
  @Field(() => String, { nullable: true })
  ccapexReferredOn: string | null;
}

@ObjectType({ description: 'Informing a natural-person guarantor of the first payment incident (C. civ. 2303).' })
export class GuarantorDates {
  @Field({ description: 'A professional creditor with a natural-person guarantor.' })
  informRequired: boolean;
  @Field(() => String, { nullable: true, description: 'The last day of the incident’s month.' })
  informBy: string | null;
  @Field(() => String, { nullable: true })
  informedOn: string | null;
}

@ObjectType({ description: 'The report to the CAF or MSA when the housing benefit is paid to the landlord.' })
export class CafReport {
  @Field()
  applies: boolean;
  @Field(() => Int, { description: 'Twice the monthly rent and charges net of the benefit, in cents.' })
  thresholdCents: number;
  @Field(() => String, { nullable: true })
  constitutedOn: string | null;
  @Field(() => String, { nullable: true, description: 'Two months after the arrears were constituted.' })
  reportBy: string | null;
  @Field(() => String, { nullable: true })
  reportedOn: string | null;
}

@ObjectType({ description: 'The rent-guarantee insurer’s claim, scheduled to meet the lease’s contract.' })
export class GliClaim {
  @Field()
  insurer: string;
  @Field({ description: 'The insurer’s deadline.' })
  claimBy: string;
  @Field({ description: 'The claim file is prepared by then, two days before the deadline.' })
  latestClaimOn: string;
  @Field(() => String, {
    nullable: true,
    description: 'The landlord’s approval is asked by then, so that their 7 days end before latestClaimOn.',
  })
  askApprovalBy: string | null;
  @Field({ description: 'The contract requires the claim whatever the landlord says: no approval is asked.' })
  approvalWaived: boolean;
  @Field({ description: 'The scenario could still meet the deadline when the debt opened; if not, a task opened at once.' })
  feasible: boolean;
  @Field(() => [String])
  documentsRequired: string[];
  @Field(() => String, { nullable: true })
  preparedOn: string | null;
  @Field(() => String, { nullable: true })
  filedOn: string | null;
}

@ObjectType({ description: 'A charge still owed that prescribes within six months, or has (loi 89-462 art. 7-1).' })
export class PrescriptionWarning {
  @Field()
  period: string;
  @Field()
  dueDate: string;
  @Field(() => Int)
  outstandingCents: number;
  @Field()
  prescribesOn: string;
  @Field(() => Int, { description: '0 or less: already prescribed.' })
  daysLeft: number;
}

@ObjectType({ description: 'A deadline not met yet: its task opens on triggerOn (in the agents’ list), due on dueOn.' })
export class LegalDeadline {
  @Field({ description: 'Stable for the debt: the task’s key is legal:<key>.' })
  key: string;
  @Field(() => enumOf(LEGAL_RULES))
  rule: LegalRule;
  @Field()
  triggerOn: string;
  @Field()
  dueOn: string;
  @Field()
  title: string;
  @Field()
  source: string;
}

@ObjectType('LegalCalendar', {
  description: 'Every date the law and the lease’s GLI contract set on the debt, as of today (docs/compliance.md).',
})
export class LegalCalendarObject {
  @Field()
  asOf: string;
  @Field(() => WinterTruce)
  winterTruce: WinterTruce;
  @Field(() => CommandementDates)
  commandement: CommandementDates;
  @Field(() => AssignationDates)
  assignation: AssignationDates;
  @Field(() => GuarantorDates)
  guarantor: GuarantorDates;
  @Field(() => CafReport)
  caf: CafReport;
  @Field(() => GliClaim, { nullable: true })
  gli: GliClaim | null;
  @Field(() => [PrescriptionWarning])
  prescription: PrescriptionWarning[];
  @Field(() => [LegalDeadline], { description: 'Soonest due first.' })
  deadlines: LegalDeadline[];
  @Field(() => [String], { description: 'What needs attention now, each naming its source.' })
  warnings: string[];
}
