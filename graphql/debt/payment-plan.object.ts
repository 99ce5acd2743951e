import { Field, ObjectType } from '@nestjs/graphql';
import { InstallmentInput } from './installment.input';

@ObjectType({ description: 'A payment plan running on a debt, or waiting for the landlord.' })
export class PaymentPlan {
  @Field(() => [InstallmentInput]) installments: InstallmentInput[];
  @Field({ description: 'When it was accepted; payments recorded since count towards it.' }) acceptedAt: string;
  @Field({ description: 'The landlord’s mandate reserves plans and the decision is pending (decideApproval with stepKey "payment-plan").' })
  awaitingApproval: boolean;
}
