import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TenantProfile } from '../domain/scenario';
import type { AssignmentFacts } from '../domain/scenario-assignment';
import { RecordRepository } from '../records/record.repository';
import { Lease, LEASE_TABLE, LeaseBalances } from './lease.entity';

/** An insured lease as scenario assignment sees it, with the profiles of its tenants (null: none). */
export type InsuredLeaseFacts = Omit<AssignmentFacts, 'profile'> & { reference: string; profiles: TenantProfile[] | null };

/** What the landlord's mandate says of a lease's debts. */
export interface LeaseMandate {
  approvalSteps: string[];
  litigationThresholdCents: number;
}

/** The `lease` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class LeaseRepository extends RecordRepository<Lease> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(LEASE_TABLE, dataSource);
  }

  /**
   * Locks the workspace's leases among `leaseIds` FOR UPDATE on the caller's transaction, in
   * id order (two writers locking the same leases in another order would deadlock), and
   * returns those that exist with their kind. An id of another workspace is simply absent.
   */
  lockForLedger(manager: EntityManager, workspaceId: string, leaseIds: string[]): Promise<Array<{ id: string; kind: string }>> {
    return manager.query('SELECT id, kind FROM lease WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE', [
      workspaceId,
      leaseIds,
    ]);
  }

  /**
   * Locks one lease of the workspace FOR UPDATE on the caller's transaction: one writer of
   * its parties at a time (two replacements racing would collide on the join table's key).
   */
  async lock(manager: EntityManager, workspaceId: string, leaseId: string): Promise<void> {
    await manager.query('SELECT 1 FROM lease WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [workspaceId, leaseId]);
  }

  /**
   * Stores recomputed balances and oldest unpaid due dates (`balances.lease[i]` getting
   * `balances.cents[i]` and `balances.oldestUnpaid[i]`) in one statement; a lease where
   * neither changed is not touched (its updated_at stays).
   */
  async setBalances(manager: EntityManager, workspaceId: string, balances: LeaseBalances): Promise<void> {
    await manager.query(
      `UPDATE lease SET balance_cents = b.cents, oldest_unpaid_due_date = b.oldest, updated_at = now()
       FROM unnest($2::uuid[], $3::bigint[], $4::date[]) AS b(lease_id, cents, oldest)
       WHERE lease.workspace_id = $1 AND lease.id = b.lease_id
         AND (lease.balance_cents <> b.cents OR lease.oldest_unpaid_due_date IS DISTINCT FROM b.oldest)`,
      [workspaceId, balances.lease, balances.cents, balances.oldestUnpaid],
    );
  }

  /**
   * The workspace's leases with rent-guarantee insurance, by reference, with what scenario
   * assignment needs: whether a tenant is vulnerable, and each tenant's profile (its
   * override first). One statement for all of them.
   */
  insuredLeaseFacts(workspaceId: string, db: DataSource | EntityManager = this.dataSource): Promise<InsuredLeaseFacts[]> {
    return db.query(
      `SELECT l.reference, l.landlord_id AS "landlordId", l.kind AS "leaseKind", l.scenario_override AS "scenarioOverride",
              l.scenario_override_set_by_role AS "scenarioOverrideSetByRole", l.gli_claim_deadline_days AS "gliClaimDeadlineDays",
              EXISTS (SELECT 1 FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
                      WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id AND t.vulnerable) AS vulnerable,
              (SELECT array_agg(COALESCE(t.profile_override, t.profile)) FROM lease_tenant lt
               JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
               WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id) AS profiles
       FROM lease l WHERE l.workspace_id = $1 AND l.gli_claim_deadline_days IS NOT NULL ORDER BY l.reference`,
      [workspaceId],
    );
  }

  /** The mandate of the lease's landlord; undefined when the workspace has no such lease. */
  async mandateOf(
    workspaceId: string,
    leaseId: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<LeaseMandate | undefined> {
    const [row]: Array<{ steps: string[]; threshold: number }> = await db.query(
      `SELECT ll.mandate_approval_steps AS steps, ll.mandate_litigation_threshold_cents AS threshold
       FROM lease l JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id WHERE l.workspace_id = $1 AND l.id = $2`,
      [workspaceId, leaseId],
    );
    return row && { approvalSteps: row.steps, litigationThresholdCents: row.threshold };
  }
}
