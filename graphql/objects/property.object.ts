import { Field, ID, InputType, ObjectType, OmitType, PartialType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { RecordTable } from '../../src/records/record-table';
import { recordResolverFor } from '../records/record-resolver.factory';
import { ADDRESS_COLUMNS, AddressFields, STAMP_COLUMNS } from './address.fields';

/** Landlords see the properties and units their leases are in. */
const LEASED_BY_LANDLORD = (condition: string) =>
  `EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = ${condition} AND x.landlord_id = $L)`;

@ObjectType({ description: 'A building or site holding units.' })
export class Property extends AddressFields {
  @Field(() => ID)
  id: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreatePropertyInput extends OmitType(Property, ['id', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdatePropertyInput extends PartialType(CreatePropertyInput) {}

export const PROPERTY_TABLE: RecordTable = {
  name: 'Property',
  table: 'property',
  alias: 'p',
  landlordScope: LEASED_BY_LANDLORD(`p.workspace_id AND x.unit_id IN (SELECT u.id FROM unit u WHERE u.workspace_id = p.workspace_id AND u.property_id = p.id)`),
  defaultOrder: [{ name: 'AscNullsLast' }],
  fields: {
    ...STAMP_COLUMNS,
    name: { column: 'name', type: 'string', query: true, create: true, update: true },
    ...ADDRESS_COLUMNS,
  },
};

@ObjectType({ description: 'A let unit (lot) of a property.' })
export class Unit {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'propertyId must be a UUID' })
  propertyId: string;

  @Field({ description: 'e.g. "Apt 3B"; unique within the property.' })
  @Length(1, 100)
  label: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  floor?: string | null;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreateUnitInput extends OmitType(Unit, ['id', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateUnitInput extends PartialType(OmitType(CreateUnitInput, ['propertyId'], InputType)) {}

export const UNIT_TABLE: RecordTable = {
  name: 'Unit',
  table: 'unit',
  alias: 'u',
  landlordScope: LEASED_BY_LANDLORD('u.workspace_id AND x.unit_id = u.id'),
  defaultOrder: [{ label: 'AscNullsLast' }],
  fields: {
    ...STAMP_COLUMNS,
    propertyId: { column: 'property_id', type: 'uuid', query: true, create: true },
    label: { column: 'label', type: 'string', query: true, create: true, update: true },
    floor: { column: 'floor', type: 'string', nullable: true, query: true, create: true, update: true },
  },
};

export const PropertyResolver = recordResolverFor({
  name: 'Property',
  plural: 'properties',
  node: Property,
  table: PROPERTY_TABLE,
  createInput: CreatePropertyInput,
  updateInput: UpdatePropertyInput,
});

export const UnitResolver = recordResolverFor({
  name: 'Unit',
  plural: 'units',
  node: Unit,
  table: UNIT_TABLE,
  createInput: CreateUnitInput,
  updateInput: UpdateUnitInput,
});
