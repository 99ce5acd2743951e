import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { Allow } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles, WriteAccess } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { RelanceError } from '../../src/common/relance.error';
import { Channel, CHANNELS, MESSAGE_STATUSES, MessageStatus, Provider, PROVIDERS } from '../../src/channels/channel-port';
import { ChannelSettingsService } from '../../src/channels/channel-settings.service';
import { OutboxService } from '../../src/outbox/outbox.service';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';
import { LeaseKind, TenantProfile } from '../../src/domain/scenario';
import { RecordStore } from '../../src/records/record-store';
import { RecordTable } from '../../src/records/record-table';
import { loadDebtLetterFacts } from '../../src/templates/letter-context';
import { LEGAL_BLOCKS } from '../../src/templates/legal-blocks';
import { TemplateLocale, TemplateMedium, TemplateTone } from '../../src/templates/template-kinds';
import { EffectiveTemplate, TemplateService } from '../../src/templates/template.service';
import { TEMPLATE_HELPERS, TEMPLATE_LISTS, TEMPLATE_VARIABLES } from '../../src/templates/template-variables';
import { ChannelEnum, LeaseKindEnum, LocaleEnum, MessageStatusEnum, ProviderEnum, TemplateMediumEnum, TemplateSourceEnum, TemplateToneEnum, TenantProfileEnum } from '../enums';
import { recordResolverFor } from '../records/record-resolver.factory';
import { DEBT_TABLE, ON_LANDLORD_DEBT } from './ledger.object';

@ObjectType({ description: 'One send of the outbox: an e-mail, SMS or letter, with its idempotency key and delivery state.' })
export class OutboundMessage {
  @Field(() => ID) id: string;
  @Field(() => ID) debtId: string;
  @Field({ description: 'debt:<workspace>:<debt>:<step>:<channel>:<recipient #>; a key is sent at most once.' }) idempotencyKey: string;
  @Field() stepKey: string;
  @Field(() => ChannelEnum) channel: Channel;
  @Field(() => ProviderEnum, { description: 'CAPTURE keeps it here without sending.' }) provider: Provider;
  @Field() templateKey: string;
  @Field() recipientName: string;
  @Field({ description: 'E-mail address, phone number or postal address (lines).' }) recipientAddress: string;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field({ description: 'The text as sent.' }) body: string;
  @Field(() => ID, { nullable: true, description: 'The PDF attached or posted.' }) documentId: string | null;
  @Field(() => MessageStatusEnum) status: MessageStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) providerMessageId: string | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field() queuedAt: string;
  @Field(() => String, { nullable: true }) sentAt: string | null;
  @Field(() => String, { nullable: true }) deliveredAt: string | null;
  @Field(() => String, { nullable: true }) failedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Print queue: when an agent printed it.' }) printedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Registered letter: the post’s tracking number (proof of deposit).' }) trackingNumber: string | null;
}

export const OUTBOUND_MESSAGE_TABLE: RecordTable = {
  name: 'OutboundMessage', table: 'outbound_message', alias: 'om',
  landlordScope: ON_LANDLORD_DEBT('om'),
  defaultOrder: [{ queuedAt: 'DescNullsLast' }],
  fields: {
    id: { column: 'id', type: 'uuid' },
    debtId: { column: 'debt_id', type: 'uuid', query: true },
    idempotencyKey: { column: 'idempotency_key', type: 'string', query: true },
    stepKey: { column: 'step_key', type: 'string', query: true },
    channel: { column: 'channel', type: 'enum', values: CHANNELS, query: true },
    provider: { column: 'provider', type: 'enum', values: PROVIDERS, query: true },
    templateKey: { column: 'template_key', type: 'string', query: true },
    recipientName: { column: 'recipient_name', type: 'string', query: true },
    recipientAddress: { column: 'recipient_address', type: 'string' },
    subject: { column: 'subject', type: 'string', nullable: true },
    body: { column: 'body', type: 'string' },
    documentId: { column: 'document_id', type: 'uuid', nullable: true, query: true },
    status: { column: 'status', type: 'enum', values: MESSAGE_STATUSES, query: true },
    attempts: { column: 'attempts', type: 'int', query: true },
    providerMessageId: { column: 'provider_message_id', type: 'string', nullable: true, query: true },
    lastError: { column: 'last_error', type: 'string', nullable: true },
    queuedAt: { column: 'queued_at', type: 'timestamp', query: true },
    sentAt: { column: 'sent_at', type: 'timestamp', nullable: true, query: true },
    deliveredAt: { column: 'delivered_at', type: 'timestamp', nullable: true, query: true },
    failedAt: { column: 'failed_at', type: 'timestamp', nullable: true, query: true },
    printedAt: { column: 'printed_at', type: 'timestamp', nullable: true, query: true },
    trackingNumber: { column: 'tracking_number', type: 'string', nullable: true, query: true },
  },
};

@ObjectType({ description: 'A PDF Relance produced (a letter, a formal notice, a hand-off file), kept with its SHA-256.' })
export class DebtDocument {
  @Field(() => ID) id: string;
  @Field(() => ID) debtId: string;
  @Field() templateKey: string;
  @Field() title: string;
  @Field() fileName: string;
  @Field() contentType: string;
  @Field({ description: 'SHA-256 of the bytes, hex: what was sent can be proven unchanged.' }) sha256: string;
  @Field(() => Int) sizeBytes: number;
  @Field({ description: 'GET it with the same API key: /documents/<id>.' }) downloadPath: string;
  @Field() createdAt: string;
}

export const DOCUMENT_TABLE: RecordTable = {
  name: 'Document', table: 'document', alias: 'dc',
  landlordScope: ON_LANDLORD_DEBT('dc'),
  defaultOrder: [{ createdAt: 'DescNullsLast' }],
  fields: {
    id: { column: 'id', type: 'uuid' },
    debtId: { column: 'debt_id', type: 'uuid', query: true },
    templateKey: { column: 'template_key', type: 'string', query: true },
    title: { column: 'title', type: 'string', query: true },
    fileName: { column: 'file_name', type: 'string', query: true },
    contentType: { column: 'content_type', type: 'string' },
    sha256: { column: 'sha256', type: 'string', query: true },
    sizeBytes: { column: 'size_bytes', type: 'int', query: true },
    downloadPath: { column: 'id', sql: `'/documents/' || dc.id`, type: 'string' },
    createdAt: { column: 'created_at', type: 'timestamp', query: true },
  },
};

export const OutboundMessageResolver = recordResolverFor({ name: 'OutboundMessage', plural: 'outboundMessages', node: OutboundMessage, table: OUTBOUND_MESSAGE_TABLE });
export const DocumentResolver = recordResolverFor({ name: 'Document', plural: 'documents', node: DebtDocument, table: DOCUMENT_TABLE });

@ObjectType()
class TemplateVariableView {
  @Field() path: string;
  @Field() description: string;
  @Field() example: string;
  @Field(() => String, { nullable: true, description: 'For a field of a list: the list ({{#each list}}).' }) list: string | null;
}

@ObjectType('MessageTemplate', { description: 'A template as it applies now: a workspace version, or the shipped text (version 0).' })
class MessageTemplateView {
  @Field({ description: 'A scenario’s template key, or a lease-kind variant of one (…-non-residential: what commercial and other leases read instead).' }) key: string;
  @Field(() => [LeaseKindEnum], { description: 'The lease kinds that read this text.' }) leaseKinds: LeaseKind[];
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field(() => TemplateToneEnum, { description: 'DEFAULT, or the tenant profile it is written for.' }) tone: TemplateTone;
  @Field(() => TemplateMediumEnum) medium: TemplateMedium;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field() body: string;
  @Field(() => Int) version: number;
  @Field(() => TemplateSourceEnum) source: EffectiveTemplate['source'];
}

@ObjectType('LegalBlock', { description: 'A locked legal block, included in templates as {{> key}}; only an ADMIN changes its text.' })
class LegalBlockView {
  @Field() key: string;
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field() text: string;
  @Field(() => Int) version: number;
  @Field(() => TemplateSourceEnum) source: EffectiveTemplate['source'];
}

@ObjectType({ description: 'A template rendered against a real debt.' })
class TemplatePreview {
  @Field(() => TemplateMediumEnum) medium: TemplateMedium;
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field(() => TemplateToneEnum) tone: TemplateTone;
  @Field(() => Int) version: number;
  @Field() subject: string;
  @Field() text: string;
}

@ObjectType('ChannelSetting', { description: 'How a workspace sends on one channel. Secrets (password, apiToken) are never returned.' })
class ChannelSettingView {
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

@InputType()
class ChannelSettingInput {
  @Allow() @Field(() => ChannelEnum) channel: Channel;
  @Allow() @Field(() => ProviderEnum, { description: 'One the channel can use: CAPTURE for any; SMTP for EMAIL; SINCH for SMS; PRINT_QUEUE for letters; MAILEVA for REGISTERED_LETTER.' }) provider: Provider;
  @Allow() @Field(() => String, { nullable: true, description: 'SMTP host.' }) host?: string;
  @Allow() @Field(() => Int, { nullable: true, description: 'SMTP port.' }) port?: number;
  @Allow() @Field({ nullable: true, description: 'SMTP: TLS from the first byte (465).' }) secure?: boolean;
  @Allow() @Field(() => String, { nullable: true }) username?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Kept from the previous setting when left out.' }) password?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'SMTP From:, e.g. "Agence <relances@agence.fr>".' }) from?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Sinch: regional endpoint, e.g. https://eu.sms.api.sinch.com' }) baseUrl?: string;
  @Allow() @Field(() => String, { nullable: true }) servicePlanId?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Kept from the previous setting when left out.' }) apiToken?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Sinch sender number or id.' }) sender?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: registered-mail API base, e.g. https://api.maileva.com/registered_mail/v2' }) apiUrl?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 token URL.' }) authUrl?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 client id.' }) clientId?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: OAuth2 client secret; kept when left out.' }) clientSecret?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: where the proofs of deposit are e-mailed.' }) notificationEmail?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: sender name on the envelope (38 characters).' }) senderName?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: sender street (38 characters).' }) senderStreet?: string;
  @Allow() @Field(() => String, { nullable: true, description: 'Maileva: sender "postcode city".' }) senderPostalCity?: string;
}

@InputType()
class MessageTemplateInput {
  @Allow() @Field() key: string;
  @Allow() @Field(() => LocaleEnum) locale: TemplateLocale;
  @Allow() @Field(() => TemplateToneEnum, { defaultValue: 'DEFAULT' }) tone: TemplateTone;
  @Allow() @Field(() => String, { nullable: true }) subject?: string | null;
  @Allow() @Field() body: string;
}

@InputType()
class LegalBlockInput {
  @Allow() @Field({ description: Object.keys(LEGAL_BLOCKS).join(', ') }) key: string;
  @Allow() @Field(() => LocaleEnum) locale: TemplateLocale;
  @Allow() @Field() text: string;
}

@InputType()
export class ZoneInput {
  @Allow() @Field() name: string;
  @Allow() @Field() text: string;
}

const ZONE_TEXT_MAX = 2_000;

/** Templates, legal blocks, previews, channel settings and the print queue. */
@Resolver()
export class MessagingResolver {
  private readonly debts: RecordStore;
  private readonly messages: RecordStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: TemplateService,
    private readonly channels: ChannelSettingsService,
    private readonly outbox: OutboxService,
    private readonly twenty: TwentySyncService,
  ) {
    this.debts = new RecordStore(DEBT_TABLE, dataSource);
    this.messages = new RecordStore(OUTBOUND_MESSAGE_TABLE, dataSource);
  }

  @Query(() => [TemplateVariableView], { description: 'The variables templates may use (anything else is refused when saving).' })
  templateVariables(): TemplateVariableView[] {
    return [
      ...TEMPLATE_VARIABLES.map((v) => ({ ...v, list: null })),
      ...TEMPLATE_LISTS.flatMap((l) => l.fields.map((f) => ({ ...f, list: l.path }))),
      ...Object.entries(TEMPLATE_HELPERS).map(([path, description]) => ({ path, description, example: '', list: null })),
    ];
  }

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => [MessageTemplateView], { description: 'Every template, language and tone, as it applies now.' })
  messageTemplates(@CurrentActor() actor: Actor) {
    return this.templates.list(actor.workspaceId);
  }

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => [LegalBlockView])
  legalBlocks(@CurrentActor() actor: Actor, @Args('locale', { type: () => LocaleEnum, defaultValue: 'fr' }) locale: TemplateLocale) {
    return this.templates.legalBlocks(actor.workspaceId, locale);
  }

  @WriteAccess()
  @Mutation(() => MessageTemplateView, {
    description: 'Saves a new version of a template. Unknown variables are refused; the locked legal blocks of the shipped text must stay.',
  })
  saveMessageTemplate(@CurrentActor() actor: Actor, @Args('input') input: MessageTemplateInput) {
    return this.templates.save(actor, input);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => LegalBlockView, { description: 'Saves a new version of a locked legal block (ADMIN only).' })
  saveLegalBlock(@CurrentActor() actor: Actor, @Args('input') input: LegalBlockInput) {
    return this.templates.saveLegalBlock(actor, input);
  }

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => TemplatePreview, {
    description: 'Renders a template against a real debt as of today, in the given language (default: the first tenant’s). With body (and subject), renders that unsaved text.',
  })
  async previewTemplate(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('key') key: string,
    @Args('locale', { type: () => LocaleEnum, nullable: true }) locale?: TemplateLocale,
    @Args('profile', { type: () => TenantProfileEnum, nullable: true, description: 'Tone for this tenant profile (default: the tenants’).' }) profile?: TenantProfile,
    @Args('subject', { type: () => String, nullable: true }) subject?: string,
    @Args('body', { type: () => String, nullable: true }) body?: string,
    @Args('zones', { type: () => [ZoneInput], nullable: true }) zones?: ZoneInput[],
  ): Promise<TemplatePreview> {
    const templateKey = this.templates.knownName(key, 'key');
    const zoneTexts: Record<string, string> = {};
    for (const [i, zone] of (zones ?? []).entries()) {
      if (zone.text.length > ZONE_TEXT_MAX) throw new RelanceError('BAD_USER_INPUT', `at most ${ZONE_TEXT_MAX} characters`, { field: `zones[${i}].text` });
      zoneTexts[zone.name] = zone.text;
    }
    await this.debts.get(actor, debtId);
    const facts = await loadDebtLetterFacts(this.dataSource.manager, actor.workspaceId, debtId, todayIn());
    const rendered = await this.templates.render(facts, {
      key: templateKey,
      locale: locale ?? facts.tenants[0]?.locale ?? 'fr',
      profile: profile ?? facts.profile,
      zones: zoneTexts,
      draft: body != null ? { subject, body } : undefined,
    });
    const t = rendered.template;
    return { medium: t.medium, locale: t.locale, tone: t.tone, version: body != null ? -1 : t.version, subject: rendered.subject, text: rendered.text };
  }

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
      if (error instanceof RelanceError && error.field) throw new RelanceError(error.code, error.message, { field: `input.${error.field.replace(/^settings\./, '')}` });
      throw error;
    }
  }

  @WriteAccess()
  @Mutation(() => [OutboundMessage], { description: 'Marks letters of the print queue as printed and posted.' })
  async markLettersPrinted(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    if (ids.length === 0 || ids.length > 500) throw new RelanceError('BAD_USER_INPUT', 'Give 1 to 500 ids', { field: 'ids' });
    for (const [i, id] of ids.entries()) {
      const message = (await this.messages.get(actor, id).catch(() => {
        throw new RelanceError('NOT_FOUND', `No outbound message ${id}`, { field: `ids[${i}]` });
      })) as unknown as OutboundMessage;
      if (message.provider !== 'PRINT_QUEUE' || message.status !== 'SENT') {
        throw new RelanceError('BAD_USER_INPUT', `Message ${id} is not a letter waiting in the print queue`, { field: `ids[${i}]` });
      }
    }
    await this.dataSource.query(`UPDATE outbound_message SET printed_at = COALESCE(printed_at, now()) WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [actor.workspaceId, ids]);
    return Promise.all(ids.map((id) => this.messages.get(actor, id)));
  }

  @WriteAccess()
  @Mutation(() => OutboundMessage, { description: 'Records the post’s tracking number of a registered letter (proof of deposit).' })
  async recordLetterDeposit(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('trackingNumber') trackingNumber: string) {
    const message = (await this.messages.get(actor, id)) as unknown as OutboundMessage;
    if (message.channel !== 'REGISTERED_LETTER' || message.status !== 'SENT') {
      throw new RelanceError('BAD_USER_INPUT', 'Only a sent registered letter takes a tracking number', { field: 'id' });
    }
    const number = trackingNumber.trim().toUpperCase();
    if (!/^[0-9A-Z]{8,30}$/.test(number)) throw new RelanceError('BAD_USER_INPUT', 'A tracking number is 8 to 30 letters and digits', { field: 'trackingNumber' });
    await this.dataSource.query(
      `UPDATE outbound_message SET tracking_number = $3, printed_at = COALESCE(printed_at, now()) WHERE workspace_id = $1 AND id = $2`,
      [actor.workspaceId, id, number],
    );
    return this.messages.get(actor, id);
  }

  @WriteAccess()
  @Mutation(() => Int, {
    description:
      'Asks the registered-mail provider (MAILEVA) for each letter it carries: registered number (proof of deposit), ' +
      'delivered or returned. Runs daily with the arrears detection; returns how many letters changed.',
  })
  async trackRegisteredLetters(@CurrentActor() actor: Actor): Promise<number> {
    try {
      return await this.outbox.trackLetters(actor.workspaceId);
    } catch (error) {
      if (error instanceof RelanceError) throw error;
      throw new RelanceError('UNAVAILABLE', `The registered-mail provider did not answer: ${(error as Error).message}`, { cause: error });
    }
  }

  @WriteAccess()
  @Mutation(() => OutboundMessage, {
    description:
      'Records what became of a sent letter: delivered (the acknowledgement of receipt came back signed) or not (returned: ' +
      '"pli avisé et non réclamé", "destinataire inconnu à l’adresse"). Not delivered opens an agent’s task.',
  })
  async recordLetterDelivery(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('delivered') delivered: boolean,
    @Args('detail', { description: 'What the post says, 1 to 500 characters.' }) detail: string,
  ) {
    const message = (await this.messages.get(actor, id)) as unknown as OutboundMessage;
    if (message.channel !== 'LETTER' && message.channel !== 'REGISTERED_LETTER') {
      throw new RelanceError('BAD_USER_INPUT', 'Only a letter takes a delivery report here (e-mail and SMS report through their provider)', { field: 'id' });
    }
    const text = detail.trim();
    if (text.length < 1 || text.length > 500) throw new RelanceError('BAD_USER_INPUT', 'detail must be 1 to 500 characters', { field: 'detail' });
    await this.outbox.recordDeliveryReport(actor.workspaceId, id, { delivered, detail: text, at: new Date().toISOString(), actor: { kind: 'API_KEY', id: actor.apiKeyId } });
    if (!delivered) await this.twenty.mirrorTasks(actor.workspaceId, message.debtId);
    return this.messages.get(actor, id);
  }
}
