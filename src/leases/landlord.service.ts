import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Landlord } from './landlord.entity';
import { LandlordRepository } from './landlord.repository';

/** Landlords: the generic record API, nothing more today (LeaseService answers whether a landlord exists). */
@Injectable()
export class LandlordService extends RecordService<Landlord> {
  constructor(landlords: LandlordRepository) {
    super(landlords);
  }
}
