import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Overdue money of a lease by age, in cents.' })
export class LeaseAging {
  @Field(() => Int, { description: '1 to 30 days past due' })
  days0To30: number;

  @Field(() => Int)
  days31To60: number;

  @Field(() => Int)
  days61To90: number;

  @Field(() => Int, { description: 'more than 90 days past due' })
  days90Plus: number;
}
