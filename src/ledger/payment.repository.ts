import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RecordRepository } from '../records/record.repository';
import type { LedgerDb } from './charge.repository';
import { Payment, PAYMENT_TABLE, PaymentMethod } from './payment.entity';

/** A payment to insert. */
export interface NewPayment {
  leaseId: string;
  amountCents: number;
  paidOn: string;
  method: PaymentMethod;
  bankReference: string;
  payerName: string | null;
}

/** A recorded payment, as the idempotency check compares it. */
export interface RecordedPayment {
  id: string;
  bankReference: string;
  leaseId: string;
  amountCents: number;
  paidOn: string;
}

/** Money in, as allocation reads it: a payment or a credit note. */
export interface CreditEntry {
  id: string;
  leaseId: string;
  date: string;
  amountCents: number;
}

/** The `payment` table's SQL, always within the caller's workspace (and landlord, for the record API). */
@Injectable()
export class PaymentRepository extends RecordRepository<Payment> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(PAYMENT_TABLE, dataSource);
  }

  /**
   * Inserts payments in one statement, in the order given; a bank reference already
   * recorded is left as it is. Returns the id of each row inserted, by bank reference.
   */
  async insertMany(workspaceId: string, payments: NewPayment[], db: EntityManager): Promise<Map<string, string>> {
    if (payments.length === 0) return new Map();
    const rows: Array<{ id: string; bank_reference: string }> = await db.query(
      `INSERT INTO payment (workspace_id, lease_id, amount_cents, paid_on, method, bank_reference, payer_name)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::date[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (workspace_id, bank_reference) DO NOTHING
       RETURNING id, bank_reference`,
      [
        workspaceId,
        payments.map((p) => p.leaseId),
        payments.map((p) => p.amountCents),
        payments.map((p) => p.paidOn),
        payments.map((p) => p.method),
        payments.map((p) => p.bankReference),
        payments.map((p) => p.payerName),
      ],
    );
    return new Map(rows.map((r) => [r.bank_reference, r.id]));
  }

  /** The payments already recorded under some bank references. */
  async byBankReferences(
    workspaceId: string,
    references: string[],
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<RecordedPayment[]> {
    if (references.length === 0) return [];
    const rows: Array<{ id: string; bank_reference: string; lease_id: string; amount_cents: number; paid_on: string }> = await db.query(
      `SELECT id, bank_reference, lease_id, amount_cents, to_char(paid_on, 'YYYY-MM-DD') AS paid_on
       FROM payment WHERE workspace_id = $1 AND bank_reference = ANY($2::text[])`,
      [workspaceId, references],
    );
    return rows.map((r) => ({
      id: r.id,
      bankReference: r.bank_reference,
      leaseId: r.lease_id,
      amountCents: r.amount_cents,
      paidOn: r.paid_on,
    }));
  }

  /**
   * Every payment of some leases, as allocation credits, in one statement whatever their
   * number: within the workspace (a workspace id, for the ledger's own writes) or what the
   * actor may see.
   */
  ofLeases(scope: Actor | string, leaseIds: readonly string[], db: LedgerDb = this.dataSource): Promise<CreditEntry[]> {
    return selectPayments(
      db,
      typeof scope === 'string' ? { sql: 'pay.workspace_id = $2', params: [scope] } : this.scope(scope, 1),
      leaseIds,
    );
  }
}

/**
 * Every payment of some leases of a workspace, for callers holding only a database handle
 * (see `loadLeaseLedger`); services use {@link PaymentRepository.ofLeases}.
 */
export function paymentsOfLeases(db: LedgerDb, workspaceId: string, leaseIds: readonly string[]): Promise<CreditEntry[]> {
  return selectPayments(db, { sql: 'pay.workspace_id = $2', params: [workspaceId] }, leaseIds);
}

async function selectPayments(
  db: LedgerDb,
  scope: { sql: string; params: unknown[] },
  leaseIds: readonly string[],
): Promise<CreditEntry[]> {
  if (leaseIds.length === 0) return [];
  const rows: Array<{ id: string; lease_id: string; date: string; amount_cents: number }> = await db.query(
    `SELECT pay.id, pay.lease_id, to_char(pay.paid_on, 'YYYY-MM-DD') AS date, pay.amount_cents
     FROM payment pay WHERE pay.lease_id = ANY($1::uuid[]) AND ${scope.sql}`,
    [[...leaseIds], ...scope.params],
  );
  return rows.map((r) => ({ id: r.id, leaseId: r.lease_id, date: r.date, amountCents: r.amount_cents }));
}
