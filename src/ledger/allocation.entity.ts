import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How much of one charge one payment or credit note settled (lettrage), split into rent,
 * service charges and fee. The one declaration of the `allocation` table. Derived data:
 * the ledger recomputes a lease's allocation whole from its entries (src/domain/ledger.ts)
 * and replaces it; the API does not show it.
 */
@Entity('allocation')
@Index('allocation_lease', ['workspaceId', 'leaseId'])
export class Allocation {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'charge_id', type: 'uuid' })
  chargeId: string;

  /** Exactly one of paymentId and creditNoteId is set. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  @Column({ name: 'credit_note_id', type: 'uuid', nullable: true })
  creditNoteId: string | null;

  @Column({ name: 'rent_cents', type: 'integer' })
  rentCents: number;

  @Column({ name: 'charges_cents', type: 'integer' })
  chargesCents: number;

  @Column({ name: 'fee_cents', type: 'integer' })
  feeCents: number;
}
