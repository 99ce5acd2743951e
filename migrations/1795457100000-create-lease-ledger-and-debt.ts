import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records of an agency: landlords (with their mandate), properties and units,
 * tenants and guarantors, leases, the ledger (charges, payments, credit notes and their
 * allocation) and debts with their timeline. Amounts are integer cents. Every index
 * besides a primary key leads with workspace_id; every foreign key includes it, so a row
 * can only point at rows of its own workspace. Ledger entries, debts and their timeline
 * are never deleted with their lease: a lease with history cannot be deleted (only the
 * derived allocation cascades).
 */
export class CreateLeaseLedgerAndDebt1795457100000 implements MigrationInterface {
  name = 'CreateLeaseLedgerAndDebt1795457100000';

  async up(q: QueryRunner): Promise<void> {
    const address = `
        address_line1 varchar(200),
        address_line2 varchar(200),
        postal_code varchar(20),
        city varchar(100),
        country char(2) NOT NULL DEFAULT 'FR'`;
    const stamps = `
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()`;

    await q.query(`
      CREATE TABLE landlord (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('NATURAL_PERSON', 'LEGAL_ENTITY')),
        first_name varchar(100),
        last_name varchar(100),
        company_name varchar(200),
        siren char(9),
        email varchar(254),
        phone varchar(16),
        ${address},
        mandate_litigation_threshold_cents integer NOT NULL DEFAULT 0 CHECK (mandate_litigation_threshold_cents >= 0),
        mandate_approval_steps text[] NOT NULL DEFAULT '{FORMAL_NOTICE,LITIGATION_HANDOFF}',
        mandate_information_channels text[] NOT NULL DEFAULT '{EMAIL}',
        ${stamps},
        UNIQUE (workspace_id, id),
        CHECK (kind <> 'NATURAL_PERSON' OR last_name IS NOT NULL),
        CHECK (kind <> 'LEGAL_ENTITY' OR company_name IS NOT NULL)
      )`);
    await q.query(`ALTER TABLE api_key ADD FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id)`);

    await q.query(`
      CREATE TABLE property (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        ${address},
        ${stamps},
        UNIQUE (workspace_id, id)
      )`);
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        property_id uuid NOT NULL,
        label varchar(100) NOT NULL,
        floor varchar(20),
        ${stamps},
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, property_id, label),
        FOREIGN KEY (workspace_id, property_id) REFERENCES property (workspace_id, id)
      )`);

    for (const table of ['tenant', 'guarantor']) {
      const specific =
        table === 'tenant'
          ? `preferred_channel varchar(8) NOT NULL DEFAULT 'EMAIL' CHECK (preferred_channel IN ('EMAIL', 'SMS', 'POSTAL', 'PHONE')),
        consent_email boolean NOT NULL DEFAULT false,
        consent_sms boolean NOT NULL DEFAULT false,
        profile varchar(12) NOT NULL DEFAULT 'UNKNOWN' CHECK (profile IN ('ONE_OFF', 'CHRONIC', 'PRECARIOUS', 'UNKNOWN')),
        profile_override varchar(12) CHECK (profile_override IN ('ONE_OFF', 'CHRONIC', 'PRECARIOUS', 'UNKNOWN')),
        vulnerable boolean NOT NULL DEFAULT false,`
          : `kind varchar(16) NOT NULL DEFAULT 'NATURAL_PERSON' CHECK (kind IN ('NATURAL_PERSON', 'LEGAL_ENTITY')),
        company_name varchar(200),`;
      await q.query(`
        CREATE TABLE ${table} (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
          first_name varchar(100),
          last_name varchar(100),
          email varchar(254),
          phone varchar(16),
          ${specific}
          ${address},
          ${stamps},
          UNIQUE (workspace_id, id)
        )`);
      await q.query(`CREATE INDEX ${table}_name ON ${table} (workspace_id, last_name, first_name)`);
    }

    await q.query(`
      CREATE TABLE lease (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        reference varchar(50) NOT NULL,
        unit_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('RESIDENTIAL_UNFURNISHED', 'RESIDENTIAL_FURNISHED', 'COMMERCIAL', 'OTHER')),
        signed_on date NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        monthly_rent_cents integer NOT NULL CHECK (monthly_rent_cents >= 0),
        monthly_charges_cents integer NOT NULL DEFAULT 0 CHECK (monthly_charges_cents >= 0),
        due_day smallint NOT NULL DEFAULT 1 CHECK (due_day BETWEEN 1 AND 28),
        housing_benefit_to_landlord boolean NOT NULL DEFAULT false,
        housing_benefit_cents integer CHECK (housing_benefit_cents >= 0),
        gli_insurer varchar(200),
        gli_claim_deadline_days integer CHECK (gli_claim_deadline_days > 0),
        scenario_override varchar(100),
        balance_cents bigint NOT NULL DEFAULT 0,
        ${stamps},
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, reference),
        FOREIGN KEY (workspace_id, unit_id) REFERENCES unit (workspace_id, id),
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query('CREATE INDEX lease_landlord ON lease (workspace_id, landlord_id)');
    await q.query('CREATE INDEX lease_unit ON lease (workspace_id, unit_id)');
    await q.query('CREATE INDEX lease_balance ON lease (workspace_id, balance_cents)');
    for (const party of ['tenant', 'guarantor']) {
      await q.query(`
        CREATE TABLE lease_${party} (
          workspace_id uuid NOT NULL,
          lease_id uuid NOT NULL,
          ${party}_id uuid NOT NULL,
          PRIMARY KEY (workspace_id, lease_id, ${party}_id),
          FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id) ON DELETE CASCADE,
          FOREIGN KEY (workspace_id, ${party}_id) REFERENCES ${party} (workspace_id, id)
        )`);
      await q.query(`CREATE INDEX lease_${party}_${party} ON lease_${party} (workspace_id, ${party}_id)`);
    }

    await q.query(`
      CREATE TABLE charge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        lease_id uuid NOT NULL,
        kind varchar(16) NOT NULL DEFAULT 'RENT_CALL' CHECK (kind IN ('RENT_CALL', 'REGULARISATION', 'FEE')),
        period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        due_date date NOT NULL,
        rent_cents integer NOT NULL CHECK (rent_cents >= 0),
        charges_cents integer NOT NULL CHECK (charges_cents >= 0),
        label varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, lease_id, kind, period),
        FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id),
        CHECK (rent_cents + charges_cents > 0)
      )`);
    await q.query('CREATE INDEX charge_due ON charge (workspace_id, lease_id, due_date)');
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        lease_id uuid NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        paid_on date NOT NULL,
        method varchar(16) NOT NULL CHECK (method IN ('TRANSFER', 'DIRECT_DEBIT', 'CHECK', 'CASH', 'CARD', 'HOUSING_BENEFIT', 'OTHER')),
        bank_reference varchar(100) NOT NULL,
        payer_name varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, bank_reference),
        FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id)
      )`);
    await q.query('CREATE INDEX payment_lease ON payment (workspace_id, lease_id, paid_on)');
    await q.query(`
      CREATE TABLE credit_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        lease_id uuid NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        issued_on date NOT NULL,
        reason varchar(500) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id)
      )`);
    await q.query('CREATE INDEX credit_note_lease ON credit_note (workspace_id, lease_id)');
    await q.query(`
      CREATE TABLE allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        lease_id uuid NOT NULL,
        charge_id uuid NOT NULL,
        payment_id uuid,
        credit_note_id uuid,
        rent_cents integer NOT NULL CHECK (rent_cents >= 0),
        charges_cents integer NOT NULL CHECK (charges_cents >= 0),
        FOREIGN KEY (workspace_id, charge_id) REFERENCES charge (workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, payment_id) REFERENCES payment (workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, credit_note_id) REFERENCES credit_note (workspace_id, id) ON DELETE CASCADE,
        CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL))
      )`);
    await q.query('CREATE INDEX allocation_lease ON allocation (workspace_id, lease_id)');

    await q.query(`
      CREATE TABLE debt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        lease_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'OPEN'
          CHECK (status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED', 'RESOLVED', 'WRITTEN_OFF', 'CANCELLED')),
        amount_cents bigint NOT NULL,
        oldest_unpaid_due_date date,
        opened_on date NOT NULL,
        closed_at timestamptz,
        scenario_version varchar(100),
        workflow_id varchar(200),
        ${stamps},
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, lease_id) REFERENCES lease (workspace_id, id)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX debt_one_open_per_lease ON debt (workspace_id, lease_id)
      WHERE status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')`);
    await q.query('CREATE INDEX debt_lateness ON debt (workspace_id, status, oldest_unpaid_due_date, id)');
    await q.query('CREATE INDEX debt_oldest ON debt (workspace_id, oldest_unpaid_due_date, id)');
    await q.query('CREATE INDEX debt_amount ON debt (workspace_id, amount_cents, id)');
    await q.query(`
      CREATE TABLE debt_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        debt_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        -- clock_timestamp(), not now(): events written in one transaction keep their order.
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_kind varchar(16) NOT NULL CHECK (actor_kind IN ('SYSTEM', 'API_KEY', 'WORKFLOW')),
        actor_id varchar(200),
        summary text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        -- Set by workflow activities (workflow id + step + what), so a retried activity
        -- records its event once.
        idempotency_key varchar(300),
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id)
      )`);
    await q.query('CREATE INDEX debt_event_timeline ON debt_event (workspace_id, debt_id, occurred_at)');
    await q.query('CREATE UNIQUE INDEX debt_event_once ON debt_event (workspace_id, idempotency_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'debt_event',
      'debt',
      'allocation',
      'credit_note',
      'payment',
      'charge',
      'lease_guarantor',
      'lease_tenant',
      'lease',
      'guarantor',
      'tenant',
      'unit',
      'property',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('ALTER TABLE api_key DROP CONSTRAINT api_key_workspace_id_landlord_id_fkey');
    await q.query('DROP TABLE landlord');
  }
}
