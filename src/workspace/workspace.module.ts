import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WorkspaceApiKeysService } from './workspace-api-keys.service';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspaceService } from './workspace.service';

/**
 * Workspaces (one agency each), their settings and the admin's view of their API keys.
 * Exports its services only.
 */
@Module({
  imports: [AuthModule],
  providers: [WorkspaceRepository, WorkspaceService, WorkspaceApiKeysService],
  exports: [WorkspaceService, WorkspaceApiKeysService],
})
export class WorkspaceModule {}
