import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RelanceError } from '../common/relance.error';
import { WorkspaceService } from '../workspace/workspace.service';
import { ApiKeyRole } from './actor';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './auth.decorators';

/**
 * Every operation needs `Authorization: Bearer <api key>` unless marked @Public(); the
 * actor it resolves to is attached to the request, and @RequireRoles() is checked here.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly workspaces: WorkspaceService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new RelanceError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>"');
    }
    const actor = await this.workspaces.authenticate(match[1]);
    if (!actor) throw new RelanceError('UNAUTHENTICATED', 'Unknown or revoked API key');
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new RelanceError('FORBIDDEN', `This operation needs an ${roles.join(' or ')} key; this key is ${actor.role}`);
    }
    return true;
  }
}
