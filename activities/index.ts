import type { WiringCheckService } from '../src/wiring-check/wiring-check.service';
import { createWiringCheckActivities } from './wiring-check.activities';

/** The services activities adapt; the worker hands in the ones from its Nest container. */
export interface ActivityDependencies {
  wiringCheck: WiringCheckService;
}

/** Every activity the worker registers. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createWiringCheckActivities(deps.wiringCheck),
  };
}
