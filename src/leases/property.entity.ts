import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Length } from 'class-validator';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ADDRESS_ACCESS, AddressFields } from '../records/contact-fields';
import { recordTableOf } from '../records/record-entity';

/**
 * A building or site holding units. The one declaration of the `property` table: its
 * columns (TypeORM), its GraphQL fields and its validation; the record API's table spec
 * is derived from it below.
 */
@Entity('property')
@ObjectType({ description: 'A building or site holding units.' })
export class Property extends AddressFields {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  @Length(1, 200)
  name: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Landlords see the properties their leases are in. */
export const PROPERTY_TABLE = recordTableOf(Property, {
  alias: 'p',
  landlordScope: `EXISTS (SELECT 1 FROM lease x JOIN unit u ON u.workspace_id = x.workspace_id AND u.id = x.unit_id
    WHERE x.workspace_id = p.workspace_id AND u.property_id = p.id AND x.landlord_id = $L)`,
  defaultOrder: [{ name: 'AscNullsLast' }],
  fields: {
    name: { query: true, create: true, update: true },
    createdAt: { query: true },
    updatedAt: { query: true },
    ...ADDRESS_ACCESS,
  },
});
