import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A workspace's Twenty connection: the one declaration of the `twenty_connection` table.
 * The API key and the webhook secret are sealed ({@link SecretBox}) and never read back
 * through the API. `installedItems` maps each object and field Relance created in the
 * Twenty workspace (a schema key, see twenty-schema.ts) to its metadata id: uninstalling
 * removes those and nothing else. The `sync*` columns are the outbound sync's state.
 */
@Entity('twenty_connection')
export class TwentyConnection {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'api_url', type: 'varchar', length: 500 })
  apiUrl: string;

  /** The Twenty workspace the API key opens (Twenty's `currentWorkspace.id`), once a test or an install has read it. */
  @Column({ name: 'twenty_workspace_id', type: 'varchar', length: 100, nullable: true })
  twentyWorkspaceId: string | null;

  @Column({ name: 'api_key_sealed', type: 'text' })
  apiKeySealed: string;

  @Column({ name: 'webhook_secret_sealed', type: 'text' })
  webhookSecretSealed: string;

  @Column({ name: 'installed_version', type: 'integer' })
  installedVersion: number;

  @Column({ name: 'installed_items', type: 'jsonb' })
  installedItems: Record<string, string>;

  @Column({ name: 'installed_at', type: 'timestamptz', nullable: true })
  installedAt: string | null;

  @Column({ name: 'sync_claimed_until', type: 'timestamptz', nullable: true })
  syncClaimedUntil: string | null;

  @Column({ name: 'sync_failures', type: 'integer' })
  syncFailures: number;

  @Column({ name: 'sync_next_attempt_at', type: 'timestamptz', nullable: true })
  syncNextAttemptAt: string | null;

  @Column({ name: 'sync_last_error', type: 'varchar', length: 1000, nullable: true })
  syncLastError: string | null;

  @Column({ name: 'sync_last_error_at', type: 'timestamptz', nullable: true })
  syncLastErrorAt: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;
}
