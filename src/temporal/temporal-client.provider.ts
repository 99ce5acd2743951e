import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';

/**
 * The process's Temporal client. The connection is lazy so the API starts (and reports
 * Temporal as down in `health`) even when the server is not reachable yet.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(RELANCE_RUNTIME) readonly runtime: RelanceRuntime) {
    this.connection = Connection.lazy({ address: runtime.temporalAddress });
    this.client = new Client({ connection: this.connection, namespace: runtime.config.temporalNamespace });
  }

  get taskQueue(): string {
    return this.runtime.config.temporalTaskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
