import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel, CHANNELS, Provider, PROVIDERS } from './channel-port';

/**
 * How a workspace sends on one channel: the one declaration of the `channel_setting`
 * table, one row per workspace and channel (the upsert's ON CONFLICT target is its primary
 * key). A channel without a row is CAPTURE. GraphQL shows settings without their secrets
 * (`ChannelSetting`, see ChannelSettingsService.list), never these rows.
 */
@Entity('channel_setting')
export class ChannelSetting {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 20, enum: CHANNELS })
  channel: Channel;

  @Column({ type: 'varchar', length: 20, enum: PROVIDERS })
  provider: Provider;

  /** The provider's settings, secrets included (see ChannelSettingsService). */
  @Column({ type: 'jsonb' })
  settings: Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;
}
