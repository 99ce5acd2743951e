import { Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor } from '../../src/auth/auth.decorators';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { Viewer } from './viewer.object';

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Query(() => Viewer, { description: 'Who the API key belongs to: workspace and role.' })
  async viewer(@CurrentActor() actor: Actor): Promise<Viewer> {
    return { ...actor, workspaceName: await this.workspaces.getWorkspaceName(actor.workspaceId) };
  }
}
