import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { Cents, formatEuros } from '../domain/money';
import { DebtChange, recomputeLeaseLedgers } from './lease-ledger';
import { LedgerEvents, PaymentRecorded } from './ledger-events';

/** Most entries one call may carry; a bigger file is sent in several batches. */
export const MAX_BATCH = 5_000;

export const PAYMENT_METHODS = ['TRANSFER', 'DIRECT_DEBIT', 'CHECK', 'CASH', 'CARD', 'HOUSING_BENEFIT', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const CHARGE_KINDS = ['RENT_CALL', 'REGULARISATION', 'FEE'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

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

/**
 * The one seam where money enters the ledger. Recording payments or importing charges
 * writes the entries, recomputes allocation, balances and open debts, and writes the debt
 * timeline, all in one transaction; then one `PaymentRecorded` event per new payment is
 * published. Both are idempotent: payments on their bank reference, charges on
 * (lease, kind, period); an entry that reuses a key with different content is a CONFLICT
 * and the whole batch is refused.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: LedgerEvents,
  ) {}

  async recordPayments(actor: Actor, payments: PaymentInput[], field = 'payments'): Promise<BatchResult> {
    checkBatch(payments, field);
    checkUnique(payments.map((p) => p.bankReference), field, 'bankReference');
    const asOf = todayIn();
    const { result, events } = await this.dataSource.transaction(async (manager) => {
      await checkLeases(manager, actor.workspaceId, payments, field);
      // Inserted in bank-reference order: two batches sharing references then take the
      // unique-index locks in the same order and cannot deadlock.
      const sorted = [...payments].sort((a, b) => (a.bankReference < b.bankReference ? -1 : 1));
      const inserted: Array<{ id: string; bank_reference: string }> = await manager.query(
        `INSERT INTO payment (workspace_id, lease_id, amount_cents, paid_on, method, bank_reference, payer_name)
         SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::date[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT (workspace_id, bank_reference) DO NOTHING
         RETURNING id, bank_reference`,
        [
          actor.workspaceId,
          sorted.map((p) => p.leaseId),
          sorted.map((p) => p.amountCents),
          sorted.map((p) => p.paidOn),
          sorted.map((p) => p.method),
          sorted.map((p) => p.bankReference),
          sorted.map((p) => p.payerName ?? null),
        ],
      );
      const createdByRef = new Map(inserted.map((r) => [r.bank_reference, r.id]));
      const existing = await this.matchExisting(manager, actor.workspaceId, payments, createdByRef, field);
      const newPayments = payments.filter((p) => createdByRef.has(p.bankReference));
      const changes = await recomputeLeaseLedgers(manager, actor.workspaceId, newPayments.map((p) => p.leaseId), asOf);
      const events = await recordPaymentEvents(manager, actor, newPayments, createdByRef, changes);
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
    const rows: Array<{ id: string; bank_reference: string; lease_id: string; amount_cents: number; paid_on: string }> =
      await manager.query(
        `SELECT id, bank_reference, lease_id, amount_cents, to_char(paid_on, 'YYYY-MM-DD') AS paid_on
         FROM payment WHERE workspace_id = $1 AND bank_reference = ANY($2::text[])`,
        [workspaceId, taken.map((p) => p.bankReference)],
      );
    const byRef = new Map(rows.map((r) => [r.bank_reference, r]));
    payments.forEach((p, i) => {
      const row = byRef.get(p.bankReference);
      if (!row || createdByRef.has(p.bankReference)) return;
      if (row.lease_id !== p.leaseId || row.amount_cents !== p.amountCents || row.paid_on !== p.paidOn) {
        throw new RelanceError(
          'CONFLICT',
          `${field}[${i}].bankReference ${JSON.stringify(p.bankReference)} is already recorded with another lease, amount or date`,
          { field: `${field}[${i}].bankReference` },
        );
      }
    });
    return new Map(rows.map((r) => [r.bank_reference, r.id]));
  }

  /** A credit note (avoir) in the tenant's favour: allocated like a payment. */
  async recordCreditNote(actor: Actor, note: CreditNoteInput, field = 'data'): Promise<string> {
    const asOf = todayIn();
    return this.dataSource.transaction(async (manager) => {
      await checkLeases(manager, actor.workspaceId, [note], field);
      const [row] = await manager.query(
        `INSERT INTO credit_note (workspace_id, lease_id, amount_cents, issued_on, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [actor.workspaceId, note.leaseId, note.amountCents, note.issuedOn, note.reason],
      );
      const changes = await recomputeLeaseLedgers(manager, actor.workspaceId, [note.leaseId], asOf);
      for (const change of changes) {
        await manager.query(
          `INSERT INTO debt_event (workspace_id, debt_id, kind, actor_kind, actor_id, summary, data)
           VALUES ($1, $2, $3, 'API_KEY', $4, $5, $6)`,
          [
            actor.workspaceId,
            change.debtId,
            change.resolved ? 'DEBT_RESOLVED' : 'CREDIT_NOTE_RECORDED',
            actor.apiKeyId,
            `Credit note of ${formatEuros(note.amountCents)}: ${note.reason}`,
            JSON.stringify({ creditNoteId: row.id, remainingCents: change.amountCents }),
          ],
        );
      }
      return row.id as string;
    });
  }

  async importCharges(actor: Actor, charges: ChargeInput[], field = 'charges'): Promise<BatchResult> {
    checkBatch(charges, field);
    const keyOf = (c: ChargeInput) => `${c.leaseId}|${c.kind ?? 'RENT_CALL'}|${c.period}`;
    checkUnique(charges.map(keyOf), field, 'period');
    charges.forEach((c, i) => {
      if ((c.feeCents ?? 0) > 0 && c.kind !== 'FEE') {
        throw new RelanceError('BAD_USER_INPUT', `${field}[${i}].feeCents: only a FEE charge carries a fee`, { field: `${field}[${i}].feeCents` });
      }
      if (c.rentCents + c.chargesCents + (c.feeCents ?? 0) <= 0) {
        throw new RelanceError('BAD_USER_INPUT', `${field}[${i}]: a charge needs a rent or charges part above 0`, {
          field: `${field}[${i}].rentCents`,
        });
      }
    });
    const asOf = todayIn();
    return this.dataSource.transaction(async (manager) => {
      const kinds = await checkLeases(manager, actor.workspaceId, charges, field);
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
      const inserted: Array<{ id: string; lease_id: string; kind: string; period: string }> = await manager.query(
        `INSERT INTO charge (workspace_id, lease_id, kind, period, due_date, rent_cents, charges_cents, fee_cents, label)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::int[], $7::int[], $8::int[], $9::text[])
         ON CONFLICT (workspace_id, lease_id, kind, period) DO NOTHING
         RETURNING id, lease_id, kind, period`,
        [
          actor.workspaceId,
          charges.map((c) => c.leaseId),
          charges.map((c) => c.kind ?? 'RENT_CALL'),
          charges.map((c) => c.period),
          charges.map((c) => c.dueDate),
          charges.map((c) => c.rentCents),
          charges.map((c) => c.chargesCents),
          charges.map((c) => c.feeCents ?? 0),
          charges.map((c) => c.label ?? null),
        ],
      );
      const created = new Map(inserted.map((r) => [`${r.lease_id}|${r.kind}|${r.period}`, r.id]));
      const taken = charges.filter((c) => !created.has(keyOf(c)));
      const existing = new Map<string, string>();
      if (taken.length > 0) {
        const rows: Array<{ id: string; lease_id: string; kind: string; period: string; due_date: string; rent_cents: number; charges_cents: number; fee_cents: number }> =
          await manager.query(
            `SELECT id, lease_id, kind, period, to_char(due_date, 'YYYY-MM-DD') AS due_date, rent_cents, charges_cents, fee_cents
             FROM charge WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])`,
            [actor.workspaceId, taken.map((c) => c.leaseId)],
          );
        for (const row of rows) existing.set(`${row.lease_id}|${row.kind}|${row.period}`, row.id);
        const rowByKey = new Map(rows.map((r) => [`${r.lease_id}|${r.kind}|${r.period}`, r]));
        charges.forEach((c, i) => {
          if (created.has(keyOf(c))) return;
          const row = rowByKey.get(keyOf(c))!;
          if (row.due_date !== c.dueDate || row.rent_cents !== c.rentCents || row.charges_cents !== c.chargesCents || row.fee_cents !== (c.feeCents ?? 0)) {
            throw new RelanceError('CONFLICT', `${field}[${i}].period ${c.period} is already billed with other amounts or due date`, {
              field: `${field}[${i}].period`,
            });
          }
        });
      }
      const newCharges = charges.filter((c) => created.has(keyOf(c)));
      await recomputeLeaseLedgers(manager, actor.workspaceId, newCharges.map((c) => c.leaseId), asOf);
      return {
        createdIds: newCharges.map((c) => created.get(keyOf(c))!),
        existingIds: taken.map((c) => existing.get(keyOf(c))!),
      };
    });
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

/**
 * Every lease id must name a lease of the caller's workspace. The leases are locked here,
 * before any entry is inserted, in id order: inserting first would take a key-share lock
 * through the foreign key, and two writers upgrading it on the same lease deadlock.
 */
async function checkLeases(
  manager: EntityManager,
  workspaceId: string,
  entries: Array<{ leaseId: string }>,
  field: string,
): Promise<Map<string, string>> {
  const ids = [...new Set(entries.map((e) => e.leaseId))].sort();
  const rows: Array<{ id: string; kind: string }> = await manager.query(
    'SELECT id, kind FROM lease WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [workspaceId, ids],
  );
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
async function recordPaymentEvents(
  manager: EntityManager,
  actor: Actor,
  payments: PaymentInput[],
  idByRef: Map<string, string>,
  changes: DebtChange[],
): Promise<PaymentRecorded[]> {
  const debtByLease = new Map(changes.map((c) => [c.leaseId, c]));
  const open: Array<{ id: string; lease_id: string }> = await manager.query(
    `SELECT id, lease_id FROM debt WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])
       AND (status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED') OR id = ANY($3::uuid[]))`,
    [actor.workspaceId, payments.map((p) => p.leaseId), changes.map((c) => c.debtId)],
  );
  const openByLease = new Map(open.map((d) => [d.lease_id, d.id]));
  const events: PaymentRecorded[] = [];
  for (const p of payments) {
    const paymentId = idByRef.get(p.bankReference)!;
    const debtId = openByLease.get(p.leaseId);
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
    await manager.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, actor_kind, actor_id, summary, data)
       VALUES ($1, $2, 'PAYMENT_RECORDED', 'API_KEY', $3, $4, $5)`,
      [
        actor.workspaceId,
        debtId,
        actor.apiKeyId,
        `Payment of ${formatEuros(p.amountCents)} recorded (${p.method}, ${p.bankReference})`,
        JSON.stringify({ paymentId, amountCents: p.amountCents, paidOn: p.paidOn, remainingCents: change?.amountCents }),
      ],
    );
  }
  for (const change of changes.filter((c) => c.resolved)) {
    await manager.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, actor_kind, actor_id, summary, data)
       VALUES ($1, $2, 'DEBT_RESOLVED', 'SYSTEM', NULL, 'Debt cleared by payment', '{}')`,
      [actor.workspaceId, change.debtId],
    );
  }
  return events;
}
