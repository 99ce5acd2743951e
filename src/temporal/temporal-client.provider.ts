import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';

/** How long one attempt to reach the Temporal frontend may take. */
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * The process's Temporal client, connected on first use so that the API starts (and
 * `health` reports Temporal down) while the server is unreachable. A failed attempt is
 * forgotten, so the next call tries again.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private pending: Promise<Client> | undefined;

  constructor(@Inject(RELANCE_RUNTIME) readonly runtime: RelanceRuntime) {}

  get taskQueue(): string {
    return this.runtime.config.temporalTaskQueue;
  }

  /** The connected client; rejects when the frontend does not answer in time. */
  getClient(): Promise<Client> {
    this.pending ??= this.connect().catch((error) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async connect(): Promise<Client> {
    const connection = Connection.lazy({ address: this.runtime.temporalAddress, connectTimeout: CONNECT_TIMEOUT_MS });
    try {
      await connection.ensureConnected();
    } catch (error) {
      // Only once the attempt has settled: closing the channel while it waits for
      // readiness makes grpc-js throw out of a timer.
      await connection.close();
      throw error;
    }
    return new Client({ connection, namespace: this.runtime.config.temporalNamespace });
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.pending?.catch(() => undefined);
    await client?.connection.close();
  }
}
