import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What one run of the monthly statements did: statements made, found already made, e-mails sent.' })
export class IssuedLandlordStatements {
  @Field({ description: 'The month covered, YYYY-MM.' })
  month: string;

  @Field(() => Int, { description: 'Statements made by this run.' })
  issued: number;

  @Field(() => Int, { description: 'Landlords whose statement for the month existed already: nothing new was made for them.' })
  alreadyIssued: number;

  @Field(() => Int, { description: 'Statement e-mails the SMTP server took during this run.' })
  emailed: number;

  @Field(() => Int, { description: 'E-mails that failed for now; left PENDING, tried again at the next run.' })
  emailRetries: number;
}
