import { Field, ID, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, Length } from 'class-validator';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { PARTY_KINDS, PartyKind } from '../domain/parties';
import { recordTableOf } from '../records/record-entity';
import { onLandlordLease, PERSON_ACCESS, PersonFields } from './person-fields';

/** A guarantor (caution): the one declaration of the `guarantor` table. */
@Entity('guarantor')
@Index('guarantor_name', ['workspaceId', 'lastName', 'firstName'])
@ObjectType({ description: 'A guarantor (caution) of one or more leases.' })
export class Guarantor extends PersonFields {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 16, enum: PARTY_KINDS })
  @Field(() => enumOf(PARTY_KINDS), { nullable: true, description: 'NATURAL_PERSON by default.' })
  @IsOptional()
  @IsIn(PARTY_KINDS)
  kind?: PartyKind;

  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  companyName?: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Landlords see the guarantors of their own leases. */
export const GUARANTOR_TABLE = recordTableOf(Guarantor, {
  alias: 'g',
  landlordScope: onLandlordLease('lease_guarantor', 'g'),
  defaultOrder: [{ lastName: 'AscNullsLast' }],
  fields: {
    ...PERSON_ACCESS,
    kind: { query: true, create: true, update: true },
    companyName: { query: true, create: true, update: true },
  },
});
