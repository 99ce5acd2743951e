import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ChargeKindEnum } from '../enums';
import { IsCalendarDate, IsPeriod } from '../../src/common/validators';
import { MAX_ENTRY_CENTS } from '../../src/domain/money';
import { CHARGE_KINDS, ChargeKind } from '../../src/ledger/charge.entity';

@InputType({ description: 'A rent call (avis d’échéance) or another debit on a lease.' })
export class CreateChargeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'leaseId must be a UUID' })
  leaseId: string;

  @Field(() => ChargeKindEnum, { nullable: true, description: 'RENT_CALL by default.' })
  @IsOptional()
  @IsIn(CHARGE_KINDS)
  kind?: ChargeKind;

  @Field({ description: 'Billed period, YYYY-MM; with the lease and kind, the idempotency key.' })
  @IsPeriod()
  period: string;

  @Field()
  @IsCalendarDate()
  dueDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  rentCents: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  chargesCents: number;

  @Field(() => Int, {
    nullable: true,
    description: 'A FEE charge’s amount (its rent and charges parts are 0); 0 by default, and on every other kind.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  feeCents?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  label?: string | null;
}
