import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Charge } from './charge.entity';
import { ChargeRepository } from './charge.repository';

/** Charges as the record API reads them; they are written through LedgerService only. */
@Injectable()
export class ChargeService extends RecordService<Charge> {
  constructor(charges: ChargeRepository) {
    super(charges);
  }
}
