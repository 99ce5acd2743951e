import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The due date of a lease's oldest charge still owed, beside its balance and written with
 * it by the ledger (issue 12: the extranet's portfolio sorts by days late). Filled here
 * from the stored allocation, as the ledger would write it.
 */
/** Each lease's oldest charge still owed, from the stored allocation (rows: workspace_id, lease_id, due_date). */
export const OLDEST_UNPAID_FROM_ALLOCATION = `
  SELECT c.workspace_id, c.lease_id, min(c.due_date) AS due_date
  FROM charge c
  LEFT JOIN (
    SELECT workspace_id, charge_id, sum(rent_cents + charges_cents + fee_cents) AS paid
    FROM allocation GROUP BY workspace_id, charge_id
  ) a ON a.workspace_id = c.workspace_id AND a.charge_id = c.id
  WHERE c.rent_cents + c.charges_cents + c.fee_cents > COALESCE(a.paid, 0)
  GROUP BY c.workspace_id, c.lease_id`;

export class LeaseOldestUnpaid1795458700000 implements MigrationInterface {
  name = 'LeaseOldestUnpaid1795458700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE lease ADD COLUMN oldest_unpaid_due_date date');
    await q.query(`UPDATE lease l SET oldest_unpaid_due_date = o.due_date FROM (${OLDEST_UNPAID_FROM_ALLOCATION}) o
      WHERE l.workspace_id = o.workspace_id AND l.id = o.lease_id`);
    await q.query('CREATE INDEX lease_oldest_unpaid ON lease (workspace_id, oldest_unpaid_due_date)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX lease_oldest_unpaid');
    await q.query('ALTER TABLE lease DROP COLUMN oldest_unpaid_due_date');
  }
}
