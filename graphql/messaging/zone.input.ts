import { Field, InputType } from '@nestjs/graphql';
import { Allow } from 'class-validator';

/** The text of one free-text zone (`{{zone "note"}}`): for a preview, or a debt's coming message (setDebtMessageZones). */
@InputType()
export class ZoneInput {
  @Allow() @Field() name: string;
  @Allow() @Field() text: string;
}
