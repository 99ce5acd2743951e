import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, Length } from 'class-validator';
import { Column } from 'typeorm';
import { CONTACT_ACCESS, ContactFields } from '../records/contact-fields';
import type { RecordFieldAccess } from '../records/record-entity';

/** Name, address, e-mail and phone: the columns tenants and guarantors share. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
export class PersonFields extends ContactFields {
  @Column({ name: 'first_name', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  lastName?: string | null;
}

/** What the record API lets clients do with a person's fields (names, contact, stamps). */
export const PERSON_ACCESS: Record<keyof typeof CONTACT_ACCESS | 'firstName' | 'lastName' | 'createdAt' | 'updatedAt', RecordFieldAccess> =
  {
    createdAt: { query: true },
    updatedAt: { query: true },
    firstName: { query: true, create: true, update: true },
    lastName: { query: true, create: true, update: true },
    ...CONTACT_ACCESS,
  };

/** Landlords see the tenants and guarantors of their own leases (`join`: lease_tenant or lease_guarantor). */
export const onLandlordLease = (join: 'lease_tenant' | 'lease_guarantor', alias: string): string =>
  `EXISTS (SELECT 1 FROM ${join} j JOIN lease x ON x.workspace_id = j.workspace_id AND x.id = j.lease_id
     WHERE j.workspace_id = ${alias}.workspace_id AND j.${join.replace('lease_', '')}_id = ${alias}.id AND x.landlord_id = $L)`;
