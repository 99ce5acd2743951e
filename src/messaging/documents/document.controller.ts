import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../../auth/actor';
import { CurrentActor, Public } from '../../auth/auth.decorators';
import { DocumentService, DownloadedDocument } from './document.service';

/**
 * `GET /documents/<id>` with `Authorization: Bearer <api key>` or a landlord's extranet
 * session: the PDF as it was sent, its SHA-256 in `Digest` and `X-Content-SHA256`; as a
 * download, or shown in the browser with `?disposition=inline`. A landlord reaches only
 * the documents of its own leases; anything else is a 404, so ids reveal nothing.
 *
 * `GET /documents/shared/<token>`, without credentials: a letter through its shared link
 * (DocumentService.shareLink — the link a Twenty note carries), shown in the browser; an
 * altered, unknown or revoked token is a 404.
 */
@Controller('documents')
export class DocumentController {
  constructor(private readonly documents: DocumentService) {}

  @Public()
  @Get('shared/:token')
  async shared(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const document = await this.documents.openShared(token);
    // The token is the credential: never passed on to another site, never indexed.
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Robots-Tag', 'noindex, nofollow');
    send(response, document, 'inline');
  }

  @Get(':id')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('disposition') disposition: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.documents.download(actor, id), disposition === 'inline' ? 'inline' : 'attachment');
  }
}

function send(response: Response, document: DownloadedDocument, disposition: 'inline' | 'attachment'): void {
  const content = document.content;
  response.setHeader('Content-Type', document.contentType);
  response.setHeader('Content-Disposition', `${disposition}; filename="${document.fileName}"`);
  response.setHeader('Content-Length', String(content.length));
  response.setHeader('X-Content-SHA256', document.sha256);
  response.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
  response.setHeader('Cache-Control', 'private, no-store');
  response.end(content);
}
