import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Channel, Provider } from '../../src/messaging/channels/channel-port';
import { ChannelEnum, ProviderEnum } from '../enums';

/** A channel's setting flattened for the API, secrets left out (ChannelSettingsService.list). */
@ObjectType('ChannelSetting', { description: 'How a workspace sends on one channel. Secrets (password, apiToken) are never returned.' })
export class ChannelSettingView {
  @Field(() => ChannelEnum) channel: Channel;
  @Field(() => ProviderEnum) provider: Provider;
  @Field(() => String, { nullable: true }) host?: string;
  @Field(() => Int, { nullable: true }) port?: number;
  @Field({ nullable: true }) secure?: boolean;
  @Field(() => String, { nullable: true }) username?: string;
  @Field(() => String, { nullable: true }) from?: string;
  @Field(() => String, { nullable: true }) baseUrl?: string;
  @Field(() => String, { nullable: true }) servicePlanId?: string;
  @Field(() => String, { nullable: true }) sender?: string;
  @Field(() => String, { nullable: true }) apiUrl?: string;
  @Field(() => String, { nullable: true }) authUrl?: string;
  @Field(() => String, { nullable: true }) clientId?: string;
  @Field(() => String, { nullable: true }) notificationEmail?: string;
  @Field(() => String, { nullable: true }) senderName?: string;
  @Field(() => String, { nullable: true }) senderStreet?: string;
  @Field(() => String, { nullable: true }) senderPostalCity?: string;
}
