import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The text an agent wrote for one free-text zone ({{zone "note"}}).' })
export class MessageZone {
  @Field() name: string;
  @Field() text: string;
}
