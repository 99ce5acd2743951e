import { Allocation } from './allocation.entity';
import { Charge } from './charge.entity';
import { CreditNote } from './credit-note.entity';
import { Payment } from './payment.entity';

/** The tables of the ledger feature: its entries and their allocation. */
export const LEDGER_ENTITIES = [Charge, Payment, CreditNote, Allocation];
