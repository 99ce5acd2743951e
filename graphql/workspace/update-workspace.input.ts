import { InputType, PartialType } from '@nestjs/graphql';
import { Workspace } from '../../src/workspace/workspace.entity';

/** Any of the workspace's settings; the ones left out keep their value. */
@InputType()
export class UpdateWorkspaceInput extends PartialType(Workspace, InputType) {}
