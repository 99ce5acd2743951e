import { Field, ObjectType } from '@nestjs/graphql';
import { ApiKey } from '../../src/auth/api-key.entity';

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'The key to send as "Authorization: Bearer …"; shown this once only.' }) secret: string;
}
