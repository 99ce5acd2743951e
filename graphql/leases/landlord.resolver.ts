import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Landlord, LANDLORD_TABLE } from '../../src/leases/landlord.entity';
import { LandlordService } from '../../src/leases/landlord.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreateLandlordInput extends OmitType(Landlord, ['id', 'workspaceId', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateLandlordInput extends PartialType(CreateLandlordInput) {}

export const LandlordResolver = recordResolverFor({
  name: 'Landlord',
  plural: 'landlords',
  node: Landlord,
  table: LANDLORD_TABLE,
  service: LandlordService,
  createInput: CreateLandlordInput,
  updateInput: UpdateLandlordInput,
});
