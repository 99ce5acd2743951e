import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reaches people (DESIGN §5): workspace copies of message templates and of the
 * locked legal blocks they include, each version kept; the PDF documents sent (with
 * their SHA-256, kept for the landlord's view); the outbox, one row per send with its
 * idempotency key (workflow id + step + channel); each workspace's channel settings.
 * Leases say whether they provide a late-payment fee; tenants, the language they read.
 */
export class CreateTemplatesDocumentsOutbox1795457500000 implements MigrationInterface {
  name = 'CreateTemplatesDocumentsOutbox1795457500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        key varchar(64) NOT NULL,
        locale varchar(2) NOT NULL CHECK (locale IN ('fr', 'en')),
        tone varchar(12) NOT NULL CHECK (tone IN ('DEFAULT', 'ONE_OFF', 'CHRONIC', 'PRECARIOUS')),
        version integer NOT NULL CHECK (version > 0),
        subject text,
        body text NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, key, locale, tone, version)
      )`);
    await q.query(`
      CREATE TABLE legal_block (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        key varchar(64) NOT NULL,
        locale varchar(2) NOT NULL CHECK (locale IN ('fr', 'en')),
        version integer NOT NULL CHECK (version > 0),
        text text NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, key, locale, version)
      )`);
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        debt_id uuid NOT NULL,
        template_key varchar(64) NOT NULL,
        title varchar(300) NOT NULL,
        file_name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL,
        content bytea NOT NULL,
        -- The send it was made for: a retried step renders its letter once.
        idempotency_key varchar(300) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, idempotency_key),
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id)
      )`);
    await q.query('CREATE INDEX document_of_debt ON document (workspace_id, debt_id, created_at)');
    await q.query(`
      CREATE TABLE outbound_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        debt_id uuid NOT NULL,
        idempotency_key varchar(300) NOT NULL,
        step_key varchar(64) NOT NULL,
        channel varchar(20) NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER', 'REGISTERED_LETTER')),
        provider varchar(20) NOT NULL CHECK (provider IN ('CAPTURE', 'SMTP', 'SINCH', 'PRINT_QUEUE', 'MAILEVA')),
        template_key varchar(64) NOT NULL,
        recipient_name varchar(300) NOT NULL,
        recipient_address text NOT NULL,
        subject text,
        body text NOT NULL,
        document_id uuid,
        status varchar(12) NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        provider_message_id varchar(300),
        last_error text,
        queued_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        printed_at timestamptz,
        tracking_number varchar(100),
        UNIQUE (workspace_id, id),
        UNIQUE (workspace_id, idempotency_key),
        FOREIGN KEY (workspace_id, debt_id) REFERENCES debt (workspace_id, id),
        FOREIGN KEY (workspace_id, document_id) REFERENCES document (workspace_id, id)
      )`);
    await q.query('CREATE INDEX outbound_message_of_debt ON outbound_message (workspace_id, debt_id, queued_at)');
    await q.query('CREATE INDEX outbound_message_by_status ON outbound_message (workspace_id, status, queued_at)');
    await q.query(`CREATE INDEX outbound_message_provider_id ON outbound_message (workspace_id, provider, provider_message_id)`);
    await q.query(`
      CREATE TABLE channel_setting (
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        channel varchar(20) NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER', 'REGISTERED_LETTER')),
        provider varchar(20) NOT NULL CHECK (provider IN ('CAPTURE', 'SMTP', 'SINCH', 'PRINT_QUEUE', 'MAILEVA')),
        settings jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, channel)
      )`);
    await q.query('ALTER TABLE lease ADD COLUMN late_fee_cents integer CHECK (late_fee_cents > 0)');
    await q.query(`ALTER TABLE tenant ADD COLUMN locale varchar(2) NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tenant DROP COLUMN locale');
    await q.query('ALTER TABLE lease DROP COLUMN late_fee_cents');
    for (const table of ['channel_setting', 'outbound_message', 'document', 'legal_block', 'message_template']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
