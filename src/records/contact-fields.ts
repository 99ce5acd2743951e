import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { FieldSpec } from '../../src/records/record-table';
import { IsE164 } from './validation';

/** Postal address fields shared by parties and properties (flat, as the tables store them). */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
export class AddressFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  addressLine1?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  addressLine2?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166 alpha-2, FR by default.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code like FR' })
  country?: string | null;
}

/** Address plus email and phone: how to reach a party or the agency. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
export class ContactFields extends AddressFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsE164()
  phone?: string | null;
}

export const ADDRESS_COLUMNS: Record<string, FieldSpec> = {
  addressLine1: { column: 'address_line1', type: 'string', nullable: true, query: true, create: true, update: true },
  addressLine2: { column: 'address_line2', type: 'string', nullable: true, create: true, update: true },
  postalCode: { column: 'postal_code', type: 'string', nullable: true, query: true, create: true, update: true },
  city: { column: 'city', type: 'string', nullable: true, query: true, create: true, update: true },
  country: { column: 'country', type: 'string', query: true, create: true, update: true },
};

export const STAMP_COLUMNS: Record<string, FieldSpec> = {
  id: { column: 'id', type: 'uuid' },
  createdAt: { column: 'created_at', type: 'timestamp', query: true },
  updatedAt: { column: 'updated_at', type: 'timestamp', query: true },
};
