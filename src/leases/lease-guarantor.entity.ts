import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A guarantor (caution) of a lease: the `lease_guarantor` join table. Not a GraphQL
 * object: a lease shows its `guarantorIds`. Deleted with its lease.
 */
@Entity('lease_guarantor')
@Index('lease_guarantor_guarantor', ['workspaceId', 'guarantorId'])
export class LeaseGuarantor {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @PrimaryColumn({ name: 'guarantor_id', type: 'uuid' })
  guarantorId: string;
}
