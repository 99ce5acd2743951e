import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { validateInput } from '../../src/common/validation.pipe';
import { Workspace } from '../../src/workspace/workspace.entity';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { UpdateWorkspaceInput } from './update-workspace.input';

/** The agency's own settings; changing them takes an ADMIN key. */
@Resolver(() => Workspace)
export class WorkspaceResolver {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Query(() => Workspace, { description: 'The workspace of the calling key.' })
  workspace(@CurrentActor() actor: Actor): Promise<Workspace> {
    return this.workspaces.get(actor);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Workspace)
  async updateWorkspace(@CurrentActor() actor: Actor, @Args('data', { type: () => UpdateWorkspaceInput }) data: UpdateWorkspaceInput) {
    const input = await validateInput(UpdateWorkspaceInput, data, 'data');
    return this.workspaces.update(actor, input, 'data');
  }
}
