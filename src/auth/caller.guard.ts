import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RelanceError } from '../common/relance.error';
import { LogContext } from '../logging/log-context';
import { Actor, ApiKeyRole } from './actor';
import { ApiKeyService } from './api-key.service';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './auth.decorators';
import { CSRF_HEADER, parseCookies, SESSION_COOKIE } from './cookies';
import { isCsrfToken } from './landlord-session-secret';
import { LandlordSessionService } from './landlord-session.service';

/**
 * Every operation needs a caller unless marked @Public(): an integrator's
 * `Authorization: Bearer <api key>`, or a landlord's extranet session cookie. A cookie
 * request must also carry its session's CSRF token in `x-relance-csrf` — every GraphQL
 * call, and every HTTP request but GET and HEAD — so another site cannot act in the
 * landlord's name. The actor is attached to the request; @RequireRoles() is checked here.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: LandlordSessionService,
    private readonly logContext: LogContext,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const actor = request.actor ?? (await this.authenticate(request, context.getType<string>() === 'graphql'));
    request.actor = actor;
    // From here on, the request's log lines say whose request it is.
    this.logContext.assign({
      workspaceId: actor.workspaceId,
      ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : { sessionId: actor.sessionId }),
    });
    const roles = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      const caller = actor.sessionId ? 'a landlord’s extranet session' : `this key is ${actor.role}`;
      throw new RelanceError('FORBIDDEN', `This operation needs an ${roles.join(' or ')} key; ${caller}`);
    }
    return true;
  }

  private async authenticate(request: { headers: Record<string, string | undefined>; method?: string }, graphql: boolean): Promise<Actor> {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new RelanceError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>"');
      const actor = await this.apiKeys.authenticate(match[1]);
      if (!actor) throw new RelanceError('UNAUTHENTICATED', 'Unknown or revoked API key');
      return actor;
    }
    const secret = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    if (!secret) {
      throw new RelanceError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>", or sign in to the extranet');
    }
    const actor = await this.sessions.authenticate(secret);
    if (!actor) throw new RelanceError('UNAUTHENTICATED', 'Your extranet session has ended: sign in again');
    const safe = !graphql && (request.method === 'GET' || request.method === 'HEAD');
    if (!safe && !isCsrfToken(secret, request.headers[CSRF_HEADER])) {
      throw new RelanceError('FORBIDDEN', `A request signed in by cookie must send its CSRF token in the ${CSRF_HEADER} header`, {
        field: CSRF_HEADER,
      });
    }
    return actor;
  }
}
