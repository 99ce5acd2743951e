/** What an API key may do (DESIGN §1): agents and admins write; landlords and read-only keys read. */
export type ApiKeyRole = 'ADMIN' | 'AGENT' | 'LANDLORD' | 'READONLY';

export const API_KEY_ROLES: readonly ApiKeyRole[] = ['ADMIN', 'AGENT', 'LANDLORD', 'READONLY'];

/**
 * Who is calling, as the API key or the landlord's extranet session says. Every read and
 * write is scoped by `workspaceId`, taken from here and never from input; a landlord (key
 * or session) also by `landlordId`.
 */
export interface Actor {
  workspaceId: string;
  role: ApiKeyRole;
  /** The API key the request carried; absent for an extranet session. */
  apiKeyId?: string;
  /** The landlord's extranet session (signed in by e-mail link); absent for an API key. */
  sessionId?: string;
  /** Set for landlords only (LANDLORD keys and sessions): the one landlord whose records they may see. */
  landlordId?: string;
}

/**
 * Who did something, as the timeline, tasks and audit lines record it: `api-key:<id>` or
 * `session:<id>` (a landlord signed in to the extranet).
 *
 * @example
 * await handle.signal(pauseSignal, { reason, by: actorRef(actor) });
 */
export function actorRef(actor: Actor): string {
  return actor.sessionId ? `session:${actor.sessionId}` : `api-key:${actor.apiKeyId}`;
}

export function canWrite(actor: Actor): boolean {
  return actor.role === 'ADMIN' || actor.role === 'AGENT';
}
