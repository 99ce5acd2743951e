import { Field, InputType } from '@nestjs/graphql';
import { Length } from 'class-validator';
import { IsCalendarDate } from '../../src/common/validators';
import { LeaseCreditFields } from './lease-credit.fields';

@InputType({ description: 'A credit note (avoir) or adjustment in the tenant’s favour.' })
export class CreateCreditNoteInput extends LeaseCreditFields {
  @Field()
  @IsCalendarDate()
  issuedOn: string;

  @Field()
  @Length(1, 500)
  reason: string;
}
