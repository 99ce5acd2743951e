import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import { RelanceError, RelanceErrorCode } from '../src/common/relance.error';

const HTTP_STATUS: Record<RelanceErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * Hands errors thrown in resolvers to Apollo untouched, where `formatGraphqlError` shapes
 * and logs them; without it Nest logs every expected BAD_USER_INPUT as an ERROR with a stack.
 * On HTTP routes (document downloads) a RelanceError becomes its status with
 * `{ code, message, field }`; anything else keeps Nest's own handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    if (exception instanceof RelanceError && host.getType() === 'http') {
      const response = host.switchToHttp().getResponse<Response>();
      response.status(HTTP_STATUS[exception.code]).json({ code: exception.code, message: exception.message, field: exception.field });
      return undefined;
    }
    return super.catch(exception, host);
  }
}
