import { DebtEvent, DEBT_EVENT_TABLE } from '../../src/timeline/debt-event.entity';
import { DebtEventService } from '../../src/timeline/debt-event.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `debtEvents` and `debtEvent(id)`: the timeline is read-only through the API (its writers are the ledger and the workflow). */
export const DebtEventResolver = recordResolverFor({
  name: 'DebtEvent',
  plural: 'debtEvents',
  node: DebtEvent,
  table: DEBT_EVENT_TABLE,
  service: DebtEventService,
});
