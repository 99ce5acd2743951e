import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { MAX_ENTRY_CENTS } from '../../src/domain/money';

/** Money received for a lease: what payments and credit notes share. */
@InputType({ isAbstract: true })
export class LeaseCreditFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'leaseId must be a UUID' })
  leaseId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_ENTRY_CENTS)
  amountCents: number;
}
