import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ListedLandlordSession } from './landlord-session.entity';

/** A live session as the guard needs it to make an actor. */
export interface LiveLandlordSession {
  id: string;
  workspaceId: string;
  landlordId: string;
  /** Whether `last_seen_at` is older than five minutes (the guard refreshes it then). */
  stale: boolean;
}

/** The `landlord_session` table's SQL. The guard's lookup is by the secret's hash alone: a cookie names no workspace. */
@Injectable()
export class LandlordSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The session with this secret hash when it is neither revoked nor expired. */
  async findLive(secretHash: string): Promise<LiveLandlordSession | undefined> {
    const [row]: LiveLandlordSession[] = await this.dataSource.query(
      `SELECT id, workspace_id AS "workspaceId", landlord_id AS "landlordId", last_seen_at < now() - interval '5 minutes' AS stale
       FROM landlord_session WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [secretHash],
    );
    return row;
  }

  /** Opens a session, in the caller's transaction (the one that uses the sign-in link). */
  async insert(
    db: EntityManager,
    session: { workspaceId: string; landlordId: string; secretHash: string; signInTokenId: string; userAgent: string | null; days: number },
  ): Promise<{ id: string; expiresAt: string }> {
    const [row]: Array<{ id: string; expiresAt: string }> = await db.query(
      `INSERT INTO landlord_session (workspace_id, landlord_id, secret_hash, sign_in_token_id, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int))
       RETURNING id, to_json(expires_at) #>> '{}' AS "expiresAt"`,
      [session.workspaceId, session.landlordId, session.secretHash, session.signInTokenId, session.userAgent, session.days],
    );
    return row;
  }

  /** A landlord's sessions still open, newest first. */
  /** A landlord's open sessions, without their secrets' hashes (nobody reads those back). */
  async liveOf(workspaceId: string, landlordId: string): Promise<ListedLandlordSession[]> {
    return this.dataSource.query(
      `SELECT id, workspace_id AS "workspaceId", landlord_id AS "landlordId",
              sign_in_token_id AS "signInTokenId", user_agent AS "userAgent",
              to_json(created_at) #>> '{}' AS "createdAt", to_json(last_seen_at) #>> '{}' AS "lastSeenAt",
              to_json(expires_at) #>> '{}' AS "expiresAt", to_json(revoked_at) #>> '{}' AS "revokedAt"
       FROM landlord_session
       WHERE workspace_id = $1 AND landlord_id = $2 AND revoked_at IS NULL AND expires_at > now()
       ORDER BY created_at DESC, id`,
      [workspaceId, landlordId],
    );
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query('UPDATE landlord_session SET last_seen_at = now() WHERE id = $1', [id]);
  }

  /** Ends one session (signing out); a session ended already keeps its first end. */
  async revoke(id: string): Promise<void> {
    await this.dataSource.query('UPDATE landlord_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  /** Ends every live session of a landlord of the workspace; how many were live. */
  async revokeAllOf(workspaceId: string, landlordId: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH ended AS (
         UPDATE landlord_session SET revoked_at = now()
         WHERE workspace_id = $1 AND landlord_id = $2 AND revoked_at IS NULL AND expires_at > now() RETURNING id)
       SELECT id FROM ended`,
      [workspaceId, landlordId],
    );
    return rows.length;
  }
}
