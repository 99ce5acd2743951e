import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SignInPurpose } from './sign-in-token.entity';

/** A link just used: whose it is. */
export interface UsedSignInToken {
  id: string;
  workspaceId: string;
  landlordId: string;
}

/** The `landlord_sign_in_token` table's SQL. A link is looked up by its token's hash alone: it names no workspace. */
@Injectable()
export class SignInTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    db: EntityManager | DataSource,
    token: {
      workspaceId: string;
      landlordId: string;
      purpose: SignInPurpose;
      email: string;
      tokenHash: string;
      createdBy: string;
      minutes: number;
    },
  ): Promise<{ id: string; expiresAt: string }> {
    const [row]: Array<{ id: string; expiresAt: string }> = await db.query(
      `INSERT INTO landlord_sign_in_token (workspace_id, landlord_id, purpose, email, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7::int))
       RETURNING id, to_json(expires_at) #>> '{}' AS "expiresAt"`,
      [token.workspaceId, token.landlordId, token.purpose, token.email, token.tokenHash, token.createdBy, token.minutes],
    );
    return row;
  }

  /**
   * A link the landlord asked for, unless `max` were made in the last `windowMinutes` (the
   * per-address rate limit, counted and inserted in one statement): undefined then.
   */
  async insertRequested(
    token: { workspaceId: string; landlordId: string; email: string; tokenHash: string; minutes: number },
    limit: { max: number; windowMinutes: number },
  ): Promise<{ id: string; expiresAt: string } | undefined> {
    const [row]: Array<{ id: string; expiresAt: string }> = await this.dataSource.query(
      `INSERT INTO landlord_sign_in_token (workspace_id, landlord_id, purpose, email, token_hash, created_by, expires_at)
       SELECT $1, $2, 'SIGN_IN', $3, $4, 'landlord', now() + make_interval(mins => $5::int)
       WHERE (SELECT count(*) FROM landlord_sign_in_token
              WHERE workspace_id = $1 AND landlord_id = $2 AND purpose = 'SIGN_IN'
                AND created_at > now() - make_interval(mins => $6::int)) < $7
       RETURNING id, to_json(expires_at) #>> '{}' AS "expiresAt"`,
      [token.workspaceId, token.landlordId, token.email, token.tokenHash, token.minutes, limit.windowMinutes, limit.max],
    );
    return row;
  }

  /** Marks the link used, in the caller's transaction, when it is unused and unexpired: at most one caller gets it. */
  async use(db: EntityManager, tokenHash: string): Promise<UsedSignInToken | undefined> {
    const [row]: UsedSignInToken[] = await db.query(
      // As a CTE, so the driver answers the returned rows (an UPDATE answers [rows, count]).
      `WITH used AS (
         UPDATE landlord_sign_in_token SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING id, workspace_id, landlord_id)
       SELECT id, workspace_id AS "workspaceId", landlord_id AS "landlordId" FROM used`,
      [tokenHash],
    );
    return row;
  }
}
