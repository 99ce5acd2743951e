import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { recordTableOf } from '../records/record-entity';
import { ON_LANDLORD_LEASE } from './ledger-scope';

export const CHARGE_KINDS = ['RENT_CALL', 'REGULARISATION', 'FEE'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/**
 * A debit on a lease: a rent call (avis d'échéance), a regularisation or a late-payment
 * fee. The one declaration of the `charge` table. Charges enter through the ledger seam
 * (LedgerService) and are never edited: the API reads them only.
 */
@Entity('charge')
// The import's idempotency key: ON CONFLICT (workspace_id, lease_id, kind, period).
@Index('charge_workspace_id_lease_id_kind_period_key', ['workspaceId', 'leaseId', 'kind', 'period'], { unique: true })
// A lease's ledger, read whole for allocation and the per-lease fields.
@Index('charge_due', ['workspaceId', 'leaseId', 'dueDate'])
@ObjectType()
export class Charge {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Field(() => ID)
  leaseId: string;

  @Column({ type: 'varchar', length: 16, enum: CHARGE_KINDS })
  @Field(() => enumOf(CHARGE_KINDS))
  kind: ChargeKind;

  @Column({ type: 'char', length: 7 })
  @Field()
  period: string;

  @Column({ name: 'due_date', type: 'date' })
  @Field()
  dueDate: string;

  @Column({ name: 'rent_cents', type: 'integer' })
  @Field(() => Int)
  rentCents: number;

  @Column({ name: 'charges_cents', type: 'integer' })
  @Field(() => Int)
  chargesCents: number;

  @Column({ name: 'fee_cents', type: 'integer' })
  @Field(() => Int, { description: 'A late-payment fee (FEE charge): never rent nor service charges; 0 on other kinds.' })
  feeCents: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  label: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;
}

/** Ledger rows are visible to the landlord of their lease. */
export const CHARGE_TABLE = recordTableOf(Charge, {
  alias: 'c',
  landlordScope: ON_LANDLORD_LEASE('c'),
  defaultOrder: [{ dueDate: 'AscNullsLast' }],
  fields: {
    createdAt: { query: true },
    leaseId: { query: true },
    kind: { query: true },
    period: { query: true },
    dueDate: { query: true },
    rentCents: { query: true },
    chargesCents: { query: true },
    feeCents: { query: true },
    label: { query: true },
  },
});
