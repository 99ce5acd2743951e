import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { Unit, UNIT_TABLE } from './unit.entity';

/** The `unit` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class UnitRepository extends RecordRepository<Unit> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(UNIT_TABLE, dataSource);
  }
}
