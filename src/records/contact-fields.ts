import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { Column } from 'typeorm';
import type { RecordFieldAccess } from './record-entity';
import { IsE164 } from '../common/validators';

/** Postal address fields shared by parties and properties (flat, as the tables store them). */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
export class AddressFields {
  @Column({ name: 'address_line1', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  addressLine1?: string | null;

  @Column({ name: 'address_line2', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  addressLine2?: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  postalCode?: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  city?: string | null;

  @Column({ type: 'char', length: 2 })
  @Field(() => String, { nullable: true, description: 'ISO 3166 alpha-2, FR by default.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code like FR' })
  country?: string | null;
}

/** Address plus email and phone: how to reach a party or the agency. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
export class ContactFields extends AddressFields {
  @Column({ type: 'varchar', length: 254, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsE164()
  phone?: string | null;
}

/** What the record API lets clients do with the address fields (`recordTableOf(…, { fields })`). */
export const ADDRESS_ACCESS: Record<'addressLine1' | 'addressLine2' | 'postalCode' | 'city' | 'country', RecordFieldAccess> = {
  addressLine1: { query: true, create: true, update: true },
  addressLine2: { create: true, update: true },
  postalCode: { query: true, create: true, update: true },
  city: { query: true, create: true, update: true },
  country: { query: true, create: true, update: true },
};

/** Address access plus email and phone, filterable and settable. */
export const CONTACT_ACCESS: Record<keyof typeof ADDRESS_ACCESS | 'email' | 'phone', RecordFieldAccess> = {
  ...ADDRESS_ACCESS,
  email: { query: true, create: true, update: true },
  phone: { query: true, create: true, update: true },
};
