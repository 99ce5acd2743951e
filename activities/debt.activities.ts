import { Context } from '@temporalio/activity';
import type { Progress } from '../src/common/progress';
import type { DebtCaseService } from '../src/debt/debt-case.service';
import type { DebtActivities } from './debt.activities.types';

/** How often a step tells Temporal it is alive while a provider has its message (the workflow's heartbeat timeout is 20 s). */
const HEARTBEAT_EVERY_MS = 3_000;

/** The debt workflow's activities: thin, idempotent adapters over the debt case service. */
export function createDebtActivities(service: DebtCaseService): DebtActivities {
  return {
    readDebtState: (ref) => service.readDebtState(ref),
    // Heartbeats let Temporal notice a worker that died mid-send within seconds, and retry
    // the step elsewhere, where the outbox makes sure nothing goes out twice.
    performStep: (input) => service.performStep(input, heartbeats()),
    recordDebtEvent: (input) => service.recordDebtEvent(input),
    createAgentTask: (input) => service.createAgentTask(input),
    recordDebtProgress: (input) => service.recordDebtProgress(input),
    setDebtPaused: (input) => service.setDebtPaused(input),
    setDebtOnPlan: (input) => service.setDebtOnPlan(input),
    closeDebt: (input) => service.closeDebt(input),
  };
}

/**
 * The activity's heartbeat, on real progress only: when the step starts, when it tells
 * of progress, and every few seconds while a provider call is in flight, never on a timer
 * while the step waits on the database. A step stuck there (a starved pool, a lock) falls
 * silent, its heartbeat timeout ends the attempt and Temporal retries it with backoff.
 */
function heartbeats(): Progress {
  const context = Context.current();
  context.heartbeat();
  return {
    beat: () => context.heartbeat(),
    during: async (call) => {
      context.heartbeat();
      const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
      try {
        return await call();
      } finally {
        clearInterval(timer);
      }
    },
  };
}
