import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands errors thrown in resolvers to Apollo untouched, where `formatGraphqlError` shapes
 * and logs them; without it Nest logs every expected BAD_USER_INPUT as an ERROR with a stack.
 * HTTP routes keep Nest's own handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
