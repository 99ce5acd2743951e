import { Field, ObjectType } from '@nestjs/graphql';

/** A variable templates may use, from the catalogue (src/messaging/templates/template-variables.ts). */
@ObjectType()
export class TemplateVariableView {
  @Field() path: string;
  @Field() description: string;
  @Field() example: string;
  @Field(() => String, { nullable: true, description: 'For a field of a list: the list ({{#each list}}).' }) list: string | null;
}
