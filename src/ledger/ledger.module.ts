import { Global, Module } from '@nestjs/common';
import { LedgerEvents } from './ledger-events';
import { LedgerService } from './ledger.service';

/** The ledger seam and its events; global so the dunning engine can subscribe from anywhere. */
@Global()
@Module({ providers: [LedgerService, LedgerEvents], exports: [LedgerService, LedgerEvents] })
export class LedgerModule {}
