import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Min } from 'class-validator';
import { IsCalendarDate } from '../../src/common/validators';

/** One installment of a payment plan: what an agent proposes, and what the plan shows. */
@InputType()
@ObjectType('Installment')
export class InstallmentInput {
  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  dueDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  amountCents: number;
}
