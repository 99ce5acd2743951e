import type { DebtCaseService } from '../src/debt/debt-case.service';
import type { DebtActivities } from './debt.activities.types';

/** The debt workflow's activities: thin, idempotent adapters over the debt case service. */
export function createDebtActivities(service: DebtCaseService): DebtActivities {
  return {
    readDebtState: (ref) => service.readDebtState(ref),
    performStep: (input) => service.performStep(input),
    recordDebtEvent: (input) => service.recordDebtEvent(input),
    createAgentTask: (input) => service.createAgentTask(input),
    setDebtPaused: (input) => service.setDebtPaused(input),
    setDebtOnPlan: (input) => service.setDebtOnPlan(input),
    closeDebt: (input) => service.closeDebt(input),
  };
}
