import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { GraphqlApiModule } from '../graphql/graphql-api.module';
import { AuthModule } from './auth/auth.module';
import { ExtranetModule } from './extranet/extranet.module';
import { DocumentController } from './messaging/documents/document.controller';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { RELANCE_RUNTIME, RelanceRuntime, runsWorker, servesApi } from './runtime/relance-runtime';
import { TemporalClientProvider } from './temporal/temporal-client.provider';
import { TemporalWorkerModule } from './worker/temporal-worker.module';
import { TwentyModule } from './twenty/twenty.module';
import { MessagingModule } from './messaging/messaging.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { SinchWebhookController } from './messaging/channels/sinch-webhook.controller';
import { DEBT_TASKS_MIRROR } from './messaging/outbox/debt-tasks-mirror.port';
import { UndeliveredMessageTasks } from './debt/undelivered-message-tasks';
import { TasksModule } from './tasks/tasks.module';
import { TwentySyncService } from './twenty/twenty-sync.service';
import { TwentyWebhookController } from './twenty/twenty-webhook.controller';
import { WebModule } from './web/web.module';

/** Process-wide singletons every module may inject: the runtime settings and the Temporal client. */
@Global()
@Module({})
class RelanceCoreModule {
  static forRuntime(runtime: RelanceRuntime): DynamicModule {
    return {
      module: RelanceCoreModule,
      providers: [{ provide: RELANCE_RUNTIME, useValue: runtime }, TemporalClientProvider],
      exports: [RELANCE_RUNTIME, TemporalClientProvider],
    };
  }
}

/**
 * Relance's root module. The mode decides what the process carries: the HTTP + GraphQL
 * API, the Temporal worker, or both (all-in-one).
 */
@Module({})
export class RelanceModule {
  /** `logger` is the process's: Nest, the HTTP requests and the worker's activities log through it. */
  static forRuntime(runtime: RelanceRuntime, logger: Logger): DynamicModule {
    const api = servesApi(runtime.mode);
    return {
      module: RelanceModule,
      imports: [
        LoggingModule.forRoot(logger),
        RelanceCoreModule.forRuntime(runtime),
        DatabaseModule.forRoot(runtime.dataSource),
        ...(runsWorker(runtime.mode) ? [TemporalWorkerModule] : []),
        // Both the API (letters, the Sinch webhook) and the worker (tracking letters) record delivery reports.
        MessagingModule,
        // Quittances and reçus follow the ledger's entries, which the API and the worker both record.
        ReceiptsModule,
        TasksModule,
        ...(api ? [AuthModule, ExtranetModule, HealthModule, GraphqlApiModule, TwentyModule, WebModule] : []),
      ],
      providers: [
        // Messaging's ports to the features above it (it may not import them): a returned
        // message opens an agent's task (debt), and the Sinch webhook mirrors it to the CRM (Twenty).
        UndeliveredMessageTasks,
        ...(api ? [{ provide: DEBT_TASKS_MIRROR, useExisting: TwentySyncService }] : []),
      ],
      controllers: api ? [HealthController, DocumentController, TwentyWebhookController, SinchWebhookController] : [],
    };
  }
}
