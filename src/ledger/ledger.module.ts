import { Global, Module } from '@nestjs/common';
import { LeasesModule } from '../leases/leases.module';
import { TimelineModule } from '../timeline/timeline.module';
import { AllocationRepository } from './allocation.repository';
import { ChargeRepository } from './charge.repository';
import { ChargeService } from './charge.service';
import { CreditNoteRepository } from './credit-note.repository';
import { CreditNoteService } from './credit-note.service';
import { LedgerEvents } from './ledger-events';
import { LedgerService } from './ledger.service';
import { PaymentRepository } from './payment.repository';
import { PaymentService } from './payment.service';

/**
 * The ledger: charges, payments, credit notes and their allocation. The seam where money
 * enters (LedgerService), its events, and the record API's services; global so the dunning
 * engine can subscribe and register its overdue listener from anywhere. Exports services
 * only.
 */
@Global()
@Module({
  imports: [LeasesModule, TimelineModule],
  providers: [
    ChargeRepository,
    PaymentRepository,
    CreditNoteRepository,
    AllocationRepository,
    ChargeService,
    PaymentService,
    CreditNoteService,
    LedgerService,
    LedgerEvents,
  ],
  exports: [LedgerService, LedgerEvents, ChargeService, PaymentService, CreditNoteService],
})
export class LedgerModule {}
