import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { TENANT_DOCUMENT_KINDS, TenantDocumentDue, TenantDocumentKind } from '../domain/receipts';
import { recordTableOf } from '../records/record-entity';

/** PENDING: owed, queued in the ledger's transaction; ISSUED: rendered and archived. */
export const TENANT_DOCUMENT_STATUSES = ['PENDING', 'ISSUED'] as const;
export type TenantDocumentStatus = (typeof TENANT_DOCUMENT_STATUSES)[number];

/** Where a document's e-mail or post stands (see graphql/enums.ts for each value). */
export const TENANT_DOCUMENT_DELIVERY_STATUSES = [
  'NOT_ASKED',
  'PENDING',
  'SENDING',
  'SENT',
  'TO_PRINT',
  'PRINTED',
  'SKIPPED',
  'FAILED',
] as const;
export type TenantDocumentDeliveryStatus = (typeof TENANT_DOCUMENT_DELIVERY_STATUSES)[number];

/**
 * A document the tenant is owed by law as rent is called and paid (loi 89-462 art. 21): a
 * quittance, a reçu or a rent notice. The one declaration of the `tenant_document` table.
 * Queued PENDING in the very transaction of the ledger entry that earns it (so a crash
 * loses none), once per `documentKey`; then rendered as a PDF kept in `document` with its
 * SHA-256, and e-mailed or put in the print queue when the workspace chooses so. Issued free of charge, whatever the
 * lease.
 */
@Entity('tenant_document')
@Index('tenant_document_once', ['workspaceId', 'documentKey'], { unique: true })
@Index('tenant_document_of_lease', ['workspaceId', 'leaseId', 'createdAt'])
@ObjectType({ description: 'A quittance, a reçu or a rent notice issued to a lease’s tenants, as a PDF (loi 89-462 art. 21).' })
export class TenantDocument {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Field(() => ID)
  leaseId: string;

  @Column({ type: 'varchar', length: 12, enum: TENANT_DOCUMENT_KINDS })
  @Field(() => enumOf(TENANT_DOCUMENT_KINDS))
  kind: TenantDocumentKind;

  /** `quittance:<charge>`, `recu:<payment>` or `avis:<charge>`: a document is owed once. */
  @Column({ name: 'document_key', type: 'varchar', length: 100 })
  documentKey: string;

  @Column({ type: 'char', length: 7, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The period (YYYY-MM) of a quittance or notice; of the first period a reçu reaches.',
  })
  period: string | null;

  @Column({ name: 'charge_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The rent call of a quittance or notice.' })
  chargeId: string | null;

  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The payment of a reçu.' })
  paymentId: string | null;

  @Column({ name: 'amount_cents', type: 'integer' })
  @Field(() => Int, { description: 'A quittance’s rent and charges, a reçu’s payment, a notice’s amount to pay (cents).' })
  amountCents: number;

  /** What the PDF shows, from the ledger at the moment it was earned. */
  @Column({ type: 'jsonb' })
  facts: TenantDocumentDue;

  @Column({ type: 'varchar', length: 8, enum: TENANT_DOCUMENT_STATUSES })
  @Field(() => enumOf(TENANT_DOCUMENT_STATUSES))
  status: TenantDocumentStatus;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The PDF, once issued: GET /documents/<documentId>.' })
  documentId: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: "SHA-256 of the PDF's bytes, hex." })
  sha256: string | null;

  @Field(() => String, { nullable: true, description: 'GET it with the same credentials, once issued.' })
  downloadPath: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  issuedAt: string | null;

  @Column({ name: 'delivery_status', type: 'varchar', length: 9, enum: TENANT_DOCUMENT_DELIVERY_STATUSES })
  @Field(() => enumOf(TENANT_DOCUMENT_DELIVERY_STATUSES))
  deliveryStatus: TenantDocumentDeliveryStatus;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was not e-mailed (kept, or posted instead), or the last failure.' })
  deliveryError: string | null;

  @Column({ name: 'delivery_attempts', type: 'smallint' })
  @Field(() => Int, { description: 'E-mails tried.' })
  deliveryAttempts: number;

  /** When a PENDING e-mail is tried next (backoff after a failure worth retrying). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true, description: 'When the SMTP server took it, or an agent recorded it printed and posted.' })
  deliveredAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;
}

/** A LANDLORD key or session sees its own leases' documents. Read-only: the receipts feature writes them. */
export const TENANT_DOCUMENT_TABLE = recordTableOf(TenantDocument, {
  alias: 'td',
  landlordScope: 'EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = td.workspace_id AND x.id = td.lease_id AND x.landlord_id = $L)',
  defaultOrder: [{ createdAt: 'DescNullsLast' }],
  internal: ['documentKey', 'facts', 'nextAttemptAt'],
  fields: {
    leaseId: { query: true },
    kind: { query: true },
    period: { query: true },
    chargeId: { query: true },
    paymentId: { query: true },
    status: { query: true },
    deliveryStatus: { query: true },
    issuedAt: { query: true },
    createdAt: { query: true },
  },
  computed: {
    downloadPath: {
      column: 'document_id',
      sql: `CASE WHEN td.document_id IS NULL THEN NULL ELSE '/documents/' || td.document_id END`,
      type: 'string',
      nullable: true,
    },
  },
});
