import { Module } from '@nestjs/common';
import { DebtModule } from '../debt/debt.module';
import { MessagingModule } from '../messaging/messaging.module';
import { TasksModule } from '../tasks/tasks.module';
import { TwentyConnectionRepository } from './twenty-connection.repository';
import { TwentyConnectionService } from './twenty-connection.service';
import { TwentyInboundService } from './twenty-inbound.service';
import { TwentyRecordRepository } from './twenty-record.repository';
import { TwentySyncService } from './twenty-sync.service';
import { TwentyWebhookEventRepository } from './twenty-webhook-event.repository';

/**
 * The Twenty connector: each workspace's connection and install, the outbound sync (it
 * registers itself as the tasks' TaskMirror) and the inbound webhook. The highest feature:
 * it calls tasks, debt and messaging (the letters' shared links), never the reverse.
 */
@Module({
  imports: [TasksModule, DebtModule, MessagingModule],
  providers: [
    TwentyConnectionRepository,
    TwentyRecordRepository,
    TwentyWebhookEventRepository,
    TwentyConnectionService,
    TwentySyncService,
    TwentyInboundService,
  ],
  exports: [TwentyConnectionService, TwentySyncService, TwentyInboundService],
})
export class TwentyModule {}
