import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A landlord's extranet session: the one declaration of the `landlord_session` table.
 * Only the SHA-256 of the cookie's secret is stored. A session ends at `expiresAt`, when
 * the landlord signs out, or when an agent revokes the landlord's sessions.
 */
@Entity('landlord_session')
@Index('landlord_session_secret', ['secretHash'], { unique: true })
@Index('landlord_session_landlord', ['workspaceId', 'landlordId'])
@ObjectType({ description: 'A landlord’s extranet session (signed in by e-mail link).' })
export class LandlordSession {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'landlord_id', type: 'uuid' })
  @Field(() => ID)
  landlordId: string;

  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash: string;

  @Column({ name: 'sign_in_token_id', type: 'uuid' })
  signInTokenId: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'The browser that signed in, as it named itself.' })
  userAgent: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  @Field({ description: 'Last request, to within five minutes.' })
  lastSeenAt: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Field()
  expiresAt: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  revokedAt: string | null;
}

/** A session as agents list it: everything but its secret's hash. */
export type ListedLandlordSession = Omit<LandlordSession, 'secretHash'>;
