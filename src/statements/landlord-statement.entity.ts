import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { recordTableOf } from '../records/record-entity';
import type { StatementFigures } from './statement-figures';

/**
 * Where a statement's e-mail stands: NOT_ASKED (the mandate lists no EMAIL), PENDING (to
 * send), SENDING (handed to the SMTP server), SENT, SKIPPED (no address, or the workspace
 * sends no e-mail), FAILED (refused, or cut off mid-send: never repeated automatically).
 */
export const STATEMENT_EMAIL_STATUSES = ['NOT_ASKED', 'PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED'] as const;
export type StatementEmailStatus = (typeof STATEMENT_EMAIL_STATUSES)[number];

/**
 * A landlord's monthly statement (relevé mensuel): the one declaration of the
 * `landlord_statement` table. One per landlord and month, archived as a PDF document with
 * its SHA-256; `figures` holds what the PDF shows, as it was at issue.
 */
@Entity('landlord_statement')
@Index('landlord_statement_once', ['workspaceId', 'landlordId', 'month'], { unique: true })
@ObjectType({ description: "A landlord's monthly statement: leases in arrears, actions, recoveries, pending decisions, as a PDF." })
export class LandlordStatement {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'landlord_id', type: 'uuid' })
  @Field(() => ID)
  landlordId: string;

  @Column({ type: 'char', length: 7 })
  @Field({ description: 'The month covered, YYYY-MM.' })
  month: string;

  @Column({ name: 'document_id', type: 'uuid' })
  @Field(() => ID, { description: 'The PDF: GET /documents/<documentId>.' })
  documentId: string;

  @Column({ type: 'char', length: 64 })
  @Field({ description: "SHA-256 of the PDF's bytes, hex." })
  sha256: string;

  /** What the PDF shows, frozen at issue (see StatementFigures); summed up in the fields below. */
  @Column({ type: 'jsonb' })
  figures: StatementFigures;

  @Field({ description: 'GET it with the same credentials: /documents/<documentId>.' })
  downloadPath: string;

  @Field(() => Int, { description: 'Leases with money overdue at the end of the month.' })
  leasesInArrears: number;

  @Field(() => Int, { description: 'Money overdue on those leases at the end of the month (cents).' })
  overdueCents: number;

  @Field(() => Int, { description: 'Payments of the month settling charges already past due (cents).' })
  recoveredCents: number;

  @Field(() => Int, { description: 'Actions taken during the month (messages, letters, calls, decisions).' })
  actionCount: number;

  @Field(() => Int, { description: 'Decisions awaiting the landlord when the statement was issued.' })
  pendingDecisionCount: number;

  // A CHECK in the migration holds the values; a string in the API, so the list stays this feature's own.
  @Column({ name: 'email_status', type: 'varchar', length: 12 })
  @Field(() => String, {
    description: `${STATEMENT_EMAIL_STATUSES.join(', ')}: NOT_ASKED when the mandate lists no EMAIL; SENT once the SMTP server took it.`,
  })
  emailStatus: StatementEmailStatus;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the e-mail was skipped or failed.' })
  emailError: string | null;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  @Field(() => String, { nullable: true })
  emailedAt: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;
}

const total = (name: string) => `COALESCE((ls.figures->'totals'->>'${name}')::integer, 0)`;

/** A LANDLORD key or session sees its own statements only. Read-only: the statement service writes them. */
export const LANDLORD_STATEMENT_TABLE = recordTableOf(LandlordStatement, {
  alias: 'ls',
  landlordScope: 'ls.landlord_id = $L',
  defaultOrder: [{ month: 'DescNullsLast' }, { createdAt: 'DescNullsLast' }],
  internal: ['figures'],
  fields: {
    landlordId: { query: true },
    month: { query: true },
    documentId: { query: true },
    sha256: { query: true },
    emailStatus: { query: true },
    emailedAt: { query: true },
    createdAt: { query: true },
  },
  computed: {
    downloadPath: { column: 'document_id', sql: `'/documents/' || ls.document_id`, type: 'string' },
    leasesInArrears: { column: 'figures', sql: total('leasesInArrears'), type: 'int' },
    overdueCents: { column: 'figures', sql: total('overdueCents'), type: 'int' },
    recoveredCents: { column: 'figures', sql: total('recoveredCents'), type: 'int' },
    actionCount: { column: 'figures', sql: total('actions'), type: 'int' },
    pendingDecisionCount: { column: 'figures', sql: total('pendingDecisions'), type: 'int' },
  },
});
