import { Injectable, Logger } from '@nestjs/common';
import { Cents } from '../domain/money';

/**
 * A ledger's domain event: a payment was recorded. Published once per new payment,
 * after its transaction committed; the dunning engine subscribes to signal the debt's
 * workflow. Losing one (a crash right after commit) is harmless: the workflow re-reads
 * the live balance before every step.
 */
export interface PaymentRecorded {
  kind: 'PaymentRecorded';
  workspaceId: string;
  leaseId: string;
  paymentId: string;
  amountCents: Cents;
  /** The open debt of the lease, if it had one. */
  debtId?: string;
  /** Whether this payment cleared that debt. */
  debtResolved: boolean;
}

/**
 * Entries (payments, credit notes, charges) were recorded on some leases and committed:
 * the receipts feature renders at once what their transaction queued. Losing one is
 * harmless too: the queued documents are picked up by the next sweep.
 */
export interface EntriesRecorded {
  kind: 'EntriesRecorded';
  workspaceId: string;
  leaseIds: string[];
}

export type LedgerEvent = PaymentRecorded | EntriesRecorded;

type Listener = (event: LedgerEvent) => Promise<void> | void;

/** In-process publish/subscribe for ledger events; a failing listener is logged, never fatal. */
@Injectable()
export class LedgerEvents {
  private readonly logger = new Logger('LedgerEvents');
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  async publish(events: LedgerEvent[]): Promise<void> {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error({ err: error, eventKind: event.kind }, 'A ledger event listener failed');
        }
      }
    }
  }
}
