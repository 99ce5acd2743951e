/**
 * How long work shows it is moving: in an activity, Temporal's heartbeat. Report real
 * progress only (a transaction committed, a message delivered, a provider's answer
 * awaited): work stuck waiting on the database must fall silent, so that its heartbeat
 * timeout ends the attempt and Temporal retries it, rather than look alive for minutes.
 */
export interface Progress {
  /** Something was done. */
  beat(): void;
  /** Keeps beating while a call to an outside service (a provider, the CRM) is in flight. */
  during<T>(call: () => Promise<T>): Promise<T>;
}

/** For work outside an activity: nobody is told. */
export const NO_PROGRESS: Progress = { beat: () => undefined, during: (call) => call() };
