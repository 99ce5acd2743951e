import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who a shared link was made for: the notes the Twenty sync hangs on Debt records. */
export type DocumentLinkAudience = 'TWENTY';

/**
 * A shared link to one document: the one declaration of the `document_link` table. Its URL
 * (`/documents/shared/<id>.<signature>`, see DocumentService.shareLink) opens the PDF
 * without a Relance key, for the people who can read where it was posted (a note in the
 * agency's Twenty workspace). One live link per document and audience; revoked, it
 * answers 404 and a new one can be made. Opens are counted.
 */
@Entity('document_link')
@Index('document_link_live', ['workspaceId', 'documentId', 'audience'], { unique: true, where: 'revoked_at IS NULL' })
export class DocumentLink {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ type: 'varchar', length: 16 })
  audience: DocumentLinkAudience;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: string | null;

  @Column({ name: 'opened_count', type: 'integer' })
  openedCount: number;

  @Column({ name: 'last_opened_at', type: 'timestamptz', nullable: true })
  lastOpenedAt: string | null;
}
