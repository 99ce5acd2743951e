import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Unit, UNIT_TABLE } from '../../src/leases/unit.entity';
import { UnitService } from '../../src/leases/unit.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreateUnitInput extends OmitType(Unit, ['id', 'workspaceId', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateUnitInput extends PartialType(OmitType(CreateUnitInput, ['propertyId'], InputType)) {}

export const UnitResolver = recordResolverFor({
  name: 'Unit',
  plural: 'units',
  node: Unit,
  table: UNIT_TABLE,
  service: UnitService,
  createInput: CreateUnitInput,
  updateInput: UpdateUnitInput,
});
