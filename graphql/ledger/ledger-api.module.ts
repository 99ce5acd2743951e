import { Module } from '@nestjs/common';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { ChargeResolver } from './charge.resolver';
import { CreditNoteResolver } from './credit-note.resolver';
import { LeaseLedgerFieldsResolver } from './lease-ledger-fields.resolver';
import { LedgerMutationsResolver } from './ledger-mutations.resolver';
import { PaymentResolver } from './payment.resolver';

/** The ledger's GraphQL surface: its records, its mutations and a lease's ledger fields, over LedgerModule's services. */
@Module({
  imports: [LedgerModule],
  providers: [ChargeResolver, PaymentResolver, CreditNoteResolver, LedgerMutationsResolver, LeaseLedgerFieldsResolver],
})
export class LedgerApiModule {}
