import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { LeaseKind } from '../../src/domain/scenario';
import type { TemplateLocale, TemplateMedium, TemplateTone } from '../../src/messaging/templates/template-kinds';
import type { EffectiveTemplate } from '../../src/messaging/templates/template.service';
import { LeaseKindEnum, LocaleEnum, TemplateMediumEnum, TemplateSourceEnum, TemplateToneEnum } from '../enums';

/** A template as it applies now (TemplateService.effective): not a table row, so its own GraphQL class. */
@ObjectType('MessageTemplate', { description: 'A template as it applies now: a workspace version, or the shipped text (version 0).' })
export class MessageTemplateView {
  @Field({
    description:
      'A scenario’s template key, or a lease-kind variant of one (…-non-residential: what commercial and other leases read instead).',
  })
  key: string;
  @Field(() => [LeaseKindEnum], { description: 'The lease kinds that read this text.' }) leaseKinds: LeaseKind[];
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field(() => TemplateToneEnum, { description: 'DEFAULT, or the tenant profile it is written for.' }) tone: TemplateTone;
  @Field(() => TemplateMediumEnum) medium: TemplateMedium;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field() body: string;
  @Field(() => Int) version: number;
  @Field(() => TemplateSourceEnum) source: EffectiveTemplate['source'];
}
