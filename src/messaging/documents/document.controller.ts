import { Controller, Get, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { RelanceError } from '../common/relance.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /documents/<id>` with `Authorization: Bearer <api key>`: the PDF as it was sent,
 * its SHA-256 in `Digest` and `X-Content-SHA256`. A landlord's key reaches only the
 * documents of its own leases; anything else is a 404, so ids reveal nothing.
 */
@Controller('documents')
export class DocumentController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':id')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() response: Response): Promise<void> {
    if (!UUID.test(id)) throw new RelanceError('NOT_FOUND', `No document ${id}`, { field: 'id' });
    const [row] = await this.dataSource.query(
      `SELECT dc.content, dc.file_name, dc.content_type, dc.sha256 FROM document dc
       JOIN debt y ON y.workspace_id = dc.workspace_id AND y.id = dc.debt_id
       JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
       WHERE dc.workspace_id = $1 AND dc.id = $2 AND ($3::uuid IS NULL OR x.landlord_id = $3::uuid)`,
      [actor.workspaceId, id, actor.landlordId ?? null],
    );
    if (!row) throw new RelanceError('NOT_FOUND', `No document ${id}`, { field: 'id' });
    const content: Buffer = row.content;
    response.setHeader('Content-Type', row.content_type);
    response.setHeader('Content-Disposition', `attachment; filename="${row.file_name}"`);
    response.setHeader('Content-Length', String(content.length));
    response.setHeader('X-Content-SHA256', row.sha256);
    response.setHeader('Digest', `sha-256=${Buffer.from(row.sha256, 'hex').toString('base64')}`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(content);
  }
}
