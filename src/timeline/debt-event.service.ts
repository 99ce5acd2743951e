import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { RecordService } from '../records/record.service';
import { DebtEvent } from './debt-event.entity';
import { DebtEventRecordRepository } from './debt-event.repository';

/** How many timeline entries one debt's `timeline` field returns at most. */
export const TIMELINE_MAX = 200;

/**
 * Reading the timeline through the generic record API, within the caller's scope;
 * TimelineService is its one writer.
 */
@Injectable()
export class DebtEventService extends RecordService<DebtEvent> {
  private readonly events: DebtEventRecordRepository;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const events = new DebtEventRecordRepository(dataSource);
    super(events);
    this.events = events;
  }

  /** The first `first` entries of each debt, oldest first, in the order of `debtIds` (a DataLoader's batch). */
  async timelinesOf(actor: Actor, debtIds: readonly string[], first: number): Promise<DebtEvent[][]> {
    const rows = await this.events.firstOfDebts(actor, debtIds, first);
    const byDebt = new Map<string, DebtEvent[]>();
    for (const row of rows) byDebt.set(row.debtId, [...(byDebt.get(row.debtId) ?? []), row]);
    return debtIds.map((id) => byDebt.get(id) ?? []);
  }
}
