import { Module } from '@nestjs/common';
import { DebtModule } from '../../src/debt/debt.module';
import { TimelineModule } from '../../src/timeline/timeline.module';
import { DebtActionsResolver } from './debt-actions.resolver';
import { ArrearsDetectionResolver } from './arrears-detection.resolver';
import { DebtResolver } from './debt.resolver';
import { LegalCalendarResolver } from './legal-calendar.resolver';
import { LegalRisksResolver } from './legal-risks.resolver';
import { MessageZonesResolver } from './message-zones.resolver';

/** The debt feature's GraphQL surface: debts, their live fields and actions, detection, free-text zones, legal deadlines and their risk view. */
@Module({
  imports: [DebtModule, TimelineModule],
  providers: [DebtResolver, DebtActionsResolver, ArrearsDetectionResolver, MessageZonesResolver, LegalCalendarResolver, LegalRisksResolver],
})
export class DebtApiModule {}
