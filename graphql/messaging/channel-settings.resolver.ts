import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { ChannelSettingsService } from '../../src/messaging/channels/channel-settings.service';
import { ChannelSettingInput } from './channel-setting.input';
import { ChannelSettingView } from './channel-setting.object';

/** How each channel of the workspace sends (ADMIN only). */
@Resolver()
export class ChannelSettingsResolver {
  constructor(private readonly channels: ChannelSettingsService) {}

  @RequireRoles('ADMIN')
  @Query(() => [ChannelSettingView], { description: 'How each channel sends (CAPTURE unless configured).' })
  async channelSettings(@CurrentActor() actor: Actor) {
    return (await this.channels.list(actor.workspaceId)).map((s) => ({ channel: s.channel, provider: s.provider, ...s.settings }));
  }

  @RequireRoles('ADMIN')
  @Mutation(() => ChannelSettingView, { description: 'Sets the provider of one channel and its settings (ADMIN only).' })
  async setChannelSetting(@CurrentActor() actor: Actor, @Args('input') input: ChannelSettingInput) {
    const { channel, provider, ...settings } = input;
    try {
      const saved = await this.channels.set(actor.workspaceId, channel, provider, { ...settings });
      return { channel: saved.channel, provider: saved.provider, ...saved.settings };
    } catch (error) {
      if (error instanceof RelanceError && error.field)
        throw new RelanceError(error.code, error.message, { field: `input.${error.field.replace(/^settings\./, '')}` });
      throw error;
    }
  }
}
