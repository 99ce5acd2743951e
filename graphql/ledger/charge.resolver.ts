import { Charge, CHARGE_TABLE } from '../../src/ledger/charge.entity';
import { ChargeService } from '../../src/ledger/charge.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** Charges, read-only: they enter through `createCharges` (LedgerMutationsResolver). */
export const ChargeResolver = recordResolverFor({
  name: 'Charge',
  plural: 'charges',
  node: Charge,
  table: CHARGE_TABLE,
  service: ChargeService,
});
