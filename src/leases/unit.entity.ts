import { Field, ID, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { recordTableOf } from '../records/record-entity';

/** A let unit (lot) of a property: the one declaration of the `unit` table. */
@Entity('unit')
@Index('unit_workspace_id_property_id_label_key', ['workspaceId', 'propertyId', 'label'], { unique: true })
@ObjectType({ description: 'A let unit (lot) of a property.' })
export class Unit {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'property_id', type: 'uuid' })
  @Field(() => ID)
  @IsUUID('all', { message: 'propertyId must be a UUID' })
  propertyId: string;

  @Column({ type: 'varchar', length: 100 })
  @Field({ description: 'e.g. "Apt 3B"; unique within the property.' })
  @Length(1, 100)
  label: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  floor?: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Landlords see the units their leases are in. */
export const UNIT_TABLE = recordTableOf(Unit, {
  alias: 'u',
  landlordScope: 'EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = u.workspace_id AND x.unit_id = u.id AND x.landlord_id = $L)',
  defaultOrder: [{ label: 'AscNullsLast' }],
  fields: {
    propertyId: { query: true, create: true },
    label: { query: true, create: true, update: true },
    floor: { query: true, create: true, update: true },
    createdAt: { query: true },
    updatedAt: { query: true },
  },
});
