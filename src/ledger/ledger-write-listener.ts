import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../domain/calendar-date';
import type { AllocationResult, LedgerCredit } from '../domain/ledger';

/** A payment or a credit note of a lease's ledger, with its kind. */
export interface KindedCredit extends LedgerCredit {
  kind: 'PAYMENT' | 'CREDIT_NOTE';
}

/** One lease whose entries were just recorded: its whole ledger, allocated, and which entries are new. */
export interface LedgerWritten {
  leaseId: string;
  ledger: AllocationResult;
  /** Every payment and credit note of the lease. */
  credits: KindedCredit[];
  /** The payments and credit notes this write recorded (none for a charges import). */
  newCreditIds: string[];
  /** The charges this write recorded (none for a payment). */
  newChargeIds: string[];
}

/**
 * The ledger's port for what follows from new entries, in the ledger's transaction: the
 * receipts feature keeps there the quittances, reçus and rent notices they earn, so that
 * none is lost to a crash after the commit. Registered with
 * `LedgerService.registerWriteListener` at start-up; the ledger knows no receipt table.
 * Called with the leases locked; what the listener writes commits or rolls back with the
 * entries. `asOf` is the ledger's today.
 */
export interface LedgerWriteListener {
  onLedgerWritten(manager: EntityManager, workspaceId: string, written: LedgerWritten[], asOf: IsoDate): Promise<void>;
}
