import { Context } from '@temporalio/activity';
import type { DebtCaseService } from '../src/debt/debt-case.service';
import type { DebtActivities } from './debt.activities.types';

/** How often a step that sends messages tells Temporal it is alive (the workflow's heartbeat timeout is 20 s). */
const HEARTBEAT_EVERY_MS = 3_000;

/** The debt workflow's activities: thin, idempotent adapters over the debt case service. */
export function createDebtActivities(service: DebtCaseService): DebtActivities {
  return {
    readDebtState: (ref) => service.readDebtState(ref),
    // Heartbeats let Temporal notice a worker that died mid-send within seconds, and retry
    // the step elsewhere, where the outbox makes sure nothing goes out twice.
    performStep: (input) => withHeartbeat(() => service.performStep(input)),
    recordDebtEvent: (input) => service.recordDebtEvent(input),
    createAgentTask: (input) => service.createAgentTask(input),
    setDebtPaused: (input) => service.setDebtPaused(input),
    setDebtOnPlan: (input) => service.setDebtOnPlan(input),
    closeDebt: (input) => service.closeDebt(input),
  };
}

async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
