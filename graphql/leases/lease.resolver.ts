import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Lease, LEASE_TABLE } from '../../src/leases/lease.entity';
import { LeaseService } from '../../src/leases/lease.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreateLeaseInput extends OmitType(
  Lease,
  [
    'id',
    'workspaceId',
    'balanceCents',
    'createdAt',
    'updatedAt',
    'scenarioOverrideSetBy',
    'scenarioOverrideSetByRole',
    'scenarioOverrideSetAt',
  ],
  InputType,
) {}

@InputType()
export class UpdateLeaseInput extends PartialType(OmitType(CreateLeaseInput, ['unitId', 'landlordId'], InputType)) {}

export const LeaseResolver = recordResolverFor({
  name: 'Lease',
  plural: 'leases',
  node: Lease,
  table: LEASE_TABLE,
  service: LeaseService,
  createInput: CreateLeaseInput,
  updateInput: UpdateLeaseInput,
});
