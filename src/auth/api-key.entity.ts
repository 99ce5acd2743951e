import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { API_KEY_ROLES, ApiKeyRole } from './actor';

/**
 * An API key of a workspace: the one declaration of the `api_key` table. Only the SHA-256
 * of the key is stored (see api-key-secret.ts); the secret is shown once, at creation.
 */
@Entity('api_key')
// The guard's lookup of a key: its workspace in clear, then the hash.
@Index('api_key_secret', ['workspaceId', 'secretHash'], { unique: true })
@ObjectType({ description: 'An API key (its secret is never shown again after creation).' })
export class ApiKey {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name: string;

  @Column({ type: 'varchar', length: 16, enum: API_KEY_ROLES })
  @Field(() => enumOf(API_KEY_ROLES))
  role: ApiKeyRole;

  @Column({ name: 'landlord_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  landlordId: string | null;

  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  revokedAt: string | null;
}
