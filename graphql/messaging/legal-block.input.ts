import { Field, InputType } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { LEGAL_BLOCKS } from '../../src/messaging/templates/legal-blocks';
import type { TemplateLocale } from '../../src/messaging/templates/template-kinds';
import { LocaleEnum } from '../enums';

/** saveLegalBlock's input, checked by TemplateService.saveLegalBlock (errors name `input.<field>`). */
@InputType()
export class LegalBlockInput {
  @Allow() @Field({ description: Object.keys(LEGAL_BLOCKS).join(', ') }) key: string;
  @Allow() @Field(() => LocaleEnum) locale: TemplateLocale;
  @Allow() @Field() text: string;
}
