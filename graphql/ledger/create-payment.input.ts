import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, Length } from 'class-validator';
import { PaymentMethodEnum } from '../enums';
import { IsCalendarDate } from '../../src/common/validators';
import { PAYMENT_METHODS, PaymentMethod } from '../../src/ledger/payment.entity';
import { LeaseCreditFields } from './lease-credit.fields';

@InputType({ description: 'A payment received (encaissement).' })
export class CreatePaymentInput extends LeaseCreditFields {
  @Field()
  @IsCalendarDate()
  paidOn: string;

  @Field(() => PaymentMethodEnum)
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  @Field({ description: 'Unique per workspace: re-sending the same payment changes nothing.' })
  @Length(1, 100)
  bankReference: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  payerName?: string | null;
}
