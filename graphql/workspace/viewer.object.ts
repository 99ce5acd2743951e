import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyRole } from '../../src/auth/actor';
import { ApiKeyRoleEnum } from '../enums';

@ObjectType({ description: 'The caller, as its API key or extranet session says.' })
export class Viewer {
  @Field(() => ID)
  workspaceId: string;

  @Field()
  workspaceName: string;

  @Field(() => ID, { nullable: true, description: 'The API key the request carried; null for a landlord signed in to the extranet.' })
  apiKeyId?: string;

  @Field(() => ID, { nullable: true, description: 'The landlord’s extranet session, when signed in by e-mail link.' })
  sessionId?: string;

  @Field(() => ApiKeyRoleEnum)
  role: ApiKeyRole;

  @Field(() => ID, { nullable: true, description: 'The landlord a LANDLORD key or an extranet session is bound to.' })
  landlordId?: string;
}
