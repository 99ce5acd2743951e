import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { TemplateLocale, TemplateMedium, TemplateTone } from '../../src/messaging/templates/template-kinds';
import { LocaleEnum, TemplateMediumEnum, TemplateToneEnum } from '../enums';

/** What previewTemplate answers: a template rendered against a real debt. */
@ObjectType({ description: 'A template rendered against a real debt.' })
export class TemplatePreview {
  @Field(() => TemplateMediumEnum) medium: TemplateMedium;
  @Field(() => LocaleEnum) locale: TemplateLocale;
  @Field(() => TemplateToneEnum) tone: TemplateTone;
  @Field(() => Int) version: number;
  @Field() subject: string;
  @Field() text: string;
}
