import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { validateInput } from '../../src/common/validation.pipe';
import { Charge } from '../../src/ledger/charge.entity';
import { ChargeService } from '../../src/ledger/charge.service';
import { CreditNote } from '../../src/ledger/credit-note.entity';
import { CreditNoteService } from '../../src/ledger/credit-note.service';
import { ChargeInput, LedgerService, PaymentInput } from '../../src/ledger/ledger.service';
import { Payment } from '../../src/ledger/payment.entity';
import { PaymentService } from '../../src/ledger/payment.service';
import { CreateChargeInput } from './create-charge.input';
import { CreateCreditNoteInput } from './create-credit-note.input';
import { CreatePaymentInput } from './create-payment.input';

/**
 * Money in: charges and payments enter through the ledger seam (allocation, balance, debts,
 * timeline in one transaction; idempotent re-imports). Ledger entries are never edited or
 * deleted: a mistake is corrected by a credit note or a new entry, as in accounting.
 */
@Resolver()
export class LedgerMutationsResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly charges: ChargeService,
    private readonly payments: PaymentService,
    private readonly creditNotes: CreditNoteService,
  ) {}

  @WriteAccess()
  @Mutation(() => [Charge], { description: 'Imports charges (up to 5,000): one transaction; an already billed period is returned as is.' })
  async createCharges(@CurrentActor() actor: Actor, @Args('data', { type: () => [CreateChargeInput] }) data: CreateChargeInput[]) {
    const inputs = await Promise.all(data.map((d, i) => validateInput(CreateChargeInput, d, `data[${i}]`)));
    const result = await this.ledger.importCharges(actor, inputs as ChargeInput[], 'data');
    return this.charges.loadInOrder(actor, [...result.createdIds, ...result.existingIds]);
  }

  @WriteAccess()
  @Mutation(() => [Payment], { description: 'Records payments (up to 5,000): one transaction; a known bank reference is returned as is.' })
  async createPayments(@CurrentActor() actor: Actor, @Args('data', { type: () => [CreatePaymentInput] }) data: CreatePaymentInput[]) {
    const inputs = await Promise.all(data.map((d, i) => validateInput(CreatePaymentInput, d, `data[${i}]`)));
    const result = await this.ledger.recordPayments(actor, inputs as PaymentInput[], 'data');
    return this.payments.loadInOrder(actor, [...result.createdIds, ...result.existingIds]);
  }

  @WriteAccess()
  @Mutation(() => Payment, { description: 'Records one payment; see createPayments.' })
  async createPayment(@CurrentActor() actor: Actor, @Args('data', { type: () => CreatePaymentInput }) data: CreatePaymentInput) {
    const input = await validateInput(CreatePaymentInput, data, 'data');
    const result = await this.ledger.recordPayments(actor, [input as PaymentInput], 'data');
    return this.payments.get(actor, [...result.createdIds, ...result.existingIds][0]);
  }

  @WriteAccess()
  @Mutation(() => CreditNote, { description: 'Records a credit note; allocated to the oldest charges like a payment.' })
  async createCreditNote(@CurrentActor() actor: Actor, @Args('data', { type: () => CreateCreditNoteInput }) data: CreateCreditNoteInput) {
    const input = await validateInput(CreateCreditNoteInput, data, 'data');
    return this.creditNotes.get(actor, await this.ledger.recordCreditNote(actor, input));
  }
}
