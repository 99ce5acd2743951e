import type { EntityManager } from 'typeorm';
import type { LeaseKind, TenantContact, TenantProfile } from '../domain/scenario';

/** One tenant's history before a debt opened, as its profile is decided on (see profileHistories). */
export interface HistoryRow {
  debt_id: string;
  tenant_id: string;
  name: string;
  vulnerable: boolean;
  profile_override: TenantProfile | null;
  earlier_debts: number;
  months_on_time: number;
  months_late: number;
  arrears_cents: number;
  monthly_due_cents: number;
}

/** What starting a debt's workflow is decided on (DebtRepository.startFacts). */
export type DebtStartFacts = {
  id: string;
  landlord_id: string;
  approval_steps: string[];
  litigation_threshold_cents: number;
  lease_kind: LeaseKind;
  scenario_override: string | null;
  scenario_override_set_by_role: string | null;
  scenario_override_reason: string | null;
  gli_claim_deadline_days: number | null;
  profile: TenantProfile;
  profile_reason: string;
  vulnerable: boolean;
  contacts: TenantContact[];
};

/** A database handle: the data source, or a transaction's manager so the write commits with the caller's. */
export type DebtDb = Pick<EntityManager, 'query'>;

/** Statuses of a debt still pursued (its workflow runs); the others are closed for good. */
export const OPEN_DEBT_STATUSES = ['OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'] as const;
export type OpenDebtStatus = (typeof OPEN_DEBT_STATUSES)[number];
export type ClosedDebtStatus = 'RESOLVED' | 'CANCELLED' | 'WRITTEN_OFF';

/** What the workflow will do next, as the debt's row keeps it. */
export interface DebtNextAction {
  kind: string;
  stepKey?: string | null;
  at?: string | null;
}

/** A change of a debt's state: its status, and what its workflow did last and does next. */
export interface DebtStateChange {
  /** The status it moves to; `END_OF_HOLD` is OPEN, or ESCALATED for a debt handed off (it has `escalated_at`). */
  status?: OpenDebtStatus | ClosedDebtStatus | typeof END_OF_HOLD;
  /** Only from these open statuses (default: any open one); a closed row is never written. */
  from?: readonly string[];
  /** With a closed status: when it closed (the transaction's time when left out). */
  closedAt?: string;
  currentStep?: string | null;
  nextAction?: DebtNextAction | null;
}

/** The status a pause or a payment plan ends in: back to ESCALATED for a debt handed off, OPEN otherwise. */
export const END_OF_HOLD = 'END_OF_HOLD';

const CLOSED: readonly string[] = ['RESOLVED', 'CANCELLED', 'WRITTEN_OFF'];

/**
 * The debt table's writes of state, and the reads around them.
 *
 * Who owns what on a debt's row (one writer per fact):
 * - the **ledger** owns the money: the amount owed and the oldest unpaid due date, and the
 *   one closing that follows from them — a payment or credit note that clears the debt makes
 *   it RESOLVED at once, with `closed_at` ({@link applyBalance});
 * - the **workflow** owns everything else — OPEN, PAYMENT_PLAN, PAUSED, ESCALATED, the
 *   closings it decides (CANCELLED, WRITTEN_OFF, and RESOLVED when it finds nothing left to
 *   pursue), the step done last and the next action — published through its
 *   `recordDebtProgress` and `closeDebt` activities.
 * Both go through {@link writeState}, which never reopens a closed row and clears the next
 * action of a row it closes: a closed debt has no next action, whoever closed it.
 */
export class DebtRepository {
  constructor(private readonly db: DebtDb) {}

  /**
   * The one write of a debt's status (and of its progress): applied only while the row is
   * in `from` (any open status by default). True when the row changed.
   */
  async writeState(ref: { workspaceId: string; debtId: string }, change: DebtStateChange): Promise<boolean> {
    // Never from a closed status, whatever the caller asks: a closed row stays closed.
    const from = (change.from ?? OPEN_DEBT_STATUSES).filter((status) => (OPEN_DEBT_STATUSES as readonly string[]).includes(status));
    const params: unknown[] = [ref.workspaceId, ref.debtId, from];
    const param = (value: unknown) => `$${params.push(value)}`;
    const set: string[] = [];
    const differs: string[] = [];
    const closing = change.status !== undefined && CLOSED.includes(change.status);
    if (change.status === END_OF_HOLD) {
      set.push(`status = CASE WHEN escalated_at IS NULL THEN 'OPEN' ELSE 'ESCALATED' END`);
      differs.push(`status IS DISTINCT FROM CASE WHEN escalated_at IS NULL THEN 'OPEN' ELSE 'ESCALATED' END`);
    } else if (change.status !== undefined) {
      const status = param(change.status);
      set.push(`status = ${status}`);
      differs.push(`status IS DISTINCT FROM ${status}`);
    }
    if (closing) set.push(`closed_at = COALESCE(closed_at, ${param(change.closedAt ?? null)}::timestamptz, now())`);
    if (change.currentStep !== undefined) {
      const step = param(change.currentStep);
      set.push(`current_step = ${step}`);
      differs.push(`current_step IS DISTINCT FROM ${step}`);
    }
    const next = closing ? null : change.nextAction;
    if (closing || next !== undefined) {
      const [kind, stepKey, at] = [param(next?.kind ?? null), param(next?.stepKey ?? null), param(next?.at ?? null)];
      set.push(`next_action_kind = ${kind}`, `next_action_step_key = ${stepKey}`, `next_action_at = ${at}::timestamptz`);
      differs.push(
        `next_action_kind IS DISTINCT FROM ${kind}`,
        `next_action_step_key IS DISTINCT FROM ${stepKey}`,
        `next_action_at IS DISTINCT FROM ${at}::timestamptz`,
      );
    }
    if (set.length === 0) return false;
    const rows: unknown[] = await this.db.query(
      `WITH changed AS (
         UPDATE debt SET ${set.join(', ')}, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND status = ANY($3::text[]) AND (${differs.join(' OR ')})
         RETURNING id)
       SELECT id FROM changed`,
      params,
    );
    return rows.length > 0;
  }

  /**
   * A hand-off was carried out: when, kept once (a pause or plan on the debt then ends back
   * in ESCALATED). The status itself is written by {@link writeState}.
   */
  async markHandedOff(ref: { workspaceId: string; debtId: string }, at: string): Promise<void> {
    await this.db.query(
      `UPDATE debt SET escalated_at = $3::timestamptz, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 AND escalated_at IS NULL`,
      [ref.workspaceId, ref.debtId, at],
    );
  }

  /** The row's status, locked for the rest of the caller's transaction; undefined when there is no such debt. */
  async lockStatus(ref: { workspaceId: string; debtId: string }): Promise<string | undefined> {
    const [row]: Array<{ status: string }> = await this.db.query('SELECT status FROM debt WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [
      ref.workspaceId,
      ref.debtId,
    ]);
    return row?.status;
  }

  /** The row's status now; undefined when there is no such debt. */
  async statusOf(ref: { workspaceId: string; debtId: string }): Promise<string | undefined> {
    const [row]: Array<{ status: string }> = await this.db.query('SELECT status FROM debt WHERE workspace_id = $1 AND id = $2', [
      ref.workspaceId,
      ref.debtId,
    ]);
    return row?.status;
  }

  /** The open debts of some leases, with the money they record (for the ledger to bring in line). */
  async openOnLeases(
    workspaceId: string,
    leaseIds: string[],
  ): Promise<Array<{ id: string; leaseId: string; amountCents: number; oldestUnpaidDueDate: string | null }>> {
    const rows: Array<{ id: string; lease_id: string; amount_cents: string; oldest: string | null }> = await this.db.query(
      `SELECT id, lease_id, amount_cents, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS oldest FROM debt
       WHERE workspace_id = $1 AND lease_id = ANY($2::uuid[]) AND status = ANY($3::text[])`,
      [workspaceId, leaseIds, [...OPEN_DEBT_STATUSES]],
    );
    return rows.map((r) => ({ id: r.id, leaseId: r.lease_id, amountCents: Number(r.amount_cents), oldestUnpaidDueDate: r.oldest }));
  }

  /**
   * The ledger's write: what an open debt owes now and since when. A debt that owes nothing
   * any more is RESOLVED at once (through {@link writeState}: `closed_at`, no next action).
   */
  async applyBalance(
    ref: { workspaceId: string; debtId: string },
    balance: { amountCents: number; oldestUnpaidDueDate: string | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE debt SET amount_cents = $3, oldest_unpaid_due_date = $4, updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [ref.workspaceId, ref.debtId, Math.max(balance.amountCents, 0), balance.oldestUnpaidDueDate],
    );
    if (balance.amountCents <= 0) await this.writeState(ref, { status: 'RESOLVED' });
  }

  /**
   * Leases of the workspace with a charge more than `graceDays` past due and no open debt,
   * locked in id order as the ledger locks them (a payment committing meanwhile is seen or
   * waits: never a debt on a lease just paid, never a deadlock with a payment batch).
   */
  async lockArrearsCandidates(workspaceId: string, asOf: string, graceDays: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT l.id FROM lease l
       WHERE l.workspace_id = $1
         AND EXISTS (SELECT 1 FROM charge c WHERE c.workspace_id = $1 AND c.lease_id = l.id AND c.due_date < $2::date - $3::int)
         AND NOT EXISTS (SELECT 1 FROM debt d WHERE d.workspace_id = $1 AND d.lease_id = l.id
                           AND d.status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'))
       ORDER BY l.id FOR UPDATE`,
      [workspaceId, asOf, graceDays],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Opens a debt on each of these leases whose overdue money is more than `graceDays` late,
   * unless one is open (the partial unique index makes a concurrent run insert nothing).
   */
  async openForArrears(
    workspaceId: string,
    asOf: string,
    graceDays: number,
    leaseIds: string[],
  ): Promise<Array<{ id: string; leaseId: string; amountCents: number }>> {
    if (leaseIds.length === 0) return [];
    const rows: Array<{ id: string; lease_id: string; amount_cents: string }> = await this.db.query(
      `WITH owed AS (
         SELECT c.lease_id, c.due_date,
                c.rent_cents + c.charges_cents + c.fee_cents - COALESCE(SUM(a.rent_cents + a.charges_cents + a.fee_cents), 0) AS outstanding
         FROM charge c
         LEFT JOIN allocation a ON a.workspace_id = c.workspace_id AND a.charge_id = c.id
         WHERE c.workspace_id = $1 AND c.lease_id = ANY($4::uuid[]) AND c.due_date < $2::date
         GROUP BY c.id
       ), late AS (
         SELECT lease_id, SUM(outstanding) AS amount, MIN(due_date) AS oldest
         FROM owed WHERE outstanding > 0 GROUP BY lease_id
       )
       INSERT INTO debt (workspace_id, lease_id, amount_cents, oldest_unpaid_due_date, opened_on)
       SELECT $1, late.lease_id, late.amount, late.oldest, $2::date FROM late
       WHERE late.oldest < $2::date - $3::int
         AND NOT EXISTS (
           SELECT 1 FROM debt d WHERE d.workspace_id = $1 AND d.lease_id = late.lease_id
             AND d.status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED'))
       ON CONFLICT DO NOTHING
       RETURNING id, lease_id, amount_cents`,
      [workspaceId, asOf, graceDays, leaseIds],
    );
    return rows.map((r) => ({ id: r.id, leaseId: r.lease_id, amountCents: Number(r.amount_cents) }));
  }

  /**
   * The workspace's open debts, a landlord's only when `landlordId` is given, by id (the
   * risk view reads their calendars page by page); at most `limit` after `afterId`.
   */
  async openIds(workspaceId: string, landlordId: string | null, afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT d.id FROM debt d
       WHERE d.workspace_id = $1 AND d.status = ANY($2::varchar[]) AND ($4::uuid IS NULL OR d.id > $4::uuid)
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM lease l WHERE l.workspace_id = d.workspace_id AND l.id = d.lease_id AND l.landlord_id = $3::uuid))
       ORDER BY d.id LIMIT $5`,
      [workspaceId, OPEN_DEBT_STATUSES, landlordId, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Open debts whose workflow was never started (Temporal was down), oldest first. */
  async unstartedIds(workspaceId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM debt WHERE workspace_id = $1 AND status = 'OPEN' AND workflow_id IS NULL ORDER BY opened_on, id`,
      [workspaceId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * What a debt's profile is decided on: for each debt still without one, each tenant of its
   * lease and their history over `windowMonths` before the debt opened — earlier debts (not
   * cancelled) and rent calls settled on time or late, on every lease they are on. Every
   * step is a lookup by a full index key from the row before it (LATERAL), so the cost grows
   * with the debts and their tenants' own leases, never with the workspace.
   */
  async profileHistories(workspaceId: string, debtIds: string[], windowMonths: number, graceDays: number): Promise<HistoryRow[]> {
    const rows: HistoryRow[] = await this.db.query(
      `SELECT d.id AS debt_id, p.tenant_id, p.name, p.vulnerable, p.profile_override,
              COALESCE(h.earlier_debts, 0) AS earlier_debts, COALESCE(h.on_time, 0) AS months_on_time, COALESCE(h.late, 0) AS months_late,
              d.amount_cents::float8 AS arrears_cents, (l.monthly_rent_cents + l.monthly_charges_cents)::float8 AS monthly_due_cents
       FROM unnest($2::uuid[]) AS wanted(id)
       JOIN LATERAL (SELECT d.id, d.lease_id, d.opened_on, d.created_at, d.amount_cents,
                            (d.opened_on - make_interval(months => $3::int))::date AS since
                     FROM debt d WHERE d.workspace_id = $1 AND d.id = wanted.id AND d.profile IS NULL) d ON true
       JOIN LATERAL (SELECT l.monthly_rent_cents, l.monthly_charges_cents FROM lease l WHERE l.workspace_id = $1 AND l.id = d.lease_id) l ON true
       LEFT JOIN LATERAL (
         SELECT t.id AS tenant_id, COALESCE(t.last_name, t.first_name, 'without a name') AS name, t.vulnerable, t.profile_override
         FROM lease_tenant lt JOIN tenant t ON t.workspace_id = $1 AND t.id = lt.tenant_id
         WHERE lt.workspace_id = $1 AND lt.lease_id = d.lease_id
       ) p ON true
       LEFT JOIN LATERAL (
         -- The tenant's history on each lease they are on (none exists before a lease starts).
         SELECT sum(e.debts)::int AS earlier_debts, sum(m.on_time)::int AS on_time, sum(m.late)::int AS late
         FROM lease_tenant lt
         CROSS JOIN LATERAL (
           SELECT count(*) AS debts FROM debt other
           WHERE other.workspace_id = $1 AND other.lease_id = lt.lease_id AND other.id <> d.id AND other.status <> 'CANCELLED'
             AND other.opened_on >= d.since AND (other.opened_on, other.created_at) < (d.opened_on, d.created_at)
         ) e
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE rc.settled_on <= rc.due_date + $4::int) AS on_time,
                  count(*) FILTER (WHERE rc.settled_on > rc.due_date + $4::int) AS late
           FROM (SELECT c.due_date,
                        c.rent_cents + c.charges_cents - COALESCE(sum(a.rent_cents + a.charges_cents), 0) AS left_cents,
                        max(COALESCE(pay.paid_on, cn.issued_on)) AS settled_on
                 FROM charge c
                 LEFT JOIN allocation a ON a.workspace_id = $1 AND a.lease_id = c.lease_id AND a.charge_id = c.id
                 LEFT JOIN payment pay ON pay.workspace_id = $1 AND pay.id = a.payment_id
                 LEFT JOIN credit_note cn ON cn.workspace_id = $1 AND cn.id = a.credit_note_id
                 WHERE c.workspace_id = $1 AND c.lease_id = lt.lease_id AND c.kind = 'RENT_CALL'
                   AND c.due_date >= d.since AND c.due_date < d.opened_on
                 GROUP BY c.id) rc
           WHERE rc.left_cents <= 0 AND rc.settled_on < d.opened_on
         ) m
         WHERE lt.workspace_id = $1 AND lt.tenant_id = p.tenant_id
       ) h ON true
       ORDER BY d.id, p.name, p.tenant_id`,
      [workspaceId, debtIds, windowMonths, graceDays],
    );
    return rows;
  }

  /** Records each debt's profile, its reason and the facts it was decided on, once (a debt keeps its first). */
  async recordProfiles(workspaceId: string, debts: { id: string[]; profile: string[]; reason: string[]; facts: string[] }): Promise<void> {
    await this.db.query(
      `UPDATE debt d SET profile = v.profile, profile_reason = v.reason, profile_facts = v.facts, updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[]) AS v(id, profile, reason, facts)
       WHERE d.workspace_id = $1 AND d.id = v.id AND d.profile IS NULL`,
      [workspaceId, debts.id, debts.profile, debts.reason, debts.facts],
    );
  }

  /**
   * Closed debts of the workspace not anonymised yet that closed on or before `lastClosingDay`
   * (a day of `timeZone`), oldest closed first, after `after` (the last of the previous
   * page): a page for the retention run, its bound on the index by the day they closed.
   */
  async dueForAnonymisation(
    workspaceId: string,
    page: { lastClosingDay: string; timeZone: string; limit: number; after?: { closedAt: string; id: string } },
  ): Promise<Array<{ id: string; closedAt: string }>> {
    const rows: Array<{ id: string; closed_at: string }> = await this.db.query(
      `SELECT id, to_json(closed_at) #>> '{}' AS closed_at FROM debt
       WHERE workspace_id = $1 AND anonymised_at IS NULL AND closed_at IS NOT NULL AND status = ANY($2::text[])
         AND closed_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
         AND (closed_at, id) > ($5::timestamptz, $6::uuid)
       ORDER BY closed_at, id LIMIT $7`,
      [
        workspaceId,
        CLOSED,
        page.lastClosingDay,
        page.timeZone,
        page.after?.closedAt ?? '-infinity',
        page.after?.id ?? '00000000-0000-0000-0000-000000000000',
        page.limit,
      ],
    );
    return rows.map((r) => ({ id: r.id, closedAt: r.closed_at }));
  }

  /**
   * A closed debt not anonymised yet, locked for the rest of the caller's transaction, with
   * the day it closed in `timeZone`; undefined when it is open, gone or anonymised already
   * (a concurrent run did it: this one waits for its commit, then finds nothing to do).
   */
  async lockForAnonymisation(ref: { workspaceId: string; debtId: string }, timeZone: string): Promise<{ closedOn: string } | undefined> {
    const [row]: Array<{ closed_on: string }> = await this.db.query(
      `SELECT to_char(closed_at AT TIME ZONE $3, 'YYYY-MM-DD') AS closed_on FROM debt
       WHERE workspace_id = $1 AND id = $2 AND anonymised_at IS NULL AND closed_at IS NOT NULL AND status = ANY($4::text[])
       FOR UPDATE`,
      [ref.workspaceId, ref.debtId, timeZone, CLOSED],
    );
    return row && { closedOn: row.closed_on };
  }

  /**
   * Anonymises a closed debt's row, once: the reasons its profile and scenario were given
   * (they name tenants and say who is vulnerable) and the facts behind them go; status,
   * amounts, dates and the profile itself stay. Stamps `anonymised_at`; how many of those
   * columns held something (undefined when the row was anonymised already or is not closed).
   */
  async anonymise(ref: { workspaceId: string; debtId: string }): Promise<number | undefined> {
    const [row]: Array<{ purged: number }> = await this.db.query(
      `WITH prior AS (
         SELECT id, (profile_reason IS NOT NULL)::int + (scenario_reason IS NOT NULL)::int + (profile_facts IS NOT NULL)::int AS purged
         FROM debt WHERE workspace_id = $1 AND id = $2 AND anonymised_at IS NULL AND closed_at IS NOT NULL AND status = ANY($3::text[])
       ), changed AS (
         UPDATE debt d SET profile_reason = NULL, scenario_reason = NULL, profile_facts = NULL, anonymised_at = now(), updated_at = now()
         FROM prior WHERE d.workspace_id = $1 AND d.id = prior.id
         RETURNING prior.purged)
       SELECT purged FROM changed`,
      [ref.workspaceId, ref.debtId, CLOSED],
    );
    return row && Number(row.purged);
  }

  /** The scenario version a debt is pinned to (null before its workflow started); undefined when there is no such debt. */
  async scenarioVersionOf(workspaceId: string, debtId: string): Promise<{ scenarioVersion: string | null } | undefined> {
    const [row]: Array<{ scenario_version: string | null }> = await this.db.query(
      'SELECT scenario_version FROM debt WHERE workspace_id = $1 AND id = $2',
      [workspaceId, debtId],
    );
    return row && { scenarioVersion: row.scenario_version };
  }

  /** What the workflow reads before each step: the amount owed (0 once closed), day 0, and money paid since `paymentsSince`. */
  async liveState(
    ref: { workspaceId: string; debtId: string },
    paymentsSince?: string,
  ): Promise<{ amount: number; anchor: string | null; status: string; paid_since: number } | undefined> {
    const [row] = await this.db.query(
      `SELECT d.amount_cents::float8 AS amount, to_char(d.oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor, d.status,
              (SELECT COALESCE(sum(p.amount_cents), 0)::float8 FROM payment p
               WHERE p.workspace_id = d.workspace_id AND p.lease_id = d.lease_id AND p.created_at >= $3::timestamptz) AS paid_since
       FROM debt d WHERE d.workspace_id = $1 AND d.id = $2`,
      [ref.workspaceId, ref.debtId, paymentsSince ?? 'infinity'],
    );
    return row;
  }

  /** What a payment plan is checked against: the debt's amount, and whether its landlord's mandate reserves plans. */
  async planFacts(workspaceId: string, debtId: string): Promise<{ amount: number; reserved: boolean }> {
    const [debt]: Array<{ amount: number; reserved: boolean }> = await this.db.query(
      `SELECT d.amount_cents::float8 AS amount, 'PAYMENT_PLAN' = ANY(l2.mandate_approval_steps) AS reserved
       FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       JOIN landlord l2 ON l2.workspace_id = l.workspace_id AND l2.id = l.landlord_id
       WHERE d.workspace_id = $1 AND d.id = $2`,
      [workspaceId, debtId],
    );
    return debt;
  }

  /** A debt if it is open, with its day 0 (its oldest unpaid due date). */
  async openOfDebt(workspaceId: string, debtId: string): Promise<{ id: string; anchor: string | null } | undefined> {
    const [debt]: Array<{ id: string; anchor: string | null }> = await this.db.query(
      `SELECT id, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor FROM debt
       WHERE workspace_id = $1 AND id = $2 AND status = ANY($3::text[])`,
      [workspaceId, debtId, OPEN_DEBT_STATUSES],
    );
    return debt;
  }

  /** The open debt of a lease (its id and day 0), if any. */
  async openOfLease(workspaceId: string, leaseId: string): Promise<{ id: string; anchor: string } | undefined> {
    const [debt]: Array<{ id: string; anchor: string }> = await this.db.query(
      `SELECT id, to_char(oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor FROM debt
       WHERE workspace_id = $1 AND lease_id = $2 AND status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')`,
      [workspaceId, leaseId],
    );
    return debt;
  }

  /** What starting these debts' workflows needs (open debts only): lease, landlord's mandate, profile, tenants' contacts. */
  async startFacts(workspaceId: string, debtIds: string[]): Promise<DebtStartFacts[]> {
    return this.db.query(
      `SELECT d.id, l.landlord_id, ll.mandate_approval_steps AS approval_steps,
              ll.mandate_litigation_threshold_cents AS litigation_threshold_cents, l.kind AS lease_kind, l.gli_claim_deadline_days,
              l.scenario_override, l.scenario_override_set_by_role, l.scenario_override_reason,
              d.profile, d.profile_reason, COALESCE(d.profile_facts->'tenants' @> '[{"vulnerable": true}]', false) AS vulnerable,
              (SELECT COALESCE(json_agg(json_build_object('preferredChannel', t.preferred_channel, 'email', t.email, 'phone', t.phone,
                                                          'consentEmail', t.consent_email, 'consentSms', t.consent_sms)), '[]'::json)
               FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
               WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id) AS contacts
       FROM debt d
       JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
       WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[]) AND d.status = 'OPEN'`,
      [workspaceId, debtIds],
    );
  }

  /** Records the workflow started for a debt, its scenario version and why; false when another start did it first. */
  async pinWorkflow(
    workspaceId: string,
    debtId: string,
    pin: { workflowId: string; scenarioVersion: string; scenarioReason: string },
  ): Promise<boolean> {
    const updated: unknown[] = await this.db.query(
      `WITH pinned AS (
         UPDATE debt SET workflow_id = $3, scenario_version = $4, scenario_reason = $5, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND workflow_id IS NULL RETURNING id)
       SELECT id FROM pinned`,
      [workspaceId, debtId, pin.workflowId, pin.scenarioVersion, pin.scenarioReason.slice(0, 1000)],
    );
    return updated.length > 0;
  }
}
