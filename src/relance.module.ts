import { DynamicModule, Global, Module } from '@nestjs/common';
import { GraphqlApiModule } from '../graphql/graphql-api.module';
import { AuthModule } from './auth/auth.module';
import { DocumentController } from './documents/document.controller';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { RELANCE_RUNTIME, RelanceRuntime, runsWorker, servesApi } from './runtime/relance-runtime';
import { TemporalClientProvider } from './temporal/temporal-client.provider';
import { TemporalWorkerModule } from './worker/temporal-worker.module';
import { TwentyModule } from './twenty/twenty.module';
import { MessagingModule } from './outbox/messaging.module';
import { SinchWebhookController } from './channels/sinch-webhook.controller';
import { TwentyWebhookController } from './twenty/twenty-webhook.controller';

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
  static forRuntime(runtime: RelanceRuntime): DynamicModule {
    const api = servesApi(runtime.mode);
    return {
      module: RelanceModule,
      imports: [
        RelanceCoreModule.forRuntime(runtime),
        DatabaseModule.forRoot(runtime.dataSource),
        ...(runsWorker(runtime.mode) ? [TemporalWorkerModule] : []),
        ...(api ? [AuthModule, HealthModule, GraphqlApiModule, TwentyModule, MessagingModule] : []),
      ],
      controllers: api ? [HealthController, DocumentController, TwentyWebhookController, SinchWebhookController] : [],
    };
  }
}
