import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scenarios an agency's admins write (DESIGN §4): per key, one editable draft and
 * immutable numbered versions; archived ones are no longer given to new debts (running
 * debts keep the version they started with: their workflow carries it). The shipped
 * scenarios are code, not rows. Assignment rules pick a new debt's scenario, in order.
 */
export class CreateScenario1795457400000 implements MigrationInterface {
  name = 'CreateScenario1795457400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        key varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        draft jsonb,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, key)
      )`);
    await q.query(`
      CREATE TABLE scenario_version (
        workspace_id uuid NOT NULL,
        scenario_key varchar(64) NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        definition jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by varchar(200),
        PRIMARY KEY (workspace_id, scenario_key, version),
        FOREIGN KEY (workspace_id, scenario_key) REFERENCES scenario (workspace_id, key) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE scenario_assignment_rule (
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        scenario_key varchar(64) NOT NULL,
        lease_kind varchar(32),
        tenant_profile varchar(16),
        landlord_id uuid,
        has_rent_guarantee boolean,
        PRIMARY KEY (workspace_id, position),
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scenario_assignment_rule');
    await q.query('DROP TABLE scenario_version');
    await q.query('DROP TABLE scenario');
  }
}
