import { journalActorOf } from '../timeline/debt-event.entity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { IsoDate } from '../domain/calendar-date';
import { Aging, aging, AllocationResult, daysLate } from '../domain/ledger';
import { Cents, formatEuros } from '../domain/money';
import { LeaseService } from '../leases/lease.service';
import { DEBT_CLOSED_KEY, DebtEventEntry, TimelineService } from '../timeline/timeline.service';
import { AllocationRepository } from './allocation.repository';
import { CHARGE_KINDS, ChargeKind } from './charge.entity';
import { ChargeRepository } from './charge.repository';
import { CreditNoteRepository } from './credit-note.repository';
import { allocateLeases, LeaseEntries, recomputeLedgers, unpaidLedgers } from './lease-ledger';
import { LedgerEvent, LedgerEvents, PaymentRecorded } from './ledger-events';
import { LedgerWriteListener } from './ledger-write-listener';
import { DebtChange, LeaseOverdue, NO_OVERDUE_OUTCOME, OverdueListener, OverdueOutcome } from './overdue-listener';
import { PAYMENT_METHODS, PaymentMethod } from './payment.entity';
import { PaymentRepository } from './payment.repository';

export { CHARGE_KINDS, PAYMENT_METHODS };
export type { ChargeKind, PaymentMethod };

/** Most entries one call may carry; a bigger file is sent in several batches. */
export const MAX_BATCH = 5_000;

export interface PaymentInput {
  leaseId: string;
  amountCents: Cents;
  paidOn: string;
  method: PaymentMethod;
  bankReference: string;
  payerName?: string | null;
}

export interface ChargeInput {
  leaseId: string;
  kind?: ChargeKind;
  period: string;
  dueDate: string;
  rentCents: Cents;
  chargesCents: Cents;
  /** A FEE charge's amount, and only a FEE charge's (0 by default). */
  feeCents?: Cents;
  label?: string | null;
}

export interface CreditNoteInput {
  leaseId: string;
  amountCents: Cents;
  issuedOn: string;
  reason: string;
}

export interface BatchResult {
  /** Ids of the entries this call created, in input order. */
  createdIds: string[];
  /** Ids of the entries that were already recorded identically (a re-import), in input order. */
  existingIds: string[];
}

/** What a lease's ledger-derived fields show, as of a date. */
export interface LeaseLedgerFigures {
  /** Days since the oldest unpaid due date; 0 when nothing is overdue. */
  daysLate: number;
  /** Overdue money by age. */
  aging: Aging;
}

/** A late-payment fee to post as a FEE charge (see {@link LedgerService.postFee}). */
export interface FeeCharge {
  leaseId: string;
  period: string;
  dueDate: IsoDate;
  feeCents: Cents;
  label: string;
}

/**
 * The one seam where money enters the ledger. Recording payments or importing charges
 * writes the entries, recomputes allocation, balances and open debts, and writes the debt
 * timeline, all in one transaction; then one `PaymentRecorded` event per new payment is
 * published. Both are idempotent: payments on their bank reference, charges on
 * (lease, kind, period); an entry that reuses a key with different content is a CONFLICT
 * and the whole batch is refused.
 *
 * The ledger sits below the dunning engine: it tells it that the overdue money of some
 * leases changed through the {@link OverdueListener} the debt feature registers, and
 * never reads or writes a debt itself.
 */
@Injectable()
export class LedgerService {
  private readonly overdueListeners: OverdueListener[] = [];
  private readonly writeListeners: LedgerWriteListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: LedgerEvents,
    private readonly charges: ChargeRepository,
    private readonly payments: PaymentRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly allocations: AllocationRepository,
    private readonly leases: LeaseService,
    private readonly timeline: TimelineService,
  ) {}

  /**
   * Registers the listener told, in the ledger's transaction, each time the overdue money
   * of some leases is recomputed (the debt feature, at start-up). Returns its removal.
   */
  registerOverdueListener(listener: OverdueListener): () => void {
    this.overdueListeners.push(listener);
    return () => void this.overdueListeners.splice(this.overdueListeners.indexOf(listener), 1);
  }

  /**
   * Registers the listener told, in the ledger's transaction, of the entries each payment,
   * credit note or charges import recorded, with the leases' allocated ledgers (the
   * receipts feature, at start-up). Returns its removal.
   */
  registerWriteListener(listener: LedgerWriteListener): () => void {
    this.writeListeners.push(listener);
    return () => void this.writeListeners.splice(this.writeListeners.indexOf(listener), 1);
  }

  async recordPayments(actor: Actor, payments: PaymentInput[], field = 'payments'): Promise<BatchResult> {
    checkBatch(payments, field);
    checkUnique(
      payments.map((p) => p.bankReference),
      field,
      'bankReference',
    );
    const asOf = todayIn();
    const { result, events } = await this.dataSource.transaction(async (manager) => {
      await this.checkLeases(manager, actor.workspaceId, payments, field);
      // Inserted in bank-reference order: two batches sharing references then take the
      // unique-index locks in the same order and cannot deadlock.
      const sorted = [...payments].sort((a, b) => (a.bankReference < b.bankReference ? -1 : 1));
      const createdByRef = await this.payments.insertMany(
        actor.workspaceId,
        sorted.map((p) => ({ ...p, payerName: p.payerName ?? null })),
        manager,
      );
      const existing = await this.matchExisting(manager, actor.workspaceId, payments, createdByRef, field);
      const newPayments = payments.filter((p) => createdByRef.has(p.bankReference));
      const outcome = await this.recomputeLeases(
        manager,
        actor.workspaceId,
        newPayments.map((p) => p.leaseId),
        asOf,
        { creditIds: newPayments.map((p) => createdByRef.get(p.bankReference)!) },
      );
      const events: LedgerEvent[] = await this.recordPaymentEvents(manager, actor, newPayments, createdByRef, outcome);
      if (newPayments.length > 0) events.push(entriesRecorded(actor.workspaceId, newPayments));
      return {
        result: {
          createdIds: newPayments.map((p) => createdByRef.get(p.bankReference)!),
          existingIds: payments.filter((p) => !createdByRef.has(p.bankReference)).map((p) => existing.get(p.bankReference)!),
        },
        events,
      };
    });
    await this.events.publish(events);
    return result;
  }

  /** Payments whose bank reference was already taken must be the very same payment. */
  private async matchExisting(
    manager: EntityManager,
    workspaceId: string,
    payments: PaymentInput[],
    createdByRef: Map<string, string>,
    field: string,
  ): Promise<Map<string, string>> {
    const taken = payments.filter((p) => !createdByRef.has(p.bankReference));
    if (taken.length === 0) return new Map();
    const rows = await this.payments.byBankReferences(
      workspaceId,
      taken.map((p) => p.bankReference),
      manager,
    );
    const byRef = new Map(rows.map((r) => [r.bankReference, r]));
    payments.forEach((p, i) => {
      const row = byRef.get(p.bankReference);
      if (!row || createdByRef.has(p.bankReference)) return;
      if (row.leaseId !== p.leaseId || row.amountCents !== p.amountCents || row.paidOn !== p.paidOn) {
        throw new RelanceError(
          'CONFLICT',
          `${field}[${i}].bankReference ${JSON.stringify(p.bankReference)} is already recorded with another lease, amount or date`,
          { field: `${field}[${i}].bankReference` },
        );
      }
    });
    return new Map(rows.map((r) => [r.bankReference, r.id]));
  }

  /** A credit note (avoir) in the tenant's favour: allocated like a payment. */
  async recordCreditNote(actor: Actor, note: CreditNoteInput, field = 'data'): Promise<string> {
    const asOf = todayIn();
    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkLeases(manager, actor.workspaceId, [note], field);
      const id = await this.creditNotes.insert(actor.workspaceId, note, manager);
      const { changes } = await this.recomputeLeases(manager, actor.workspaceId, [note.leaseId], asOf, { creditIds: [id] });
      await this.timeline.recordMany(
        actor.workspaceId,
        changes.map((change) => ({
          debtId: change.debtId,
          kind: change.resolved ? 'DEBT_RESOLVED' : 'CREDIT_NOTE_RECORDED',
          key: change.resolved ? DEBT_CLOSED_KEY : `credit-note:${id}`,
          actor: journalActorOf(actor),
          summary: `Credit note of ${formatEuros(note.amountCents)}: ${note.reason}`,
          data: { creditNoteId: id, remainingCents: change.amountCents },
        })),
        manager,
      );
      return id;
    });
    await this.events.publish([entriesRecorded(actor.workspaceId, [note])]);
    return id;
  }

  async importCharges(actor: Actor, charges: ChargeInput[], field = 'charges'): Promise<BatchResult> {
    checkBatch(charges, field);
    const keyOf = (c: { leaseId: string; kind?: ChargeKind; period: string }) => `${c.leaseId}|${c.kind ?? 'RENT_CALL'}|${c.period}`;
    checkUnique(charges.map(keyOf), field, 'period');
    charges.forEach((c, i) => {
      if ((c.feeCents ?? 0) > 0 && c.kind !== 'FEE') {
        throw new RelanceError('BAD_USER_INPUT', `${field}[${i}].feeCents: only a FEE charge carries a fee`, {
          field: `${field}[${i}].feeCents`,
        });
      }
      if (c.rentCents + c.chargesCents + (c.feeCents ?? 0) <= 0) {
        throw new RelanceError('BAD_USER_INPUT', `${field}[${i}]: a charge needs a rent or charges part above 0`, {
          field: `${field}[${i}].rentCents`,
        });
      }
    });
    const asOf = todayIn();
    const { result, newCharges } = await this.dataSource.transaction(async (manager) => {
      const kinds = await this.checkLeases(manager, actor.workspaceId, charges, field);
      charges.forEach((c, i) => {
        if (c.kind === 'FEE' && kinds.get(c.leaseId)?.startsWith('RESIDENTIAL')) {
          throw new RelanceError(
            'BAD_USER_INPUT',
            `${field}[${i}].kind: no fee may be charged to a residential tenant (loi 89-462 art. 4 p)`,
            { field: `${field}[${i}].kind` },
          );
        }
        // A fee is neither rent nor service charges: letters show it on its own line.
        if (c.kind === 'FEE' && c.rentCents + c.chargesCents > 0) {
          throw new RelanceError('BAD_USER_INPUT', `${field}[${i}]: a FEE charge carries its amount in feeCents, not as rent or charges`, {
            field: `${field}[${i}].${c.rentCents > 0 ? 'rentCents' : 'chargesCents'}`,
          });
        }
      });
      const inserted = await this.charges.insertMany(
        actor.workspaceId,
        charges.map((c) => ({ ...c, kind: c.kind ?? 'RENT_CALL', feeCents: c.feeCents ?? 0, label: c.label ?? null })),
        manager,
      );
      const created = new Map(inserted.map((r) => [keyOf(r), r.id]));
      const taken = charges.filter((c) => !created.has(keyOf(c)));
      const existing = new Map<string, string>();
      if (taken.length > 0) {
        const rows = await this.charges.ofLeases(
          actor.workspaceId,
          taken.map((c) => c.leaseId),
          manager,
        );
        for (const row of rows) existing.set(keyOf(row), row.id);
        const rowByKey = new Map(rows.map((r) => [keyOf(r), r]));
        charges.forEach((c, i) => {
          if (created.has(keyOf(c))) return;
          const row = rowByKey.get(keyOf(c))!;
          if (
            row.dueDate !== c.dueDate ||
            row.rentCents !== c.rentCents ||
            row.chargesCents !== c.chargesCents ||
            row.feeCents !== (c.feeCents ?? 0)
          ) {
            throw new RelanceError('CONFLICT', `${field}[${i}].period ${c.period} is already billed with other amounts or due date`, {
              field: `${field}[${i}].period`,
            });
          }
        });
      }
      const newCharges = charges.filter((c) => created.has(keyOf(c)));
      await this.recomputeLeases(
        manager,
        actor.workspaceId,
        newCharges.map((c) => c.leaseId),
        asOf,
        { chargeIds: newCharges.map((c) => created.get(keyOf(c))!) },
      );
      return {
        result: {
          createdIds: newCharges.map((c) => created.get(keyOf(c))!),
          existingIds: taken.map((c) => existing.get(keyOf(c))!),
        },
        newCharges,
      };
    });
    if (newCharges.length > 0) await this.events.publish([entriesRecorded(actor.workspaceId, newCharges)]);
    return result;
  }

  /**
   * Posts a late-payment fee as a FEE charge of its period, in the caller's transaction,
   * and recomputes the lease's ledger. The dunning engine's fee step calls it, having
   * checked that the law and the lease allow the fee. False when the lease's fee for that
   * period was already posted (nothing changes).
   */
  async postFee(manager: EntityManager, workspaceId: string, fee: FeeCharge, asOf: IsoDate): Promise<boolean> {
    const posted = await this.charges.insertMany(
      workspaceId,
      // A fee is its own part of the ledger, never rent: letters show it on its own line.
      [
        {
          leaseId: fee.leaseId,
          kind: 'FEE',
          period: fee.period,
          dueDate: fee.dueDate,
          rentCents: 0,
          chargesCents: 0,
          feeCents: fee.feeCents,
          label: fee.label,
        },
      ],
      manager,
    );
    if (posted.length === 0) return false;
    await this.recompute(manager, workspaceId, [fee.leaseId], asOf);
    return true;
  }

  /**
   * Locks the leases (in id order, so concurrent writers never deadlock) and brings their
   * stored allocation, balance and open debt in line with their ledger, inside the
   * caller's transaction. Returns the open debts that changed.
   */
  async recompute(manager: EntityManager, workspaceId: string, leaseIds: string[], asOf: IsoDate): Promise<DebtChange[]> {
    return (await this.recomputeLeases(manager, workspaceId, leaseIds, asOf)).changes;
  }

  /**
   * Recomputes some leases (see `recompute`); when `fresh` names the entries just recorded,
   * the write listeners are told of them with the allocated ledgers, in the transaction.
   */
  private async recomputeLeases(
    manager: EntityManager,
    workspaceId: string,
    leaseIds: string[],
    asOf: IsoDate,
    fresh?: { creditIds?: string[]; chargeIds?: string[] },
  ): Promise<OverdueOutcome> {
    const ids = [...new Set(leaseIds)].sort();
    if (ids.length === 0) return NO_OVERDUE_OUTCOME;
    await this.leases.lockForLedger(manager, workspaceId, ids);
    const recomputed = recomputeLedgers(ids, await this.entriesOf(workspaceId, ids, manager), asOf);
    await this.allocations.replaceForLeases(workspaceId, ids, recomputed.allocations, manager);
    await this.leases.setBalances(manager, workspaceId, recomputed.balances);
    const outcome = await this.tellOverdue(manager, workspaceId, recomputed.overdue);
    if (fresh && this.writeListeners.length > 0) {
      const creditIds = new Set(fresh.creditIds ?? []);
      const chargeIds = new Set(fresh.chargeIds ?? []);
      const written = recomputed.ledgers.map(({ leaseId, result, credits }) => ({
        leaseId,
        ledger: result,
        credits,
        newCreditIds: credits.filter((c) => creditIds.has(c.id)).map((c) => c.id),
        newChargeIds: result.charges.filter((s) => chargeIds.has(s.charge.id)).map((s) => s.charge.id),
      }));
      for (const listener of this.writeListeners) await listener.onLedgerWritten(manager, workspaceId, written, asOf);
    }
    return outcome;
  }

  private async tellOverdue(manager: EntityManager, workspaceId: string, overdue: LeaseOverdue[]): Promise<OverdueOutcome> {
    const outcome: OverdueOutcome = { openDebtIds: new Map(), changes: [] };
    for (const listener of this.overdueListeners) {
      const told = await listener.onOverdueChanged(manager, workspaceId, overdue);
      for (const [leaseId, debtId] of told.openDebtIds) outcome.openDebtIds.set(leaseId, debtId);
      outcome.changes.push(...told.changes);
    }
    return outcome;
  }

  /**
   * What a lease's ledger fields show (days late, aging), for some leases as of one date,
   * in the order asked: one statement whatever their number (a page of leases' `daysLate`
   * and `aging` batch through it). It reads the unpaid charges as the stored allocation
   * leaves them, which every ledger write recomputes in its transaction, and applies the
   * domain's arithmetic with one `asOf` for the whole batch. An id the actor may not see
   * shows nothing owed.
   */
  async ledgerFiguresOf(actor: Actor, leaseIds: readonly string[], asOf: IsoDate = todayIn()): Promise<LeaseLedgerFigures[]> {
    const unpaid = await this.charges.unpaidOfLeases(actor, [...new Set(leaseIds)]);
    return unpaidLedgers(leaseIds, unpaid).map((ledger) => ({ daysLate: daysLate(ledger, asOf), aging: aging(ledger, asOf) }));
  }

  /** One lease's ledger, allocated, within the workspace; on the caller's transaction when it passes its manager. */
  async ledgerOf(workspaceId: string, leaseId: string, db: EntityManager | DataSource = this.dataSource): Promise<AllocationResult> {
    return allocateLeases([leaseId], await this.entriesOf(workspaceId, [leaseId], db))[0];
  }

  /** Some leases' ledgers, allocated, in their order: one statement per table whatever their number. */
  async ledgersOf(workspaceId: string, leaseIds: string[], db: EntityManager | DataSource = this.dataSource): Promise<AllocationResult[]> {
    return allocateLeases(leaseIds, await this.entriesOf(workspaceId, leaseIds, db));
  }

  /** The entries of some leases, one statement per table; sequential, as a transaction's one connection needs. */
  private async entriesOf(workspaceId: string, leaseIds: string[], db: EntityManager | DataSource): Promise<LeaseEntries> {
    const charges = await this.charges.ofLeases(workspaceId, leaseIds, db);
    const payments = await this.payments.ofLeases(workspaceId, leaseIds, db);
    const creditNotes = await this.creditNotes.ofLeases(workspaceId, leaseIds, db);
    return { charges, payments, creditNotes };
  }

  /**
   * Every lease id must name a lease of the caller's workspace. The leases are locked here,
   * before any entry is inserted, in id order: inserting first would take a key-share lock
   * through the foreign key, and two writers upgrading it on the same lease deadlock.
   */
  private async checkLeases(
    manager: EntityManager,
    workspaceId: string,
    entries: Array<{ leaseId: string }>,
    field: string,
  ): Promise<Map<string, string>> {
    const ids = [...new Set(entries.map((e) => e.leaseId))].sort();
    const rows = await this.leases.lockForLedger(manager, workspaceId, ids);
    const known = new Set(rows.map((r) => r.id));
    const index = entries.findIndex((e) => !known.has(e.leaseId));
    if (index >= 0) {
      throw new RelanceError('BAD_USER_INPUT', `${field}[${index}].leaseId is not a lease of this workspace`, {
        field: `${field}[${index}].leaseId`,
      });
    }
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  /** Timeline entries for payments on leases with an open debt, and the events to publish. */
  private async recordPaymentEvents(
    manager: EntityManager,
    actor: Actor,
    payments: PaymentInput[],
    idByRef: Map<string, string>,
    outcome: OverdueOutcome,
  ): Promise<PaymentRecorded[]> {
    const debtByLease = new Map(outcome.changes.map((c) => [c.leaseId, c]));
    const events: PaymentRecorded[] = [];
    const timeline: Array<DebtEventEntry & { debtId: string }> = [];
    for (const p of payments) {
      const paymentId = idByRef.get(p.bankReference)!;
      const debtId = outcome.openDebtIds.get(p.leaseId);
      const change = debtByLease.get(p.leaseId);
      events.push({
        kind: 'PaymentRecorded',
        workspaceId: actor.workspaceId,
        leaseId: p.leaseId,
        paymentId,
        amountCents: p.amountCents,
        debtId,
        debtResolved: change?.resolved ?? false,
      });
      if (!debtId) continue;
      timeline.push({
        debtId,
        kind: 'PAYMENT_RECORDED',
        key: `payment:${paymentId}`,
        actor: journalActorOf(actor),
        summary: `Payment of ${formatEuros(p.amountCents)} recorded (${p.method}, ${p.bankReference})`,
        data: { paymentId, amountCents: p.amountCents, paidOn: p.paidOn, remainingCents: change?.amountCents },
      });
    }
    for (const change of outcome.changes.filter((c) => c.resolved)) {
      timeline.push({
        debtId: change.debtId,
        kind: 'DEBT_RESOLVED',
        key: DEBT_CLOSED_KEY,
        actor: { kind: 'SYSTEM', id: null },
        summary: 'Debt cleared by payment',
      });
    }
    await this.timeline.recordMany(actor.workspaceId, timeline, manager);
    return events;
  }
}

function checkBatch(entries: unknown[], field: string): void {
  if (entries.length === 0) throw new RelanceError('BAD_USER_INPUT', `${field} must hold at least one entry`, { field });
  if (entries.length > MAX_BATCH) {
    throw new RelanceError('BAD_USER_INPUT', `${field} holds ${entries.length} entries; send at most ${MAX_BATCH} per call`, { field });
  }
}

function checkUnique(keys: string[], field: string, keyField: string): void {
  const seen = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first !== undefined) {
      throw new RelanceError('BAD_USER_INPUT', `${field}[${i}] repeats ${field}[${first}] (same ${keyField})`, {
        field: `${field}[${i}].${keyField}`,
      });
    }
    seen.set(key, i);
  });
}

/** The after-commit event of entries recorded on some leases. */
function entriesRecorded(workspaceId: string, entries: Array<{ leaseId: string }>): LedgerEvent {
  return { kind: 'EntriesRecorded', workspaceId, leaseIds: [...new Set(entries.map((e) => e.leaseId))] };
}
