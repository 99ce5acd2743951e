import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor } from './actor';
import { csrfTokenOf, hashSecret, newSessionSecret } from './landlord-session-secret';
import type { ListedLandlordSession } from './landlord-session.entity';
import { LandlordSessionRepository } from './landlord-session.repository';

/** How long a session lasts from its sign-in. */
export const SESSION_DAYS = 30;

/** A session just opened: the cookie values to set (shown once; only the secret's hash is stored). */
export interface OpenedSession {
  sessionId: string;
  secret: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Landlords' extranet sessions: opened by a used sign-in link (src/extranet), resolved to
 * an actor by the guard on each cookie request, ended by signing out or by an agent.
 */
@Injectable()
export class LandlordSessionService {
  private readonly logger = new Logger(LandlordSessionService.name);

  constructor(private readonly sessions: LandlordSessionRepository) {}

  /** Opens a session for the landlord, in the transaction that uses the sign-in link. */
  async open(
    db: EntityManager,
    input: { workspaceId: string; landlordId: string; signInTokenId: string; userAgent?: string },
  ): Promise<OpenedSession> {
    const { secret, hash } = newSessionSecret();
    const { id, expiresAt } = await this.sessions.insert(db, {
      workspaceId: input.workspaceId,
      landlordId: input.landlordId,
      secretHash: hash,
      signInTokenId: input.signInTokenId,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      days: SESSION_DAYS,
    });
    return { sessionId: id, secret, csrfToken: csrfTokenOf(secret), expiresAt };
  }

  /** The landlord behind a session cookie, or undefined when the session is unknown, ended or expired. */
  async authenticate(secret: string): Promise<Actor | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
    const session = await this.sessions.findLive(hashSecret(secret));
    if (!session) return undefined;
    if (session.stale) {
      // "Last seen" to within five minutes; the request does not wait for it.
      this.sessions.touch(session.id).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not record a session as seen'));
    }
    return { workspaceId: session.workspaceId, role: 'LANDLORD', landlordId: session.landlordId, sessionId: session.id };
  }

  signOut(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }

  /** A landlord's open sessions, newest first (agents see who is signed in, to revoke). */
  liveOf(workspaceId: string, landlordId: string): Promise<ListedLandlordSession[]> {
    return this.sessions.liveOf(workspaceId, landlordId);
  }

  /** Ends every session of a landlord (an agent's decision); how many were live. */
  revokeAllOf(workspaceId: string, landlordId: string): Promise<number> {
    return this.sessions.revokeAllOf(workspaceId, landlordId);
  }
}
