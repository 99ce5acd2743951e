import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { HealthModule } from '../src/health/health.module';
import { formatGraphqlError } from './format-error';
import { queryCostPlugin, withQueryCostErrors } from './cost/query-cost.plugin';
import { RELANCE_RUNTIME, RelanceRuntime } from '../src/runtime/relance-runtime';
import { graphqlRequestContext } from './records/request-context';
import { GraphqlExceptionFilter } from './graphql-exception.filter';
import { HealthResolver } from './health.resolver';
import { WorkspaceApiModule } from './workspace/workspace-api.module';
import { TasksApiModule } from './tasks/tasks-api.module';
import { LedgerApiModule } from './ledger/ledger-api.module';
import { DebtApiModule } from './debt/debt-api.module';
import { TimelineApiModule } from './timeline/timeline-api.module';
import { MessagingApiModule } from './messaging/messaging-api.module';
import { ReceiptsApiModule } from './receipts/receipts-api.module';
import { TwentyApiModule } from './twenty/twenty-api.module';
import { LeasesApiModule } from './leases/leases-api.module';
import { ScenariosApiModule } from './scenarios/scenarios-api.module';
import { ExtranetApiModule } from './extranet/extranet-api.module';
import { ApprovalsApiModule } from './approvals/approvals-api.module';
import { StatementsApiModule } from './statements/statements-api.module';
import { RetentionApiModule } from './retention/retention-api.module';

/**
 * The GraphQL API, code-first. The schema is built in memory at start; `npm run
 * schema:print` writes it to graphql/schema.graphql, and a test fails when that file is stale.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [RELANCE_RUNTIME],
      useFactory: ({ config }: RelanceRuntime) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        includeStacktraceInErrorResponses: false,
        formatError: withQueryCostErrors(formatGraphqlError),
        // One set of DataLoaders per request: per-row fields batch their reads (RequestLoaders).
        context: graphqlRequestContext,
        plugins: [
          // No HTTP cache hints are used: without this plugin Apollo wraps no field resolver (a page of 200 rows resolves thousands).
          ApolloServerPluginCacheControlDisabled(),
          queryCostPlugin({
            maxDepth: config.graphqlMaxDepth,
            maxAliases: config.graphqlMaxAliases,
            maxComplexity: config.graphqlMaxComplexity,
            maxFilterDepth: config.graphqlMaxFilterDepth,
          }),
        ],
      }),
    }),
    HealthModule,
    WorkspaceApiModule,
    TasksApiModule,
    LedgerApiModule,
    DebtApiModule,
    TimelineApiModule,
    MessagingApiModule,
    ReceiptsApiModule,
    TwentyApiModule,
    LeasesApiModule,
    ScenariosApiModule,
    ExtranetApiModule,
    ApprovalsApiModule,
    StatementsApiModule,
    RetentionApiModule,
  ],
  providers: [HealthResolver, { provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
})
export class GraphqlApiModule {}
