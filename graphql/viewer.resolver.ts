import { Field, ID, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { Actor, ApiKeyRole } from '../src/auth/actor';
import { CurrentActor } from '../src/auth/auth.decorators';
import { WorkspaceService } from '../src/workspace/workspace.service';

export const ApiKeyRoleEnum: { [K in ApiKeyRole]: K } = {
  ADMIN: 'ADMIN',
  AGENT: 'AGENT',
  LANDLORD: 'LANDLORD',
  READONLY: 'READONLY',
};
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  description: 'ADMIN and AGENT keys write; LANDLORD keys read one landlord’s records; READONLY keys read.',
});

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

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Query(() => Viewer, { description: 'Who the API key belongs to: workspace and role.' })
  async viewer(@CurrentActor() actor: Actor): Promise<Viewer> {
    return { ...actor, workspaceName: await this.workspaces.getWorkspaceName(actor.workspaceId) };
  }
}
