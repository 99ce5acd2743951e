import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Profiles as the seed article describes them, and explained (DESIGN §4): the thresholds
 * that make a tenant a one-off or a chronic late payer are the workspace's settings; each
 * debt records the profile it was opened with, why, and why its scenario was chosen; a
 * lease's scenario override records why and by whom it was set, since only an ADMIN's
 * takes a precarious tenant off the social path. Debts opened before this migration keep
 * null reasons (their choice was never explained).
 */
export class TenantProfilesExplained1795458100000 implements MigrationInterface {
  name = 'TenantProfilesExplained1795458100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workspace
        ADD COLUMN profile_window_months smallint NOT NULL DEFAULT 12 CHECK (profile_window_months BETWEEN 1 AND 36),
        ADD COLUMN profile_one_off_min_months_on_time smallint NOT NULL DEFAULT 6 CHECK (profile_one_off_min_months_on_time BETWEEN 0 AND 36),
        ADD COLUMN profile_one_off_max_arrears_percent smallint NOT NULL DEFAULT 110 CHECK (profile_one_off_max_arrears_percent BETWEEN 1 AND 1200),
        ADD COLUMN profile_chronic_min_earlier_debts smallint NOT NULL DEFAULT 2 CHECK (profile_chronic_min_earlier_debts BETWEEN 1 AND 36),
        ADD COLUMN profile_chronic_min_months_late smallint NOT NULL DEFAULT 3 CHECK (profile_chronic_min_months_late BETWEEN 1 AND 36)`);
    await q.query(`
      ALTER TABLE debt
        ADD COLUMN profile varchar(12) CHECK (profile IN ('ONE_OFF', 'CHRONIC', 'PRECARIOUS', 'UNKNOWN')),
        ADD COLUMN profile_reason varchar(1000),
        -- What the profile was decided on: the thresholds and each tenant's history then.
        ADD COLUMN profile_facts jsonb,
        ADD COLUMN scenario_reason varchar(1000)`);
    // A tenant's earlier debts are looked up lease by lease.
    await q.query('CREATE INDEX debt_by_lease ON debt (workspace_id, lease_id, opened_on)');
    await q.query(`
      ALTER TABLE lease
        ADD COLUMN scenario_override_reason varchar(500),
        ADD COLUMN scenario_override_set_by varchar(200),
        ADD COLUMN scenario_override_set_by_role varchar(16) CHECK (scenario_override_set_by_role IN ('ADMIN', 'AGENT', 'LANDLORD', 'READONLY')),
        ADD COLUMN scenario_override_set_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lease DROP COLUMN scenario_override_set_at, DROP COLUMN scenario_override_set_by_role,
        DROP COLUMN scenario_override_set_by, DROP COLUMN scenario_override_reason`);
    await q.query('DROP INDEX debt_by_lease');
    await q.query(
      'ALTER TABLE debt DROP COLUMN scenario_reason, DROP COLUMN profile_facts, DROP COLUMN profile_reason, DROP COLUMN profile',
    );
    await q.query(`
      ALTER TABLE workspace DROP COLUMN profile_chronic_min_months_late, DROP COLUMN profile_chronic_min_earlier_debts,
        DROP COLUMN profile_one_off_max_arrears_percent, DROP COLUMN profile_one_off_min_months_on_time, DROP COLUMN profile_window_months`);
  }
}
