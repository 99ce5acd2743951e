import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { CreditNote } from './credit-note.entity';
import { CreditNoteRepository } from './credit-note.repository';

/** Credit notes as the record API reads them; they are written through LedgerService only. */
@Injectable()
export class CreditNoteService extends RecordService<CreditNote> {
  constructor(creditNotes: CreditNoteRepository) {
    super(creditNotes);
  }
}
