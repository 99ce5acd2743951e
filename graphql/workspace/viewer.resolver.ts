import { Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor, ApiKeyRole } from '../src/auth/actor';
import { CurrentActor } from '../src/auth/auth.decorators';
import { WorkspaceService } from '../src/workspace/workspace.service';
import { ApiKeyRoleEnum } from './enums';

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
