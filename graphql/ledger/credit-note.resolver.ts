import { CreditNote, CREDIT_NOTE_TABLE } from '../../src/ledger/credit-note.entity';
import { CreditNoteService } from '../../src/ledger/credit-note.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** Credit notes, read-only: they enter through `createCreditNote` (LedgerMutationsResolver). */
export const CreditNoteResolver = recordResolverFor({
  name: 'CreditNote',
  plural: 'creditNotes',
  node: CreditNote,
  table: CREDIT_NOTE_TABLE,
  service: CreditNoteService,
});
