import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RecordRepository } from '../records/record.repository';
import { selectListOf } from '../records/record-table';
import { DebtEvent, DEBT_EVENT_TABLE, JournalActor } from './debt-event.entity';

/** A database handle: the data source, or a transaction's manager so the entry commits with the caller's writes. */
export type DebtEventDb = Pick<EntityManager, 'query'>;

export { JOURNAL_ACTOR_KINDS } from './debt-event.entity';
export type { JournalActor } from './debt-event.entity';

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
 * The timeline entries that carry free text about a tenant, kind by kind, and where it is:
 * in data keys (the summary quotes them at its end), in the summary's tail after its first
 * ": " alone, or in the texts of free-text zones. Anything else an entry holds (amounts,
 * dates, step keys, outcomes, statuses) is facts, and stays.
 */
const FREE_TEXT_OF_ENTRIES: ReadonlyArray<{ kinds: readonly string[] } & ({ keys: readonly string[] } | { tail: true } | { zones: true })> =
  [
    // An agent's call report (TaskCompletionService): in data; the summary names the outcome only.
    { kinds: ['TASK_COMPLETED'], keys: ['report'] },
    // Why an agent paused; an agent's note on a legal milestone; what became of a letter, in an agent's or the post's words.
    { kinds: ['PAUSED'], keys: ['reason'] },
    { kinds: ['LEGAL_MILESTONE'], keys: ['note'] },
    { kinds: ['MESSAGE_DELIVERED', 'MESSAGE_UNDELIVERED'], keys: ['detail'] },
    // Why the scenario and the profile: they name the tenants and say who is vulnerable.
    { kinds: ['SCENARIO_CHOSEN'], keys: ['scenarioReason', 'profileReason'] },
    // A landlord's comment on a decision, an agent's reason to cancel or write off: in the summary only.
    { kinds: ['LANDLORD_APPROVED', 'LANDLORD_REJECTED', 'DEBT_CANCELLED', 'DEBT_WRITTEN_OFF'], tail: true },
    // The texts of free-text zones set or written into a message (their names stay).
    { kinds: ['MESSAGE_ZONES_SET', 'MESSAGE_ZONES_USED'], zones: true },
  ];

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

  /**
   * Replaces the free text of a debt's timeline with `marker` ({@link FREE_TEXT_OF_ENTRIES}),
   * in the caller's transaction; how many entries changed (none on a second run).
   */
  async anonymiseFreeText(ref: { workspaceId: string; debtId: string }, marker: string): Promise<number> {
    let changed = 0;
    for (const rule of FREE_TEXT_OF_ENTRIES) {
      const params: unknown[] = [ref.workspaceId, ref.debtId, rule.kinds, marker];
      let set: string;
      let where: string;
      if ('keys' in rule) {
        // Each text is replaced where the summary quotes it (at its end, as every writer puts it), then in data.
        const texts = rule.keys.map((key) => {
          params.push(key);
          return { key: `$${params.length}::text`, text: `(data->>$${params.length}::text)` };
        });
        const quoted = (summary: string, text: string) =>
          `CASE WHEN COALESCE(${text}, '') IN ('', $4) THEN ${summary}
                WHEN right(${summary}, length(${text})) = ${text} THEN left(${summary}, length(${summary}) - length(${text})) || $4
                ELSE replace(${summary}, ${text}, $4) END`;
        const summary = texts.reduce((expression, { text }) => quoted(expression, text), 'summary');
        const holds = texts.map(({ key, text }) => `(jsonb_typeof(data->${key}) = 'string' AND ${text} NOT IN ('', $4))`);
        const replaced = texts.map(
          ({ key, text }) =>
            `CASE WHEN jsonb_typeof(data->${key}) = 'string' AND ${text} <> '' THEN jsonb_build_object(${key}, $4::text) ELSE '{}'::jsonb END`,
        );
        set = `summary = ${summary}, data = data || ${replaced.join(' || ')}`;
        where = holds.join(' OR ');
      } else if ('tail' in rule) {
        set = `summary = left(summary, position(': ' in summary) + 1) || $4`;
        where = `position(': ' in summary) > 0 AND substr(summary, position(': ' in summary) + 2) <> $4`;
      } else {
        set = `data = jsonb_set(data, '{zones}', (
                 SELECT COALESCE(jsonb_agg(CASE WHEN z ? 'text' THEN z || jsonb_build_object('text', $4::text) ELSE z END ORDER BY n), '[]'::jsonb)
                 FROM jsonb_array_elements(data->'zones') WITH ORDINALITY AS e(z, n)))`;
        where = `jsonb_typeof(data->'zones') = 'array'
                 AND EXISTS (SELECT 1 FROM jsonb_array_elements(data->'zones') z WHERE z ? 'text' AND z->>'text' IS DISTINCT FROM $4)`;
      }
      const rows: unknown[] = await this.db.query(
        `WITH changed AS (
           UPDATE debt_event SET ${set}
           WHERE workspace_id = $1 AND debt_id = $2 AND kind = ANY($3::text[]) AND (${where})
           RETURNING id)
         SELECT id FROM changed`,
        params,
      );
      changed += rows.length;
    }
    return changed;
  }
}

/** When each step of a debt was first done, skipped or rejected, from its timeline. */
export async function stepTimes(db: DebtEventDb, workspaceId: string, debtId: string): Promise<Array<{ stepKey: string; at: string }>> {
  const rows: Array<{ step_key: string; occurred_at: Date }> = await db.query(
    `SELECT DISTINCT ON (data->>'stepKey') data->>'stepKey' AS step_key, occurred_at FROM debt_event
         WHERE workspace_id = $1 AND debt_id = $2 AND data ? 'stepKey'
           AND (kind LIKE 'ACTION\_%' OR kind IN ('STEP_SKIPPED', 'LANDLORD_REJECTED'))
         ORDER BY data->>'stepKey', occurred_at`,
    [workspaceId, debtId],
  );
  return rows.map((r) => ({ stepKey: r.step_key, at: new Date(r.occurred_at).toISOString() }));
}

/**
 * The timeline's reads through the generic record API, within the caller's scope (a
 * landlord reads their leases' debts'), and the batched read behind `Debt.timeline`.
 */
export class DebtEventRecordRepository extends RecordRepository<DebtEvent> {
  constructor(dataSource: DataSource) {
    super(DEBT_EVENT_TABLE, dataSource);
  }

  /**
   * The first `first` entries of each of these debts, oldest first: one statement for any
   * number of debts (a window per debt), so a page of debts with their timelines costs one.
   */
  async firstOfDebts(actor: Actor, debtIds: readonly string[], first: number): Promise<DebtEvent[]> {
    if (debtIds.length === 0) return [];
    const scope = this.scope(actor, 2);
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT ${selectListOf(this.table)}, row_number() OVER (PARTITION BY de.debt_id ORDER BY de.occurred_at, de.id) AS n
         FROM debt_event de WHERE de.debt_id = ANY($1::uuid[]) AND ${scope.sql}
       ) ranked WHERE ranked.n <= $2 ORDER BY ranked."occurredAt", ranked.id`,
      [[...new Set(debtIds)], first, ...scope.params],
    );
  }
}
