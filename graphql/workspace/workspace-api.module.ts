import { Module } from '@nestjs/common';
import { WorkspaceModule } from '../../src/workspace/workspace.module';
import { ApiKeyMutationsResolver, ApiKeyResolver } from './api-key.resolver';
import { ViewerResolver } from './viewer.resolver';
import { WorkspaceResolver } from './workspace.resolver';

/** The workspace feature's GraphQL surface: the caller, its workspace's settings and API keys. */
@Module({
  imports: [WorkspaceModule],
  providers: [ViewerResolver, WorkspaceResolver, ApiKeyResolver, ApiKeyMutationsResolver],
})
export class WorkspaceApiModule {}
