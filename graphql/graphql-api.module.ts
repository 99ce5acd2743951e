import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { HealthModule } from '../src/health/health.module';
import { formatGraphqlError } from './format-error';
import { GraphqlExceptionFilter } from './graphql-exception.filter';
import { HealthResolver } from './health.resolver';
import { ViewerResolver } from './viewer.resolver';
import { RECORD_RESOLVERS } from './objects';
import { WorkspaceModule } from '../src/workspace/workspace.module';
import { LedgerModule } from '../src/ledger/ledger.module';
import { DebtModule } from '../src/debt/debt.module';
import { MessagingModule } from '../src/outbox/messaging.module';
import { TwentyModule } from '../src/twenty/twenty.module';

/**
 * The GraphQL API, code-first. The schema is built in memory at start; `npm run
 * schema:print` writes it to graphql/schema.graphql, and a test fails when that file is stale.
 */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      includeStacktraceInErrorResponses: false,
      formatError: formatGraphqlError,
      context: ({ req }: { req: unknown }) => ({ req }),
    }),
    HealthModule,
    WorkspaceModule,
    LedgerModule,
    DebtModule,
    MessagingModule,
    TwentyModule,
  ],
  providers: [HealthResolver, ViewerResolver, ...RECORD_RESOLVERS, { provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
})
export class GraphqlApiModule {}
