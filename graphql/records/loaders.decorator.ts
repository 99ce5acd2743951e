import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders } from '../../src/common/request-loaders';

/** The request's DataLoaders (see RequestLoaders), from the GraphQL context. */
export const Loaders = createParamDecorator((_data: unknown, context: ExecutionContext): RequestLoaders => {
  const loaders = GqlExecutionContext.create(context).getContext<{ loaders?: RequestLoaders }>().loaders;
  if (!loaders) throw new Error('The GraphQL context has no loaders: it is built in graphql-api.module.ts');
  return loaders;
});
