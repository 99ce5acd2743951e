import { TwentyConnection } from './twenty-connection.entity';
import { TwentyRecord } from './twenty-record.entity';
import { TwentyWebhookEvent } from './twenty-webhook-event.entity';

/** The Twenty connector's tables: each workspace's connection, the records it keeps in sync, the webhook deliveries it accepted. */
export const TWENTY_ENTITIES = [TwentyConnection, TwentyRecord, TwentyWebhookEvent];
