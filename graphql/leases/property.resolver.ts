import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Property, PROPERTY_TABLE } from '../../src/leases/property.entity';
import { PropertyService } from '../../src/leases/property.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreatePropertyInput extends OmitType(Property, ['id', 'workspaceId', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdatePropertyInput extends PartialType(CreatePropertyInput) {}

export const PropertyResolver = recordResolverFor({
  name: 'Property',
  plural: 'properties',
  node: Property,
  table: PROPERTY_TABLE,
  service: PropertyService,
  createInput: CreatePropertyInput,
  updateInput: UpdatePropertyInput,
});
