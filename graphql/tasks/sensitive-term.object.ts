import { Field, ObjectType } from '@nestjs/graphql';
import type { SensitiveCategory } from '../../src/domain/sensitive-terms';
import { SensitiveCategoryEnum } from '../enums';

@ObjectType({ description: 'A word of a call report that looks like sensitive data.' })
export class SensitiveTerm {
  @Field(() => SensitiveCategoryEnum) category: SensitiveCategory;
  @Field() word: string;
}
