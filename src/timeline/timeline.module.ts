import { Module } from '@nestjs/common';
import { DebtEventService } from './debt-event.service';
import { TimelineService } from './timeline.service';

/**
 * The debt timeline (`debt_event`): its one writer, below the ledger and the dunning
 * engine, which both record entries through {@link TimelineService}.
 */
@Module({ providers: [TimelineService, DebtEventService], exports: [TimelineService, DebtEventService] })
export class TimelineModule {}
