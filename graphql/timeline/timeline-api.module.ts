import { Module } from '@nestjs/common';
import { TimelineModule } from '../../src/timeline/timeline.module';
import { DebtEventResolver } from './debt-event.resolver';

/** The timeline's GraphQL surface: `debtEvents`, over TimelineModule's services. */
@Module({ imports: [TimelineModule], providers: [DebtEventResolver] })
export class TimelineApiModule {}
