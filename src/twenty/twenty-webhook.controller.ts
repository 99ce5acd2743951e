import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { RelanceError } from '../common/relance.error';
import { TwentyInboundService, WebhookResult } from './twenty-inbound.service';

/**
 * `POST /webhooks/twenty/<workspaceId>`: a workspace's Twenty webhook, authenticated by its
 * HMAC signature over the raw body with that connection's secret (not by an API key). A
 * bad or missing signature is a 401 and changes nothing; an unknown workspace a 404; a
 * record without `updatedAt` a 400. A 503 means Relance could not apply the event now: it
 * is kept and applied shortly (Twenty never re-sends a delivery, whatever it was answered).
 */
@Public()
@Controller('webhooks/twenty')
export class TwentyWebhookController {
  constructor(private readonly inbound: TwentyInboundService) {}

  @Post(':workspaceId')
  @HttpCode(200)
  async receive(
    @Param('workspaceId') workspaceId: string,
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-twenty-webhook-timestamp') timestamp: string | undefined,
    @Headers('x-twenty-webhook-signature') signature: string | undefined,
    @Body() payload: Record<string, unknown>,
  ): Promise<{ result: WebhookResult }> {
    if (!request.rawBody) throw new RelanceError('BAD_USER_INPUT', 'Send the event as application/json');
    await this.inbound.verify(workspaceId, request.rawBody, timestamp, signature);
    return { result: await this.inbound.receive(workspaceId, payload) };
  }
}
