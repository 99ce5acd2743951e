import { Field, InputType, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import type { Channel, Provider } from '../../src/messaging/channels/channel-port';
import { ChannelEnum, ProviderEnum } from '../enums';

/** setChannelSetting's input: a provider and its settings, checked by ChannelSettingsService (errors name `input.<field>`). */
@InputType()
export class ChannelSettingInput {
  @Allow() @Field(() => ChannelEnum) channel: Channel;
  @Allow()
  @Field(() => ProviderEnum, {
    description:
      'One the channel can use: CAPTURE for any; SMTP for EMAIL; SINCH for SMS; PRINT_QUEUE for letters; MAILEVA for REGISTERED_LETTER.',
  })
  provider: Provider;
  @Allow() @Field(() => String, { nullable: true, description: 'SMTP host.' }) host?: string;
  @Allow() @Field(() => Int, { nullable: true, description: 'SMTP port.' }) port?: number;
  @Allow() @Field({ nullable: true, description: 'SMTP: TLS from the first byte (465).' }) secure?: boolean;
  @Allow() @Field(() => String, { nullable: true }) username?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Kept from the previous setting when left out.' }) password?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'SMTP From:, e.g. "Agence <relances@agence.fr>".' }) from?: string;
  @Allow()
  @Field(() => String, { nullable: true, description: 'Sinch: regional endpoint, e.g. https://eu.sms.api.sinch.com' })
  baseUrl?: string;
  @Allow() @Field(() => String, { nullable: true }) servicePlanId?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Kept from the previous setting when left out.' }) apiToken?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Sinch sender number or id.' }) sender?: string;
  @Allow()
  @Field(() => String, {
    nullable: true,
    description: 'Maileva: registered-mail API base, e.g. https://api.maileva.com/registered_mail/v2',
  })
  apiUrl?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 token URL.' }) authUrl?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 client id.' }) clientId?: string;
  @Allow()
  @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 client secret; kept when left out.' })
  clientSecret?: string;
  @Allow()
  @Field(() => String, { nullable: true, description: 'Maileva: where the proofs of deposit are e-mailed.' })
  notificationEmail?: string;
  @Allow()
  @Field(() => String, { nullable: true, description: 'Maileva: sender name on the envelope (38 characters).' })
  senderName?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: sender street (38 characters).' }) senderStreet?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: sender "postcode city".' }) senderPostalCity?: string;
}
