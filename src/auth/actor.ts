/** What an API key may do (DESIGN §1): agents and admins write; landlords and read-only keys read. */
export type ApiKeyRole = 'ADMIN' | 'AGENT' | 'LANDLORD' | 'READONLY';

export const API_KEY_ROLES: readonly ApiKeyRole[] = ['ADMIN', 'AGENT', 'LANDLORD', 'READONLY'];

/**
 * Who is calling, as the API key says. Every read and write is scoped by `workspaceId`,
 * taken from here and never from input; a LANDLORD key also by `landlordId`.
 */
export interface Actor {
  workspaceId: string;
  apiKeyId: string;
  role: ApiKeyRole;
  /** Set for LANDLORD keys only: the one landlord whose records the key may see. */
  landlordId?: string;
}

export function canWrite(actor: Actor): boolean {
  return actor.role === 'ADMIN' || actor.role === 'AGENT';
}
