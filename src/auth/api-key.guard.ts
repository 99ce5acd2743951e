import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RelanceError } from '../common/relance.error';
import { LogContext } from '../logging/log-context';
import { ApiKeyRole } from './actor';
import { ApiKeyService } from './api-key.service';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './auth.decorators';

/**
 * Every operation needs `Authorization: Bearer <api key>` unless marked @Public(); the
 * actor it resolves to is attached to the request, and @RequireRoles() is checked here.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly logContext: LogContext,
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
    const actor = await this.apiKeys.authenticate(match[1]);
    if (!actor) throw new RelanceError('UNAUTHENTICATED', 'Unknown or revoked API key');
    request.actor = actor;
    // From here on, the request's log lines say whose request it is.
    this.logContext.assign({ workspaceId: actor.workspaceId, apiKeyId: actor.apiKeyId });
    const roles = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new RelanceError('FORBIDDEN', `This operation needs an ${roles.join(' or ')} key; this key is ${actor.role}`);
    }
    return true;
  }
}
