import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, ApiKeyRole } from './actor';

export const PUBLIC_KEY = 'relance:public';
export const ROLES_KEY = 'relance:roles';

/** Marks a route or resolver as callable without an API key (health only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Restricts an operation to keys with one of these roles. */
export const RequireRoles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES_KEY, roles);

/** Operations that change data: ADMIN and AGENT keys only. */
export const WriteAccess = () => RequireRoles('ADMIN', 'AGENT');

/** The HTTP request behind a GraphQL or plain HTTP call. */
export function requestOf(context: ExecutionContext): { headers: Record<string, string | undefined>; method?: string; actor?: Actor } {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The authenticated caller, set by the guard (src/auth/caller.guard.ts). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new Error('CurrentActor used on a public operation');
  return actor;
});
