import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TenantProfile } from '../domain/scenario';
import { RecordService } from '../records/record.service';
import { Tenant } from './tenant.entity';
import { TenantRepository } from './tenant.repository';

/** Tenants: the generic record API (a lease's tenants are set through LeaseService.setParties). */
@Injectable()
export class TenantService extends RecordService<Tenant> {
  constructor(tenants: TenantRepository) {
    super(tenants);
  }
}

/**
 * Records the profiles the debt feature's assessment gives tenants (letters take their tone
 * from it), on the caller's transaction. A function over the transaction's manager, for
 * code that runs without the application (the demo seed) as well as inside it.
 */
export function recordTenantProfiles(
  manager: EntityManager,
  workspaceId: string,
  profiles: ReadonlyMap<string, TenantProfile>,
): Promise<void> {
  return new TenantRepository(manager.connection).recordProfiles(workspaceId, profiles, manager);
}
