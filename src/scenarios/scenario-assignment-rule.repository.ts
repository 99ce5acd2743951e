import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TenantProfile } from '../domain/scenario';
import { AssignmentRule } from '../domain/scenario-assignment';

/** The `scenario_assignment_rule` table's SQL, always within the caller's workspace. */
@Injectable()
export class ScenarioAssignmentRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's rules, in the order they are tried. */
  async list(workspaceId: string, db: EntityManager = this.dataSource.manager): Promise<AssignmentRule[]> {
    const rows: Array<Record<string, string | boolean | null>> = await db.query(
      `SELECT scenario_key, lease_kind, tenant_profile, landlord_id, has_rent_guarantee
       FROM scenario_assignment_rule WHERE workspace_id = $1 ORDER BY position`,
      [workspaceId],
    );
    return rows.map((r) => ({
      scenarioKey: r.scenario_key as string,
      leaseKind: r.lease_kind as AssignmentRule['leaseKind'],
      profile: r.tenant_profile as AssignmentRule['profile'],
      landlordId: r.landlord_id as string | null,
      hasRentGuarantee: r.has_rent_guarantee as boolean | null,
    }));
  }

  /** How many rules name the scenario (only those for `profile`, when given). */
  async countNaming(
    workspaceId: string,
    scenarioKey: string,
    profile?: TenantProfile,
    db: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [{ rules }]: Array<{ rules: number }> = await db.query(
      `SELECT count(*)::int AS rules FROM scenario_assignment_rule
       WHERE workspace_id = $1 AND scenario_key = $2 AND ($3::text IS NULL OR tenant_profile = $3)`,
      [workspaceId, scenarioKey, profile ?? null],
    );
    return rules;
  }

  /** Replaces the workspace's rules whole, positions 1, 2… in the order given, on the caller's transaction. */
  async replaceAll(workspaceId: string, rules: readonly AssignmentRule[], db: EntityManager): Promise<void> {
    await db.query('DELETE FROM scenario_assignment_rule WHERE workspace_id = $1', [workspaceId]);
    for (const [i, rule] of rules.entries()) {
      await db.query(
        `INSERT INTO scenario_assignment_rule (workspace_id, position, scenario_key, lease_kind, tenant_profile, landlord_id, has_rent_guarantee)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          workspaceId,
          i + 1,
          rule.scenarioKey,
          rule.leaseKind ?? null,
          rule.profile ?? null,
          rule.landlordId ?? null,
          rule.hasRentGuarantee ?? null,
        ],
      );
    }
  }
}
