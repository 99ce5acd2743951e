import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.decorators';
import { DocumentService } from './document.service';

/**
 * `GET /documents/<id>` with `Authorization: Bearer <api key>` or a landlord's extranet
 * session: the PDF as it was sent, its SHA-256 in `Digest` and `X-Content-SHA256`; as a
 * download, or shown in the browser with `?disposition=inline`. A landlord reaches only
 * the documents of its own leases; anything else is a 404, so ids reveal nothing.
 */
@Controller('documents')
export class DocumentController {
  constructor(private readonly documents: DocumentService) {}

  @Get(':id')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('disposition') disposition: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.documents.download(actor, id);
    const content = document.content;
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Disposition', `${disposition === 'inline' ? 'inline' : 'attachment'}; filename="${document.fileName}"`);
    response.setHeader('Content-Length', String(content.length));
    response.setHeader('X-Content-SHA256', document.sha256);
    response.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(content);
  }
}
