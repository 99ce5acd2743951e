import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workspaces (one agency each) and their API keys. Ids are UUIDs from the built-in
 * gen_random_uuid(); every index besides a primary key leads with workspace_id.
 */
export class CreateWorkspaceAndApiKey1795457000000 implements MigrationInterface {
  name = 'CreateWorkspaceAndApiKey1795457000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workspace (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        legal_name varchar(200),
        address_line1 varchar(200),
        address_line2 varchar(200),
        postal_code varchar(20),
        city varchar(100),
        country char(2) NOT NULL DEFAULT 'FR',
        phone varchar(20),
        email varchar(254),
        iban varchar(34),
        bic varchar(11),
        payment_instructions text,
        time_zone varchar(64) NOT NULL DEFAULT 'Europe/Paris',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('ADMIN', 'AGENT', 'LANDLORD', 'READONLY')),
        landlord_id uuid,
        secret_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((role = 'LANDLORD') = (landlord_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX api_key_secret ON api_key (workspace_id, secret_hash)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_key');
    await queryRunner.query('DROP TABLE workspace');
  }
}
