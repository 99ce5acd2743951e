import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Unit } from './unit.entity';
import { UnitRepository } from './unit.repository';

/** Units: the generic record API, nothing more today. */
@Injectable()
export class UnitService extends RecordService<Unit> {
  constructor(units: UnitRepository) {
    super(units);
  }
}
