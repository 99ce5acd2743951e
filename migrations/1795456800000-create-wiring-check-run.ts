import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Table of the throw-away wiring check (GraphQL → Temporal → activity → Postgres) of the
 * foundation. Kept because it ran on existing databases; 1795457700000 drops the table.
 */
export class CreateWiringCheckRun1795456800000 implements MigrationInterface {
  name = 'CreateWiringCheckRun1795456800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE wiring_check_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id varchar(200) NOT NULL UNIQUE,
        message varchar(200) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE wiring_check_run');
  }
}
