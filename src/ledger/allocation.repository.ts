import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One allocation row to write: how much of a charge a payment or a credit note settled. */
export interface NewAllocation {
  leaseId: string;
  chargeId: string;
  paymentId: string | null;
  creditNoteId: string | null;
  rentCents: number;
  chargesCents: number;
  feeCents: number;
}

/** The `allocation` table's SQL: derived rows, replaced whole per lease, within the caller's workspace. */
@Injectable()
export class AllocationRepository {
  /**
   * Replaces the allocation of some leases with `rows`, in the caller's transaction: two
   * statements whatever the number of leases (the leases are locked by the caller).
   */
  async replaceForLeases(workspaceId: string, leaseIds: string[], rows: NewAllocation[], db: EntityManager): Promise<void> {
    if (leaseIds.length === 0) return;
    await db.query('DELETE FROM allocation WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[])', [workspaceId, leaseIds]);
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO allocation (workspace_id, lease_id, charge_id, payment_id, credit_note_id, rent_cents, charges_cents, fee_cents)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::int[])`,
      [
        workspaceId,
        rows.map((r) => r.leaseId),
        rows.map((r) => r.chargeId),
        rows.map((r) => r.paymentId),
        rows.map((r) => r.creditNoteId),
        rows.map((r) => r.rentCents),
        rows.map((r) => r.chargesCents),
        rows.map((r) => r.feeCents),
      ],
    );
  }
}
