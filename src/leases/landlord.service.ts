import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Landlord } from './landlord.entity';
import { LandlordRepository } from './landlord.repository';

/** Landlords: the generic record API (LeaseService answers whether a landlord exists), and the extranet's lookup by address. */
@Injectable()
export class LandlordService extends RecordService<Landlord> {
  constructor(private readonly landlords: LandlordRepository) {
    super(landlords);
  }

  /** Landlords of any workspace with this e-mail address: only for sending them sign-in links (src/extranet). */
  withEmailInAnyWorkspace(email: string, limit: number): Promise<Array<{ workspaceId: string; id: string; name: string; email: string }>> {
    return this.landlords.withEmailInAnyWorkspace(email, limit);
  }
}
