import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { recordTableOf } from '../records/record-entity';
import { ON_LANDLORD_LEASE } from './ledger-scope';

/**
 * A credit note (avoir) or adjustment in the tenant's favour, allocated like a payment.
 * The one declaration of the `credit_note` table; written through the ledger seam only.
 */
@Entity('credit_note')
@Index('credit_note_lease', ['workspaceId', 'leaseId'])
@ObjectType()
export class CreditNote {
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

  @Column({ name: 'issued_on', type: 'date' })
  @Field()
  issuedOn: string;

  @Column({ type: 'varchar', length: 500 })
  @Field()
  reason: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;
}

/** Ledger rows are visible to the landlord of their lease. */
export const CREDIT_NOTE_TABLE = recordTableOf(CreditNote, {
  alias: 'cn',
  landlordScope: ON_LANDLORD_LEASE('cn'),
  defaultOrder: [{ issuedOn: 'AscNullsLast' }],
  fields: {
    createdAt: { query: true },
    leaseId: { query: true },
    amountCents: { query: true },
    issuedOn: { query: true },
    reason: { query: true },
  },
});
