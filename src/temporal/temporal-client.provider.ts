import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { connectTemporal } from './temporal-connection';

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

  constructor(@Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime) {}

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
    const connection = await connectTemporal(this.runtime.temporalAddress, CONNECT_TIMEOUT_MS);
    return new Client({ connection, namespace: this.runtime.config.temporalNamespace });
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.pending?.catch(() => undefined);
    await client?.connection.close();
  }
}
