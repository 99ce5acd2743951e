import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things letters needed.
 *
 * A late-payment fee (a FEE charge, on commercial and other leases only) is money of its
 * own, neither rent nor service charges: `fee_cents` on the charge and on its allocation
 * (lettrage keeps the rent / charges / fee split), so letters show the fee on its own line.
 * A FEE charge carries its amount there and only there.
 *
 * Free-text zones (`{{zone "note"}}`) an agent fills for a debt's coming step, one row per
 * workspace, debt and step; the message and the PDF of the send keep the texts they used.
 */
export class LateFeesAndMessageZones1795457800000 implements MigrationInterface {
  name = 'LateFeesAndMessageZones1795457800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE charge ADD COLUMN fee_cents integer NOT NULL DEFAULT 0 CHECK (fee_cents >= 0)');
    await q.query('ALTER TABLE allocation ADD COLUMN fee_cents integer NOT NULL DEFAULT 0 CHECK (fee_cents >= 0)');
    await q.query('ALTER TABLE charge DROP CONSTRAINT charge_check');
    // Fees posted before this migration were booked as rent (or charges): move them.
    await q.query(`
      UPDATE allocation a SET fee_cents = a.rent_cents + a.charges_cents, rent_cents = 0, charges_cents = 0
      FROM charge c WHERE c.workspace_id = a.workspace_id AND c.id = a.charge_id AND c.kind = 'FEE'`);
    await q.query(`UPDATE charge SET fee_cents = rent_cents + charges_cents, rent_cents = 0, charges_cents = 0 WHERE kind = 'FEE'`);
    await q.query(`
      ALTER TABLE charge
        ADD CONSTRAINT charge_amount_positive CHECK (rent_cents + charges_cents + fee_cents > 0),
        ADD CONSTRAINT charge_fee_only_on_fee CHECK ((kind = 'FEE') = (fee_cents > 0)),
        ADD CONSTRAINT charge_fee_is_fee_only CHECK (kind <> 'FEE' OR (rent_cents = 0 AND charges_cents = 0))`);

    await q.query(`
      CREATE TABLE debt_message_zone (
        workspace_id uuid NOT NULL,
        debt_id uuid NOT NULL,
        step_key varchar(64) NOT NULL,
        -- The scenario's template key of the step when the zones were set.
        template_key varchar(64) NOT NULL,
        -- [{ "name": "note", "text": "…" }], in the order given.
        zones jsonb NOT NULL,
        -- The agent confirmed wording the sensitive-data check flagged.
        sensitive_acknowledged boolean NOT NULL DEFAULT false,
        set_by varchar(200) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, debt_id, step_key),
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id)
      )`);
    await q.query('ALTER TABLE outbound_message ADD COLUMN zones jsonb');
    await q.query('ALTER TABLE document ADD COLUMN zones jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document DROP COLUMN zones');
    await q.query('ALTER TABLE outbound_message DROP COLUMN zones');
    await q.query('DROP TABLE debt_message_zone');
    await q.query(
      'ALTER TABLE charge DROP CONSTRAINT charge_fee_is_fee_only, DROP CONSTRAINT charge_fee_only_on_fee, DROP CONSTRAINT charge_amount_positive',
    );
    // Back to fees booked as rent.
    await q.query(`
      UPDATE allocation a SET rent_cents = a.fee_cents
      FROM charge c WHERE c.workspace_id = a.workspace_id AND c.id = a.charge_id AND c.kind = 'FEE'`);
    await q.query(`UPDATE charge SET rent_cents = fee_cents WHERE kind = 'FEE'`);
    await q.query('ALTER TABLE charge ADD CONSTRAINT charge_check CHECK (rent_cents + charges_cents > 0)');
    await q.query('ALTER TABLE allocation DROP COLUMN fee_cents');
    await q.query('ALTER TABLE charge DROP COLUMN fee_cents');
  }
}
