import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SIGN_IN_PURPOSES = ['INVITE', 'SIGN_IN'] as const;
export type SignInPurpose = (typeof SIGN_IN_PURPOSES)[number];

/**
 * A single-use, expiring sign-in link sent to a landlord: the one declaration of the
 * `landlord_sign_in_token` table. Only the SHA-256 of the link's token is stored.
 */
@Entity('landlord_sign_in_token')
@Index('landlord_sign_in_token_hash', ['tokenHash'], { unique: true })
@Index('landlord_sign_in_token_recent', ['workspaceId', 'landlordId', 'createdAt'])
export class LandlordSignInToken {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'landlord_id', type: 'uuid' })
  landlordId: string;

  /** An agent's invitation (valid a week) or the landlord's own request (valid 30 minutes). */
  @Column({ type: 'varchar', length: 16, enum: SIGN_IN_PURPOSES })
  purpose: SignInPurpose;

  /** Where the link was sent. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** `api-key:<id>` for an invitation, `landlord` for a landlord's own request. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: string | null;
}
