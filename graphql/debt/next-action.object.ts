import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What the dunning workflow will do next.' })
export class NextAction {
  @Field({ description: 'An action (SMS, LETTER, FORMAL_NOTICE…), WAIT_PAUSED, WAIT_APPROVAL, FINISHED…' })
  kind: string;

  @Field(() => String, { nullable: true })
  stepKey?: string;

  @Field(() => String, { nullable: true, description: 'When, as ISO 8601; null when it waits on a person.' })
  at?: string;
}
