import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Landlords sign in to the extranet without passwords (issue 12): an agent's invitation or
 * the landlord's own request sends a single-use, expiring link (only its SHA-256 is kept),
 * and using it opens a session held in an HttpOnly cookie (only the cookie secret's SHA-256
 * is kept). The timeline names a landlord's decision by its session.
 */
export class LandlordSignIn1795458300000 implements MigrationInterface {
  name = 'LandlordSignIn1795458300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE landlord_sign_in_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        landlord_id uuid NOT NULL,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('INVITE', 'SIGN_IN')),
        email varchar(320) NOT NULL,
        token_hash char(64) NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query('CREATE UNIQUE INDEX landlord_sign_in_token_hash ON landlord_sign_in_token (token_hash)');
    // The per-address rate limit counts a landlord's recent links.
    await q.query('CREATE INDEX landlord_sign_in_token_recent ON landlord_sign_in_token (workspace_id, landlord_id, created_at)');
    await q.query(`
      CREATE TABLE landlord_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        landlord_id uuid NOT NULL,
        secret_hash char(64) NOT NULL,
        sign_in_token_id uuid NOT NULL REFERENCES landlord_sign_in_token (id) ON DELETE CASCADE,
        user_agent varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        FOREIGN KEY (workspace_id, landlord_id) REFERENCES landlord (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query('CREATE UNIQUE INDEX landlord_session_secret ON landlord_session (secret_hash)');
    await q.query('CREATE INDEX landlord_session_landlord ON landlord_session (workspace_id, landlord_id)');
    // A landlord asking for a link is found by address, whichever workspace holds them.
    await q.query('CREATE INDEX landlord_email ON landlord (lower(email))');
    await q.query('ALTER TABLE debt_event DROP CONSTRAINT debt_event_actor_kind_check');
    await q.query(
      `ALTER TABLE debt_event ADD CONSTRAINT debt_event_actor_kind_check CHECK (actor_kind IN ('SYSTEM', 'API_KEY', 'SESSION', 'WORKFLOW'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE debt_event DROP CONSTRAINT debt_event_actor_kind_check');
    await q.query(
      `ALTER TABLE debt_event ADD CONSTRAINT debt_event_actor_kind_check CHECK (actor_kind IN ('SYSTEM', 'API_KEY', 'WORKFLOW'))`,
    );
    await q.query('DROP INDEX landlord_email');
    await q.query('DROP TABLE landlord_session');
    await q.query('DROP TABLE landlord_sign_in_token');
  }
}
