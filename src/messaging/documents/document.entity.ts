import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { recordTableOf } from '../../records/record-entity';
import { ON_LANDLORD_DEBT } from '../messaging-scope';
import type { MessageZone } from '../templates/message-zones';

/**
 * A PDF Relance produced for a debt, or for a landlord (a monthly statement): the one
 * declaration of the `document` table. Its bytes stay in the row (served by
 * `GET /documents/<id>`), never in the API.
 */
@Entity('document')
// A retried step renders its letter once: the outbox looks the PDF up by its send's key.
@Index('document_workspace_id_idempotency_key_key', ['workspaceId', 'idempotencyKey'], { unique: true })
@Index('document_of_debt', ['workspaceId', 'debtId', 'createdAt'])
@ObjectType({ description: 'A PDF Relance produced (a letter, a formal notice, a hand-off file), kept with its SHA-256.' })
export class DebtDocument {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'debt_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The debt it was made for; null for a landlord’s statement.' })
  debtId: string | null;

  @Column({ name: 'landlord_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The landlord a monthly statement is for; null for a debt’s letter.' })
  landlordId: string | null;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  @Field()
  templateKey: string;

  @Column({ type: 'varchar', length: 300 })
  @Field()
  title: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  @Field()
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  @Field()
  contentType: string;

  @Column({ type: 'char', length: 64 })
  @Field({ description: 'SHA-256 of the bytes, hex: what was sent can be proven unchanged.' })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  @Field(() => Int)
  sizeBytes: number;

  /** The PDF itself: downloaded, never selected by lists. */
  @Column({ type: 'bytea' })
  content: Buffer;

  /** The send it was made for (`debt:<workspace>:<debt>:<step>:<channel>:<n>`, or `…:FILE` for a hand-off). */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey: string;

  @Field({ description: 'GET it with the same API key: /documents/<id>.' })
  downloadPath: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ type: 'boolean', default: false })
  @Field({
    description:
      'A letter rendered for the landlord to approve (ApprovalRequest.documentId), marked as a draft and never sent; the letter sent after the approval is a document of its own.',
  })
  draft: boolean;

  /** The free-text zones the letter holds, as the agent set them. */
  @Column({ type: 'jsonb', nullable: true })
  zones: MessageZone[] | null;
}

/**
 * Landlords see the documents of their leases' debts and their own statements. Read-only:
 * the outbox, hand-offs and statements write them.
 */
export const DOCUMENT_TABLE = recordTableOf(DebtDocument, {
  name: 'Document',
  alias: 'dc',
  landlordScope: `dc.landlord_id = $L OR ${ON_LANDLORD_DEBT('dc')}`,
  defaultOrder: [{ createdAt: 'DescNullsLast' }],
  internal: ['content', 'idempotencyKey', 'zones'],
  fields: {
    debtId: { query: true },
    landlordId: { query: true },
    templateKey: { query: true },
    title: { query: true },
    fileName: { query: true },
    sha256: { query: true },
    sizeBytes: { query: true },
    createdAt: { query: true },
    draft: { query: true },
  },
  computed: {
    downloadPath: { column: 'id', sql: `'/documents/' || dc.id`, type: 'string' },
  },
});
