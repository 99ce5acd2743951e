import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { recordTableOf } from '../records/record-entity';
import { ON_LANDLORD_LEASE } from './ledger-scope';

export const PAYMENT_METHODS = ['TRANSFER', 'DIRECT_DEBIT', 'CHECK', 'CASH', 'CARD', 'HOUSING_BENEFIT', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * Money received for a lease (encaissement). The one declaration of the `payment` table.
 * Payments enter through the ledger seam (LedgerService), idempotent on their bank
 * reference, and are never edited: the API reads them only.
 */
@Entity('payment')
// The idempotency key of recorded payments: ON CONFLICT (workspace_id, bank_reference).
@Index('payment_workspace_id_bank_reference_key', ['workspaceId', 'bankReference'], { unique: true })
@Index('payment_lease', ['workspaceId', 'leaseId', 'paidOn'])
@ObjectType()
export class Payment {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Field(() => ID)
  leaseId: string;

  @Column({ name: 'amount_cents', type: 'integer' })
  @Field(() => Int)
  amountCents: number;

  @Column({ name: 'paid_on', type: 'date' })
  @Field()
  paidOn: string;

  @Column({ type: 'varchar', length: 16, enum: PAYMENT_METHODS })
  @Field(() => enumOf(PAYMENT_METHODS))
  method: PaymentMethod;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100 })
  @Field()
  bankReference: string;

  @Column({ name: 'payer_name', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  payerName: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;
}

/** Ledger rows are visible to the landlord of their lease. */
export const PAYMENT_TABLE = recordTableOf(Payment, {
  alias: 'pay',
  landlordScope: ON_LANDLORD_LEASE('pay'),
  defaultOrder: [{ paidOn: 'AscNullsLast' }],
  fields: {
    createdAt: { query: true },
    leaseId: { query: true },
    amountCents: { query: true },
    paidOn: { query: true },
    method: { query: true },
    bankReference: { query: true },
    payerName: { query: true },
  },
});
