import type { ArrearsDetectionService } from '../src/debt/arrears-detection.service';
import type { DebtCaseService } from '../src/debt/debt-case.service';
import type { OutboxService } from '../src/outbox/outbox.service';
import { createArrearsDetectionActivities } from './arrears-detection.activities';
import type { WiringCheckService } from '../src/wiring-check/wiring-check.service';
import { createDebtActivities } from './debt.activities';
import { createWiringCheckActivities } from './wiring-check.activities';

/** The services activities adapt; the worker hands in the ones from its Nest container. */
export interface ActivityDependencies {
  wiringCheck: WiringCheckService;
  debtCases: DebtCaseService;
  arrearsDetection: ArrearsDetectionService;
  outbox: OutboxService;
}

/** Every activity the worker registers. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createWiringCheckActivities(deps.wiringCheck),
    ...createDebtActivities(deps.debtCases),
    ...createArrearsDetectionActivities(deps.arrearsDetection, deps.outbox),
  };
}
