import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { RecordService } from '../records/record.service';
import { Debt, DEBT_TABLE } from './debt.entity';

/**
 * Debts through the generic record API (read-only: the ledger opens and closes them, their
 * workflow moves them), within the caller's scope. The state writes are DebtRepository's.
 */
@Injectable()
export class DebtService extends RecordService<Debt> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(new RecordRepository<Debt>(DEBT_TABLE, dataSource));
  }
}
