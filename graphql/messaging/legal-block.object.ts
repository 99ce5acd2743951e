import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { TemplateLocale } from '../../src/messaging/templates/template-kinds';
import type { EffectiveTemplate } from '../../src/messaging/templates/template.service';
import { LocaleEnum, TemplateSourceEnum } from '../enums';

/** A legal block as it applies now (TemplateService.legalBlocks): not a table row, so its own GraphQL class. */
@ObjectType('LegalBlock', { description: 'A locked legal block, included in templates as {{> key}}; only an ADMIN changes its text.' })
export class LegalBlockView {
  @Field() key: string;
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field() text: string;
  @Field(() => Int) version: number;
  @Field(() => TemplateSourceEnum) source: EffectiveTemplate['source'];
}
