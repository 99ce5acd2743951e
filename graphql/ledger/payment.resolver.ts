import { Payment, PAYMENT_TABLE } from '../../src/ledger/payment.entity';
import { PaymentService } from '../../src/ledger/payment.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** Payments, read-only: they enter through `createPayments` (LedgerMutationsResolver). */
export const PaymentResolver = recordResolverFor({
  name: 'Payment',
  plural: 'payments',
  node: Payment,
  table: PAYMENT_TABLE,
  service: PaymentService,
});
