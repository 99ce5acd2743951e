import type { EntityManager } from 'typeorm';

/** A database handle: the data source, or a transaction's manager so the entry commits with the caller's writes. */
export type DebtEventDb = Pick<EntityManager, 'query'>;

/** Who wrote a timeline entry: the debt's workflow, a provider's report (SYSTEM), or an API key. */
export const JOURNAL_ACTOR_KINDS = ['SYSTEM', 'API_KEY', 'WORKFLOW'] as const;
export type JournalActor = { kind: (typeof JOURNAL_ACTOR_KINDS)[number]; id: string | null };

/**
 * The key of the entry that closes a debt (DEBT_RESOLVED, DEBT_CANCELLED, DEBT_WRITTEN_OFF):
 * the same whoever closes it, the ledger (a payment cleared it) or the workflow, so a debt's
 * timeline says once that it closed.
 */
export const DEBT_CLOSED_KEY = 'close';

/** One timeline entry of a debt. */
export interface DebtEventEntry {
  kind: string;
  summary: string;
  /**
   * What makes the entry this one, stable across retries: `opened`, `payment:<paymentId>`,
   * `step:<stepKey>`, `message:<kind>:<messageId>`, {@link DEBT_CLOSED_KEY}… Stored as
   * `debt:<debtId>:<key>`; a second write with the same key is a no-op.
   */
  key: string;
  data?: Record<string, unknown>;
  /** When it happened (ISO 8601); the database's clock at insert when left out. */
  at?: string;
  actor: JournalActor;
}

/**
 * The debt timeline's one writer (table `debt_event`): every entry goes through here, once
 * per key, in the caller's transaction when it passes its manager. A retried activity, a
 * provider's repeated report or a re-sent request records its entry once.
 */
export class DebtEventRepository {
  constructor(private readonly db: DebtEventDb) {}

  /** Writes one entry of a debt's timeline, once per key. */
  async record(ref: { workspaceId: string; debtId: string }, entry: DebtEventEntry): Promise<void> {
    await this.recordMany(ref.workspaceId, [{ ...entry, debtId: ref.debtId }]);
  }

  /**
   * Writes entries of several debts of one workspace in one statement, once per key each,
   * in the order given (the database's clock, when `at` is left out, follows that order).
   */
  async recordMany(workspaceId: string, entries: Array<DebtEventEntry & { debtId: string }>): Promise<void> {
    if (entries.length === 0) return;
    // clock_timestamp(), not now(): entries written in one transaction keep their order;
    // the microsecond per row keeps it within one statement too (the timeline sorts on it).
    await this.db.query(
      `INSERT INTO debt_event (workspace_id, debt_id, kind, occurred_at, actor_kind, actor_id, summary, data, idempotency_key)
       SELECT $1, e.debt_id, e.kind, COALESCE(e.at, clock_timestamp() + (e.n - 1) * interval '1 microsecond'), e.actor_kind, e.actor_id, e.summary, e.data::jsonb, e.key
       FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS e(debt_id, kind, at, actor_kind, actor_id, summary, data, key, n)
       ORDER BY e.n
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING`,
      [
        workspaceId,
        entries.map((e) => e.debtId),
        entries.map((e) => e.kind),
        entries.map((e) => e.at ?? null),
        entries.map((e) => e.actor.kind),
        entries.map((e) => e.actor.id),
        entries.map((e) => e.summary),
        entries.map((e) => JSON.stringify(e.data ?? {})),
        entries.map((e) => `debt:${e.debtId}:${e.key}`),
      ],
    );
  }
}
