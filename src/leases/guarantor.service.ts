import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Guarantor } from './guarantor.entity';
import { GuarantorRepository } from './guarantor.repository';

/** Guarantors: the generic record API (a lease's guarantors are set through LeaseService.setParties). */
@Injectable()
export class GuarantorService extends RecordService<Guarantor> {
  constructor(guarantors: GuarantorRepository) {
    super(guarantors);
  }
}
