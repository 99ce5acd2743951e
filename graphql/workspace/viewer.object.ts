import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyRole } from '../../src/auth/actor';
import { ApiKeyRoleEnum } from '../enums';

@ObjectType({ description: 'The caller, as its API key says.' })
export class Viewer {
  @Field(() => ID)
  workspaceId: string;

  @Field()
  workspaceName: string;

  @Field(() => ID)
  apiKeyId: string;

  @Field(() => ApiKeyRoleEnum)
  role: ApiKeyRole;

  @Field(() => ID, { nullable: true, description: 'The landlord a LANDLORD key is bound to.' })
  landlordId?: string;
}
