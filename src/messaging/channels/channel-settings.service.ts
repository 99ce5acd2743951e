import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RelanceError } from '../../common/relance.error';
import { RELANCE_RUNTIME, RelanceRuntime } from '../../runtime/relance-runtime';
import { CAPTURE_CHANNEL, PRINT_QUEUE_CHANNEL } from './capture.channel';
import { MailevaRegisteredMailChannel, MailevaSettings } from './maileva-registered-mail.channel';
import { Channel, ChannelAdapter, CHANNELS, Provider, PROVIDERS_OF } from './channel-port';
import type { ChannelSetting } from './channel-setting.entity';
import { ChannelSettingRepository } from './channel-setting.repository';
import { SinchSettings, SinchSmsChannel } from './sinch-sms.channel';
import { SmtpChannel, SmtpSettings } from './smtp.channel';

/** A channel's setting as it applies: the workspace's row, or CAPTURE when it set none. */
export type EffectiveChannelSetting = Pick<ChannelSetting, 'channel' | 'provider' | 'settings'>;

/** Settings fields that are secrets: never read back, kept when an update leaves them out. */
const SECRETS = ['password', 'apiToken', 'callbackToken', 'clientSecret'];

/**
 * How each workspace reaches people, channel by channel. With nothing configured every
 * channel is CAPTURE: the embedded default sends nothing and keeps what it would send.
 */
@Injectable()
export class ChannelSettingsService {
  constructor(
    private readonly channelSettings: ChannelSettingRepository,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {}

  /** True when `token` is the one Sinch was given for this workspace's SMS delivery reports. */
  async isSinchCallbackToken(workspaceId: string, token: string): Promise<boolean> {
    const { provider, settings } = await this.get(workspaceId, 'SMS');
    const expected = typeof settings.callbackToken === 'string' ? Buffer.from(settings.callbackToken) : undefined;
    const given = Buffer.from(token);
    return provider === 'SINCH' && !!expected && expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** A channel's setting; `db` is the caller's transaction when it holds one (never a second connection). */
  async get(workspaceId: string, channel: Channel, db?: Pick<EntityManager, 'query'>): Promise<EffectiveChannelSetting> {
    const row = await this.channelSettings.find(workspaceId, channel, db);
    return row ? { channel, provider: row.provider, settings: row.settings } : { channel, provider: 'CAPTURE', settings: {} };
  }

  /** Every channel's setting, secrets left out. */
  async list(workspaceId: string): Promise<EffectiveChannelSetting[]> {
    const settings = await Promise.all(CHANNELS.map((channel) => this.get(workspaceId, channel)));
    return settings.map((s) => ({ ...s, settings: Object.fromEntries(Object.entries(s.settings).filter(([k]) => !SECRETS.includes(k))) }));
  }

  async set(workspaceId: string, channel: Channel, provider: Provider, input: Record<string, unknown>): Promise<EffectiveChannelSetting> {
    if (!PROVIDERS_OF[channel].includes(provider)) {
      throw new RelanceError('BAD_USER_INPUT', `${channel} can go through ${PROVIDERS_OF[channel].join(' or ')}, not ${provider}`, {
        field: 'provider',
      });
    }
    const previous = await this.get(workspaceId, channel);
    const kept =
      previous.provider === provider
        ? Object.fromEntries(SECRETS.filter((k) => previous.settings[k] !== undefined).map((k) => [k, previous.settings[k]]))
        : {};
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
    const settings = validateSettings(provider, { ...kept, ...given });
    await this.channelSettings.save(workspaceId, channel, provider, settings);
    return (await this.list(workspaceId)).find((s) => s.channel === channel)!;
  }

  async adapter(workspaceId: string, channel: Channel): Promise<ChannelAdapter> {
    const { provider, settings } = await this.get(workspaceId, channel);
    switch (provider) {
      case 'SMTP':
        return new SmtpChannel(settings as unknown as SmtpSettings);
      case 'SINCH': {
        const { publicUrl } = this.runtime.config;
        const callbackUrl = publicUrl ? `${publicUrl}/webhooks/sinch/${workspaceId}/${settings.callbackToken as string}` : undefined;
        return new SinchSmsChannel(settings as unknown as SinchSettings, callbackUrl);
      }
      case 'PRINT_QUEUE':
        return PRINT_QUEUE_CHANNEL;
      case 'MAILEVA':
        return new MailevaRegisteredMailChannel(settings as unknown as MailevaSettings);
      case 'CAPTURE':
        return CAPTURE_CHANNEL;
    }
  }
}

function validateSettings(provider: Provider, raw: Record<string, unknown>): Record<string, unknown> {
  const field = (name: string) => `settings.${name}`;
  const text = (name: string, max = 300): string => {
    const value = raw[name];
    if (typeof value !== 'string' || !value.trim() || value.length > max)
      throw new RelanceError('BAD_USER_INPUT', `${name} is required (1 to ${max} characters)`, { field: field(name) });
    return value.trim();
  };
  const url = (name: string): string => {
    const value = text(name);
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error();
    } catch {
      throw new RelanceError('BAD_USER_INPUT', `${name} must be an http(s) URL`, { field: field(name) });
    }
    return value;
  };
  switch (provider) {
    case 'CAPTURE':
    case 'PRINT_QUEUE':
      return {};
    case 'SMTP': {
      const port = raw.port;
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new RelanceError('BAD_USER_INPUT', 'port must be a TCP port from 1 to 65535', { field: field('port') });
      }
      const from = text('from');
      if (!/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(from))
        throw new RelanceError('BAD_USER_INPUT', 'from must hold an e-mail address', { field: field('from') });
      const username = typeof raw.username === 'string' && raw.username.trim() ? raw.username.trim() : undefined;
      return {
        host: text('host', 253),
        port,
        secure: raw.secure === true,
        from,
        ...(username ? { username, password: text('password') } : {}),
      };
    }
    case 'MAILEVA': {
      const notificationEmail = text('notificationEmail', 254);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(notificationEmail))
        throw new RelanceError('BAD_USER_INPUT', 'notificationEmail must be an e-mail address', { field: field('notificationEmail') });
      const senderPostalCity = text('senderPostalCity', 38);
      if (!/^\d{5} \S/.test(senderPostalCity))
        throw new RelanceError('BAD_USER_INPUT', 'senderPostalCity must read "postcode city", e.g. "69002 Lyon"', {
          field: field('senderPostalCity'),
        });
      return {
        apiUrl: url('apiUrl'),
        authUrl: url('authUrl'),
        clientId: text('clientId'),
        clientSecret: text('clientSecret'),
        username: text('username'),
        password: text('password'),
        notificationEmail,
        senderName: text('senderName', 38),
        senderStreet: text('senderStreet', 38),
        senderPostalCity,
      };
    }
    case 'SINCH':
      return {
        baseUrl: url('baseUrl'),
        servicePlanId: text('servicePlanId', 100),
        apiToken: text('apiToken'),
        sender: text('sender', 20),
        // The secret in the delivery-report URL Sinch calls back (see sinch-webhook.controller.ts).
        callbackToken: typeof raw.callbackToken === 'string' ? raw.callbackToken : randomBytes(24).toString('hex'),
      };
  }
}
