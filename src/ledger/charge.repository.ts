import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RecordRepository } from '../records/record.repository';
import { Charge, CHARGE_TABLE, ChargeKind } from './charge.entity';

/** A charge as the ledger reads it: what allocation and the idempotency check need. */
export interface ChargeEntry {
  id: string;
  leaseId: string;
  kind: ChargeKind;
  period: string;
  dueDate: string;
  rentCents: number;
  chargesCents: number;
  feeCents: number;
}

/** A charge to insert: its key (lease, kind, period) and amounts. */
export interface NewCharge {
  leaseId: string;
  kind: ChargeKind;
  period: string;
  dueDate: string;
  rentCents: number;
  chargesCents: number;
  feeCents: number;
  label: string | null;
}

/** The `charge` table's SQL, always within the caller's workspace (and landlord, for the record API). */
@Injectable()
export class ChargeRepository extends RecordRepository<Charge> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(CHARGE_TABLE, dataSource);
  }

  /**
   * Inserts charges in one statement; a (lease, kind, period) already billed is left as it
   * is. Returns the keys of the rows inserted (the others were there before).
   */
  async insertMany(
    workspaceId: string,
    charges: NewCharge[],
    db: EntityManager,
  ): Promise<Array<{ id: string; leaseId: string; kind: ChargeKind; period: string }>> {
    if (charges.length === 0) return [];
    const rows: Array<{ id: string; lease_id: string; kind: ChargeKind; period: string }> = await db.query(
      `INSERT INTO charge (workspace_id, lease_id, kind, period, due_date, rent_cents, charges_cents, fee_cents, label)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::int[], $7::int[], $8::int[], $9::text[])
       ON CONFLICT (workspace_id, lease_id, kind, period) DO NOTHING
       RETURNING id, lease_id, kind, period`,
      [
        workspaceId,
        charges.map((c) => c.leaseId),
        charges.map((c) => c.kind),
        charges.map((c) => c.period),
        charges.map((c) => c.dueDate),
        charges.map((c) => c.rentCents),
        charges.map((c) => c.chargesCents),
        charges.map((c) => c.feeCents),
        charges.map((c) => c.label),
      ],
    );
    return rows.map((r) => ({ id: r.id, leaseId: r.lease_id, kind: r.kind, period: r.period }));
  }

  /**
   * Every charge of some leases, in one statement whatever their number: within the
   * workspace (a workspace id, for the ledger's own writes) or what the actor may see.
   */
  ofLeases(scope: Actor | string, leaseIds: readonly string[], db: LedgerDb = this.dataSource): Promise<ChargeEntry[]> {
    return selectCharges(db, typeof scope === 'string' ? { sql: 'c.workspace_id = $2', params: [scope] } : this.scope(scope, 1), leaseIds);
  }

  /**
   * The charges of some leases that their stored allocation leaves not fully settled, with
   * what it paid of each part, in one statement whatever their number. The allocation is
   * recomputed in the transaction of every ledger write, so this is what allocating the
   * entries again would give: the per-lease fields (days late, aging) read it, and only the
   * unpaid rows travel.
   */
  async unpaidOfLeases(scope: Actor | string, leaseIds: readonly string[], db: LedgerDb = this.dataSource): Promise<UnpaidCharge[]> {
    if (leaseIds.length === 0) return [];
    const where = typeof scope === 'string' ? { sql: 'c.workspace_id = $2', params: [scope] } : this.scope(scope, 1);
    const rows: Array<{
      id: string;
      lease_id: string;
      kind: ChargeKind;
      period: string;
      due_date: string;
      rent_cents: number;
      charges_cents: number;
      fee_cents: number;
      paid_rent: string | number;
      paid_charges: string | number;
      paid_fee: string | number;
    }> = await db.query(
      `SELECT c.id, c.lease_id, c.kind, c.period, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.rent_cents, c.charges_cents, c.fee_cents,
              COALESCE(a.rent, 0) AS paid_rent, COALESCE(a.charges, 0) AS paid_charges, COALESCE(a.fee, 0) AS paid_fee
       FROM charge c
       LEFT JOIN (
         SELECT al.charge_id, sum(al.rent_cents) AS rent, sum(al.charges_cents) AS charges, sum(al.fee_cents) AS fee
         FROM allocation al WHERE al.workspace_id = $2 AND al.lease_id = ANY($1::uuid[]) GROUP BY al.charge_id
       ) a ON a.charge_id = c.id
       WHERE c.lease_id = ANY($1::uuid[]) AND ${where.sql}
         AND c.rent_cents + c.charges_cents + c.fee_cents > COALESCE(a.rent + a.charges + a.fee, 0)`,
      [[...leaseIds], ...where.params],
    );
    return rows.map((r) => ({
      id: r.id,
      leaseId: r.lease_id,
      kind: r.kind,
      period: r.period,
      dueDate: r.due_date,
      rentCents: r.rent_cents,
      chargesCents: r.charges_cents,
      feeCents: r.fee_cents,
      paidRentCents: Number(r.paid_rent),
      paidChargesCents: Number(r.paid_charges),
      paidFeeCents: Number(r.paid_fee),
    }));
  }
}

/** A charge not fully settled, with what its stored allocation paid of each part. */
export interface UnpaidCharge extends ChargeEntry {
  paidRentCents: number;
  paidChargesCents: number;
  paidFeeCents: number;
}

/** A database handle: the data source, or a transaction's manager so the read sees the caller's writes. */
export type LedgerDb = Pick<EntityManager, 'query'>;

/**
 * Every charge of some leases of a workspace, for callers holding only a database handle
 * (see `loadLeaseLedger`); services use {@link ChargeRepository.ofLeases}.
 */
export function chargesOfLeases(db: LedgerDb, workspaceId: string, leaseIds: readonly string[]): Promise<ChargeEntry[]> {
  return selectCharges(db, { sql: 'c.workspace_id = $2', params: [workspaceId] }, leaseIds);
}

async function selectCharges(db: LedgerDb, scope: { sql: string; params: unknown[] }, leaseIds: readonly string[]): Promise<ChargeEntry[]> {
  if (leaseIds.length === 0) return [];
  const rows: Array<{
    id: string;
    lease_id: string;
    kind: ChargeKind;
    period: string;
    due_date: string;
    rent_cents: number;
    charges_cents: number;
    fee_cents: number;
  }> = await db.query(
    `SELECT c.id, c.lease_id, c.kind, c.period, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.rent_cents, c.charges_cents, c.fee_cents
     FROM charge c WHERE c.lease_id = ANY($1::uuid[]) AND ${scope.sql}`,
    [[...leaseIds], ...scope.params],
  );
  return rows.map((r) => ({
    id: r.id,
    leaseId: r.lease_id,
    kind: r.kind,
    period: r.period,
    dueDate: r.due_date,
    rentCents: r.rent_cents,
    chargesCents: r.charges_cents,
    feeCents: r.fee_cents,
  }));
}
