import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { RelanceError } from '../common/relance.error';
import { TwentySyncService } from './twenty-sync.service';

/**
 * `POST /webhooks/twenty`: Twenty's webhook, authenticated by its HMAC signature over the
 * raw body (not by an API key). A bad or missing signature is a 401 and changes nothing.
 */
@Public()
@Controller('webhooks/twenty')
export class TwentyWebhookController {
  constructor(private readonly twenty: TwentySyncService) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-twenty-webhook-timestamp') timestamp: string | undefined,
    @Headers('x-twenty-webhook-signature') signature: string | undefined,
    @Body() payload: Record<string, unknown>,
  ): Promise<{ result: string }> {
    if (!request.rawBody) throw new RelanceError('BAD_USER_INPUT', 'Send the event as application/json');
    this.twenty.verifySignature(request.rawBody, timestamp, signature);
    return { result: await this.twenty.onWebhook(payload) };
  }
}
