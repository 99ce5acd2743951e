import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles, WriteAccess } from '../../src/auth/auth.decorators';
import { todayIn } from '../../src/common/clock';
import { RelanceError } from '../../src/common/relance.error';
import { DebtLetterFactsService } from '../../src/debt/debt-letter-facts.service';
import type { TenantProfile } from '../../src/domain/scenario';
import { ZONE_TEXT_MAX } from '../../src/messaging/templates/message-zones';
import type { TemplateLocale } from '../../src/messaging/templates/template-kinds';
import { TemplateService } from '../../src/messaging/templates/template.service';
import { TEMPLATE_HELPERS, TEMPLATE_LISTS, TEMPLATE_VARIABLES } from '../../src/messaging/templates/template-variables';
import { LocaleEnum, TenantProfileEnum } from '../enums';
import { LegalBlockInput } from './legal-block.input';
import { LegalBlockView } from './legal-block.object';
import { MessageTemplateInput } from './message-template.input';
import { MessageTemplateView } from './message-template.object';
import { TemplatePreview } from './template-preview.object';
import { TemplateVariableView } from './template-variable.object';
import { ZoneInput } from './zone.input';

/** Templates and legal blocks: the variable catalogue, the texts as they apply, new versions, previews against a real debt. */
@Resolver()
export class MessageTemplatesResolver {
  constructor(
    private readonly templates: TemplateService,
    private readonly letterFacts: DebtLetterFactsService,
  ) {}

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
    description:
      'Renders a template against a real debt as of today, in the given language (default: the first tenant’s). With body (and subject), renders that unsaved text.',
  })
  async previewTemplate(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('key') key: string,
    @Args('locale', { type: () => LocaleEnum, nullable: true }) locale?: TemplateLocale,
    @Args('profile', {
      type: () => TenantProfileEnum,
      nullable: true,
      description: 'Tone for this tenant profile (default: the tenants’).',
    })
    profile?: TenantProfile,
    @Args('subject', { type: () => String, nullable: true }) subject?: string,
    @Args('body', { type: () => String, nullable: true }) body?: string,
    @Args('zones', { type: () => [ZoneInput], nullable: true }) zones?: ZoneInput[],
  ): Promise<TemplatePreview> {
    const templateKey = this.templates.knownName(key, 'key');
    const zoneTexts: Record<string, string> = {};
    for (const [i, zone] of (zones ?? []).entries()) {
      if (zone.text.length > ZONE_TEXT_MAX)
        throw new RelanceError('BAD_USER_INPUT', `at most ${ZONE_TEXT_MAX} characters`, { field: `zones[${i}].text` });
      zoneTexts[zone.name] = zone.text;
    }
    // The debt feature reads the facts; the templates render them.
    const facts = await this.letterFacts.ofDebt(actor, debtId, todayIn());
    const rendered = await this.templates.render(facts, {
      key: templateKey,
      locale: locale ?? facts.tenants[0]?.locale ?? 'fr',
      profile: profile ?? facts.profile,
      zones: zoneTexts,
      draft: body != null ? { subject, body } : undefined,
    });
    const t = rendered.template;
    return {
      medium: t.medium,
      locale: t.locale,
      tone: t.tone,
      version: body != null ? -1 : t.version,
      subject: rendered.subject,
      text: rendered.text,
    };
  }
}
