import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CallerGuard } from './caller.guard';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { LandlordSessionRepository } from './landlord-session.repository';
import { LandlordSessionService } from './landlord-session.service';

/**
 * Who calls: API keys, landlords' extranet sessions, and the guard that puts one of them in
 * front of every HTTP route and GraphQL operation. Exports the services: the workspace
 * feature issues keys, the extranet opens and ends sessions.
 */
@Module({
  providers: [
    ApiKeyRepository,
    ApiKeyService,
    LandlordSessionRepository,
    LandlordSessionService,
    { provide: APP_GUARD, useClass: CallerGuard },
  ],
  exports: [ApiKeyService, LandlordSessionService],
})
export class AuthModule {}
