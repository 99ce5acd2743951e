import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { RelanceError } from '../../common/relance.error';
import { SecretBox } from '../../common/secret-box';
import { RELANCE_RUNTIME, RelanceRuntime } from '../../runtime/relance-runtime';
import { RecordService } from '../../records/record.service';
import type { DocumentLinkAudience } from './document-link.entity';
import { DocumentLinkRepository } from './document-link.repository';
import type { DebtDocument } from './document.entity';
import { DocumentRepository, StoredDocument } from './document.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What a shared link's signature is for (SecretBox.sign): nothing else signs the same way. */
const LINK_PURPOSE = 'document-link';
/** A shared link's token: its row's id and Relance's signature of it. */
const LINK_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A document's bytes and what its download says of them. */
export type DownloadedDocument = Pick<DebtDocument, 'content' | 'fileName' | 'contentType' | 'sha256'>;

/** The PDFs kept with debts and landlords: the generic record API (read-only), their download, and a landlord's archive. */
@Injectable()
export class DocumentService extends RecordService<DebtDocument> {
  private readonly box: SecretBox;

  constructor(
    @Inject(RELANCE_RUNTIME) runtime: RelanceRuntime,
    private readonly documents: DocumentRepository,
    private readonly links: DocumentLinkRepository,
  ) {
    super(documents);
    this.box = SecretBox.forConfig(runtime.config);
  }

  /**
   * A document's bytes as they were sent. A landlord's key reaches only the documents of
   * its own leases; anything else is NOT_FOUND, so ids reveal nothing.
   */
  async download(actor: Actor, id: string): Promise<DownloadedDocument> {
    const document = UUID.test(id) ? await this.documents.download(actor, id) : undefined;
    if (!document) throw new RelanceError('NOT_FOUND', `No document ${id}`, { field: 'id' });
    return document;
  }

  /**
   * The path of a sent letter's shared link for `audience` (`/documents/shared/<token>`):
   * the same one every time until it is revoked. Whoever has it opens the PDF without a
   * Relance key — it is for places only the agency reads (a note in its Twenty workspace).
   * The token is the link's random id signed with the secrets key: it cannot be guessed
   * or made up, and a revoked one stays dead. NOT_FOUND for a draft or another workspace's.
   */
  async shareLink(workspaceId: string, documentId: string, audience: DocumentLinkAudience): Promise<string> {
    const id = UUID.test(documentId) ? await this.links.live(workspaceId, documentId, audience) : undefined;
    if (!id) throw new RelanceError('NOT_FOUND', `No letter ${documentId} to share`, { field: 'documentId' });
    return `/documents/shared/${id}.${this.box.sign(LINK_PURPOSE, id)}`;
  }

  /** Revokes the workspace's shared links for `audience` (their URLs answer 404 from now on); how many. */
  revokeLinks(workspaceId: string, audience: DocumentLinkAudience): Promise<number> {
    return this.links.revoke(workspaceId, audience);
  }

  /** The document a shared link's token opens, the open counted; NOT_FOUND when it is altered, unknown or revoked. */
  async openShared(token: string): Promise<DownloadedDocument> {
    const [, id, signature] = LINK_TOKEN.exec(token) ?? [];
    const target = id && this.box.verify(LINK_PURPOSE, id, signature) ? await this.links.open(id) : undefined;
    // Within the link's workspace, as its own staff reads it (no landlord's scope).
    const document = target && (await this.documents.download({ workspaceId: target.workspaceId }, target.documentId));
    if (!document) throw new RelanceError('NOT_FOUND', 'No such document link, or it was revoked', { field: 'token' });
    return document;
  }

  /**
   * What retention does to a closed debt's documents, in the caller's transaction: the copy
   * of the agent's free-text zones kept beside each PDF goes; the PDF's bytes and its SHA-256
   * stay. A letter is legal proof of what was sent (a formal notice, a hand-off file may be
   * produced for as long as a judgment can be enforced), a draft of what the landlord
   * approved: changing a byte would break the proof its SHA-256 gives. How many changed.
   */
  anonymiseOfDebt(ref: { workspaceId: string; debtId: string }, db: Pick<EntityManager, 'query'>): Promise<number> {
    return this.documents.dropZonesOfDebt(ref.workspaceId, ref.debtId, db);
  }

  /**
   * Keeps a landlord's own PDF (a monthly statement) with its SHA-256, once per key: a
   * second call with the same key returns the first document and writes nothing. In the
   * caller's transaction when it passes its manager.
   */
  async archiveLandlordDocument(
    workspaceId: string,
    input: { landlordId: string; key: string; templateKey: string; title: string; fileName: string; content: Buffer; createdAt: string },
    db?: Pick<EntityManager, 'query'>,
  ): Promise<StoredDocument> {
    const existing = await this.documents.findByKey(workspaceId, input.key, db);
    if (existing) return existing;
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const id = await this.documents.insert(
      workspaceId,
      {
        debtId: null,
        landlordId: input.landlordId,
        templateKey: input.templateKey,
        title: input.title.slice(0, 300),
        fileName: input.fileName,
        sha256,
        content: input.content,
        idempotencyKey: input.key,
        createdAt: input.createdAt,
        zones: null,
      },
      db,
    );
    return { id, sha256, fileName: input.fileName };
  }
}
