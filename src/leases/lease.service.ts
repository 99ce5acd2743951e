import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { requireWrite } from '../records/record.repository';
import { RecordService } from '../records/record.service';
import { GuarantorRepository } from './guarantor.repository';
import { LeaseGuarantorRepository } from './lease-guarantor.repository';
import { LandlordRepository } from './landlord.repository';
import { LeaseTenantContact, LeaseTenantRepository } from './lease-tenant.repository';
import { Lease } from './lease.entity';
import { InsuredLeaseFacts, LeaseMandate, LeaseRepository } from './lease.repository';
import { TenantRepository } from './tenant.repository';
import type { LeaseBalances } from './lease.entity';

/** Who is on a lease: its tenants (at least one) and, when given, its guarantors. */
export interface LeaseParties {
  tenantIds: string[];
  guarantorIds?: string[];
}

/**
 * Leases: the generic record API; their parties (tenants and guarantors), read in batches
 * for a page and replaced whole; and what the ledger needs of the lease row — locking the
 * leases an import touches, and storing the balances it recomputes (the ledger is the only
 * writer of `balance_cents`).
 */
@Injectable()
export class LeaseService extends RecordService<Lease> {
  constructor(
    private readonly leases: LeaseRepository,
    private readonly leaseTenants: LeaseTenantRepository,
    private readonly leaseGuarantors: LeaseGuarantorRepository,
    private readonly tenants: TenantRepository,
    private readonly guarantors: GuarantorRepository,
    private readonly landlords: LandlordRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super(leases);
  }

  /** The tenant ids of each lease, in the order of `leaseIds` (one statement: a DataLoader batch). */
  async tenantIdsOf(actor: Actor, leaseIds: readonly string[]): Promise<string[][]> {
    const byLease = await this.leaseTenants.tenantIdsOf(actor.workspaceId, leaseIds);
    return leaseIds.map((id) => byLease.get(id) ?? []);
  }

  /** The guarantor ids of each lease, in the order of `leaseIds` (one statement: a DataLoader batch). */
  async guarantorIdsOf(actor: Actor, leaseIds: readonly string[]): Promise<string[][]> {
    const byLease = await this.leaseGuarantors.guarantorIdsOf(actor.workspaceId, leaseIds);
    return leaseIds.map((id) => byLease.get(id) ?? []);
  }

  /**
   * Replaces the tenants of a lease, and its guarantors when `parties.guarantorIds` is
   * given, in one transaction; every id must name a party of the caller's workspace
   * (`data.tenantIds[2] is not a tenant of this workspace` otherwise). Returns the lease.
   */
  async setParties(actor: Actor, leaseId: string, parties: LeaseParties): Promise<Lease> {
    requireWrite(actor);
    if (parties.tenantIds.length === 0) {
      throw new RelanceError('BAD_USER_INPUT', 'data.tenantIds: a lease needs at least one tenant', { field: 'data.tenantIds' });
    }
    await this.dataSource.transaction(async (manager) => {
      await this.leases.get(actor, leaseId, manager);
      // One writer at a time per lease: two replacements racing would collide on the key.
      await this.leases.lock(manager, actor.workspaceId, leaseId);
      await this.replaceParties(manager, actor.workspaceId, leaseId, 'tenant', parties.tenantIds);
      if (parties.guarantorIds) await this.replaceParties(manager, actor.workspaceId, leaseId, 'guarantor', parties.guarantorIds);
    });
    return this.leases.get(actor, leaseId);
  }

  private async replaceParties(
    manager: EntityManager,
    workspaceId: string,
    leaseId: string,
    party: 'tenant' | 'guarantor',
    ids: string[],
  ): Promise<void> {
    const unique = [...new Set(ids)];
    const known = await (party === 'tenant' ? this.tenants : this.guarantors).existingIds(workspaceId, unique, manager);
    const missing = unique.findIndex((id) => !known.has(id));
    if (missing >= 0) {
      const field = `data.${party}Ids[${ids.indexOf(unique[missing])}]`;
      throw new RelanceError('BAD_USER_INPUT', `${field} is not a ${party} of this workspace`, { field });
    }
    await (party === 'tenant' ? this.leaseTenants : this.leaseGuarantors).replace(manager, workspaceId, leaseId, unique);
  }

  /** Whether `landlordId` names a landlord of the workspace; on the caller's transaction when given. */
  landlordExists(workspaceId: string, landlordId: string, db?: DataSource | EntityManager): Promise<boolean> {
    return this.landlords.exists(workspaceId, landlordId, db);
  }

  /** The workspace's insured leases (a GLI claim deadline) with their assignment facts, by reference: one statement. */
  insuredLeaseFacts(workspaceId: string): Promise<InsuredLeaseFacts[]> {
    return this.leases.insuredLeaseFacts(workspaceId);
  }

  /** The tenants of a lease as dunning sees them (contact, consents, profile; vulnerable: PRECARIOUS). */
  tenantContactsOf(workspaceId: string, leaseId: string): Promise<LeaseTenantContact[]> {
    return this.leaseTenants.tenantContactsOf(workspaceId, leaseId);
  }

  /** The mandate of the lease's landlord: NOT_FOUND when the workspace has no such lease. */
  async landlordMandateOf(workspaceId: string, leaseId: string): Promise<LeaseMandate> {
    const mandate = await this.leases.mandateOf(workspaceId, leaseId);
    if (!mandate) throw new RelanceError('NOT_FOUND', `No Lease with id ${leaseId}`, { field: 'leaseId' });
    return mandate;
  }

  /**
   * Locks the workspace's leases among `leaseIds` FOR UPDATE, in id order, on the caller's
   * transaction, and returns those that exist with their kind: call it before inserting any
   * ledger entry (an insert first would take a key-share lock through the foreign key, and
   * two writers upgrading it on the same lease deadlock).
   */
  lockForLedger(manager: EntityManager, workspaceId: string, leaseIds: string[]): Promise<Array<{ id: string; kind: string }>> {
    return this.leases.lockForLedger(manager, workspaceId, leaseIds);
  }

  /** Stores the balances the ledger recomputed (`balances.lease[i]` gets `balances.cents[i]`), on the caller's transaction. */
  setBalances(manager: EntityManager, workspaceId: string, balances: LeaseBalances): Promise<void> {
    return this.leases.setBalances(manager, workspaceId, balances);
  }
}
