import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Bindings } from 'pino';

/**
 * Fields carried by every log line of a unit of work, whichever logger writes it: Nest's
 * `Logger` in a service, the request's own lines. A request opens its context by itself
 * (the HTTP middleware); the worker opens one per activity.
 */
@Injectable()
export class LogContext {
  constructor(private readonly pino: PinoLogger) {}

  /**
   * Adds `fields` to the lines of the current request from now on, its closing `request
   * completed` line included. Outside a request it does nothing: it must never fail the work
   * it describes.
   *
   * @example
   * logContext.assign({ workspaceId: actor.workspaceId });
   */
  assign(fields: Bindings): void {
    // The guard runs once per top-level GraphQL field: bind each value once, or the line repeats the key.
    const bound = this.pino.logger.bindings();
    const missing = Object.entries(fields).filter(([key, value]) => bound[key] !== value);
    if (missing.length === 0) return;
    try {
      this.pino.assign(Object.fromEntries(missing));
    } catch {
      // No request context (a call from start-up or a test): nothing to attach the fields to.
    }
  }

  /** Runs `work` in a context of its own whose every line carries `fields`, across its awaits. */
  run<T>(fields: Bindings, work: () => T): T {
    return this.pino.runInContext(work, { bindings: fields });
  }
}
