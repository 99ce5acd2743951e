import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel, Provider } from './channel-port';
import type { ChannelSetting } from './channel-setting.entity';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** The `channel_setting` table's SQL, always within one workspace. */
@Injectable()
export class ChannelSettingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's row for a channel, if it set one. */
  async find(
    workspaceId: string,
    channel: Channel,
    db: Db = this.dataSource,
  ): Promise<Pick<ChannelSetting, 'provider' | 'settings'> | undefined> {
    const [row]: Array<Pick<ChannelSetting, 'provider' | 'settings'>> = await db.query(
      'SELECT provider, settings FROM channel_setting WHERE workspace_id = $1 AND channel = $2',
      [workspaceId, channel],
    );
    return row;
  }

  /** Sets a channel's provider and settings, replacing what was there. */
  async save(
    workspaceId: string,
    channel: Channel,
    provider: Provider,
    settings: Record<string, unknown>,
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO channel_setting (workspace_id, channel, provider, settings) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, channel) DO UPDATE SET provider = EXCLUDED.provider, settings = EXCLUDED.settings, updated_at = now()`,
      [workspaceId, channel, provider, JSON.stringify(settings)],
    );
  }
}
