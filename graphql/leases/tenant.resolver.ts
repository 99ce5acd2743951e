import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Tenant, TENANT_TABLE } from '../../src/leases/tenant.entity';
import { TenantService } from '../../src/leases/tenant.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreateTenantInput extends OmitType(Tenant, ['id', 'workspaceId', 'profile', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateTenantInput extends PartialType(CreateTenantInput) {}

export const TenantResolver = recordResolverFor({
  name: 'Tenant',
  plural: 'tenants',
  node: Tenant,
  table: TENANT_TABLE,
  service: TenantService,
  createInput: CreateTenantInput,
  updateInput: UpdateTenantInput,
});
