import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Payment } from './payment.entity';
import { PaymentRepository } from './payment.repository';

/** Payments as the record API reads them; they are written through LedgerService only. */
@Injectable()
export class PaymentService extends RecordService<Payment> {
  constructor(payments: PaymentRepository) {
    super(payments);
  }
}
