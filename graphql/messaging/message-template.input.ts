import { Field, InputType } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import type { TemplateLocale, TemplateTone } from '../../src/messaging/templates/template-kinds';
import { LocaleEnum, TemplateToneEnum } from '../enums';

/** saveMessageTemplate's input, checked by TemplateService.save (errors name `input.<field>`). */
@InputType()
export class MessageTemplateInput {
  @Allow() @Field() key: string;
  @Allow() @Field(() => LocaleEnum) locale: TemplateLocale;
  @Allow() @Field(() => TemplateToneEnum, { defaultValue: 'DEFAULT' }) tone: TemplateTone;
  @Allow() @Field(() => String, { nullable: true }) subject?: string | null;
  @Allow() @Field() body: string;
}
