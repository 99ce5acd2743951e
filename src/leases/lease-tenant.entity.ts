import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A tenant on a lease (colocataires: several rows per lease): the `lease_tenant` join
 * table. Not a GraphQL object: a lease shows its `tenantIds`. Deleted with its lease.
 */
@Entity('lease_tenant')
@Index('lease_tenant_tenant', ['workspaceId', 'tenantId'])
export class LeaseTenant {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;
}
