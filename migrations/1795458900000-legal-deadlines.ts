import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the legal deadlines need to know (issue 14): whether a legal-entity landlord is a
 * family SCI (no CCAPEX referral) and whether it is a professional creditor (C. civ. 2303,
 * unset: taken from its kind); what a lease's GLI contract asks with a claim, and whether
 * it requires the claim whatever the landlord says. A case's legal milestones (commandement
 * served, CCAPEX referral…) are timeline entries, so they need no table.
 */
export class LegalDeadlines1795458900000 implements MigrationInterface {
  name = 'LegalDeadlines1795458900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE landlord ADD COLUMN family_sci boolean NOT NULL DEFAULT false,
                                        ADD COLUMN professional_creditor boolean`);
    await q.query(`ALTER TABLE lease ADD COLUMN gli_documents_required text[] NOT NULL DEFAULT '{}',
                                     ADD COLUMN gli_claim_regardless boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE lease ADD CONSTRAINT lease_gli_documents_required_max CHECK (cardinality(gli_documents_required) <= 20)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE lease DROP CONSTRAINT lease_gli_documents_required_max');
    await q.query('ALTER TABLE lease DROP COLUMN gli_claim_regardless, DROP COLUMN gli_documents_required');
    await q.query('ALTER TABLE landlord DROP COLUMN professional_creditor, DROP COLUMN family_sci');
  }
}
