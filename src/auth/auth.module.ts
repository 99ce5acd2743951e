import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { WorkspaceModule } from '../workspace/workspace.module';
import { ApiKeyGuard } from './api-key.guard';

/** Puts the API key guard in front of every HTTP route and GraphQL operation. */
@Module({
  imports: [WorkspaceModule],
  providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class AuthModule {}
