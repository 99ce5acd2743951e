import type { DataSource, EntityManager } from 'typeorm';
import { Actor, canWrite } from '../auth/actor';
import { countRows, fetchIdPage } from '../common/query/record-page';
import { OrderBy, PageRequest, RecordFilter } from '../common/query/record-query';
import { RelanceError } from '../common/relance.error';
import { columnMapOf, constraintError, RecordTable, selectListOf } from './record-table';

export interface ListArgs extends PageRequest {
  filter?: RecordFilter;
  orderBy?: OrderBy;
}

export interface Connection<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /**
   * Records matching the filter, all pages together. A getter, so the `count(*)` runs only
   * when something reads it: GraphQL reads it only when a query selects `totalCount`.
   */
  readonly totalCount: Promise<number>;
}

type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most records one createMany call may carry. */
export const MAX_CREATE_BATCH = 1_000;

/**
 * Generic reads and writes of one object's table, always inside the caller's workspace
 * (and landlord, for LANDLORD keys): a record outside that scope is NOT_FOUND, exactly as
 * if it did not exist. Each table's repository extends it (`LeaseRepository extends
 * RecordRepository<Lease>`) and adds that table's own SQL, which carries the same scope.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UnitRepository extends RecordRepository<Unit> {
 *   constructor(@InjectDataSource() dataSource: DataSource) {
 *     super(UNIT_TABLE, dataSource);
 *   }
 * }
 * ```
 */
export class RecordRepository<T = Row> {
  constructor(
    readonly table: RecordTable,
    protected readonly dataSource: DataSource,
  ) {}

  /** WHERE condition and parameters restricting rows to what the actor may see. */
  scope(actor: Actor, offset = 0): { sql: string; params: unknown[] } {
    const alias = this.table.alias;
    const params: unknown[] = [actor.workspaceId];
    let sql = `${alias}.workspace_id = $${offset + 1}`;
    if (actor.role === 'LANDLORD') {
      params.push(actor.landlordId);
      sql += ` AND (${this.table.landlordScope.replace(/\$L/g, `$${offset + 2}`)})`;
    }
    return { sql, params };
  }

  async list(actor: Actor, args: ListArgs): Promise<Connection<T>> {
    const query = {
      from: `${this.table.table} ${this.table.alias}`,
      columns: columnMapOf(this.table, actor),
      scope: this.scope(actor),
      filter: args.filter,
      orderBy: args.orderBy,
      defaultOrder: this.table.defaultOrder,
      page: { first: args.first, after: args.after, last: args.last, before: args.before },
      count: false,
    };
    // The page and its rows in one statement.
    const page = await this.guard('filter', () =>
      fetchIdPage<T & { id: string }>(this.dataSource, { ...query, select: selectListOf(this.table, actor) }),
    );
    const edges = page.rows.map((node, i) => ({ node: node as T, cursor: page.cursors[i] }));
    let counted: Promise<number> | undefined;
    const guard = this.guard.bind(this);
    const dataSource = this.dataSource;
    return {
      edges,
      get totalCount() {
        return (counted ??= guard('filter', () => countRows(dataSource, query)));
      },
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: page.cursors[0] ?? null,
        endCursor: page.cursors[page.cursors.length - 1] ?? null,
      },
    };
  }

  /**
   * Rows by id within the actor's scope, in the order asked, `undefined` where an id is not
   * one of the actor's records: the shape a DataLoader's batch function returns.
   */
  async loadInOrder(actor: Actor, ids: readonly string[], db: DataSource | EntityManager = this.dataSource): Promise<Array<T | undefined>> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
    const rows = await this.load(db, actor, wanted);
    const byId = new Map(rows.map((r) => [(r as Row).id as string, r]));
    return ids.map((id) => byId.get(id));
  }

  /** Rows by id, within the actor's scope, in no particular order. */
  async load(db: DataSource | EntityManager, actor: Actor, ids: string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const scope = this.scope(actor, 1);
    return db.query(
      `SELECT ${selectListOf(this.table, actor)} FROM ${this.table.table} ${this.table.alias}
       WHERE ${this.table.alias}.id = ANY($1::uuid[]) AND ${scope.sql}`,
      [ids, ...scope.params],
    );
  }

  async get(actor: Actor, id: string, db: DataSource | EntityManager = this.dataSource): Promise<T> {
    const [row] = UUID.test(id) ? await this.load(db, actor, [id]) : [];
    if (!row) throw new RelanceError('NOT_FOUND', `No ${this.table.name} with id ${id}`, { field: 'id' });
    return row;
  }

  /**
   * Creates records in one transaction: all or none. `pathOf(i)` names input i in errors
   * (`data` for a single create, `data[3]` in a batch).
   */
  async create(actor: Actor, inputs: Row[], pathOf: (index: number) => string): Promise<T[]> {
    requireWrite(actor);
    if (inputs.length > MAX_CREATE_BATCH) {
      throw new RelanceError('BAD_USER_INPUT', `data holds ${inputs.length} records; send at most ${MAX_CREATE_BATCH} per call`, {
        field: 'data',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (const [i, input] of inputs.entries()) {
        const path = pathOf(i);
        const entries = this.writable(input, 'create');
        const extra = Object.entries(this.table.writerColumns?.(actor, input) ?? {});
        const columns = ['workspace_id', ...entries.map(([, spec]) => spec.column), ...extra.map(([column]) => column)];
        const values = [
          '$1',
          ...entries.map(([, spec], j) => `$${j + 2}${spec.cast ? `::${spec.cast}` : ''}`),
          ...extra.map((_, j) => `$${entries.length + j + 2}`),
        ];
        const [row] = await this.guard(path, () =>
          manager.query(`INSERT INTO ${this.table.table} (${columns.join(', ')}) VALUES (${values.join(', ')}) RETURNING id`, [
            actor.workspaceId,
            ...entries.map(([f]) => input[f] ?? null),
            ...extra.map(([, value]) => value),
          ]),
        );
        ids.push(row.id);
      }
      const rows = await this.load(manager, { ...actor, role: 'ADMIN' }, ids);
      return ids.map((id) => rows.find((r) => (r as Row).id === id)!);
    });
  }

  async update(actor: Actor, id: string, patch: Row): Promise<T> {
    requireWrite(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.get(actor, id, manager);
      const entries = this.writable(patch, 'update');
      if (entries.length > 0) {
        const extra = Object.entries(this.table.writerColumns?.(actor, patch) ?? {});
        const sets = [
          ...entries.map(([, spec], j) => `${spec.column} = $${j + 3}${spec.cast ? `::${spec.cast}` : ''}`),
          ...extra.map(([column], j) => `${column} = $${entries.length + j + 3}`),
        ];
        const hasStamp = 'updatedAt' in this.table.fields;
        await this.guard('data', () =>
          manager.query(
            `UPDATE ${this.table.table} SET ${sets.join(', ')}${hasStamp ? ', updated_at = now()' : ''}
             WHERE workspace_id = $1 AND id = $2`,
            [actor.workspaceId, id, ...entries.map(([f]) => patch[f] ?? null), ...extra.map(([, value]) => value)],
          ),
        );
      }
      return this.get(actor, id, manager);
    });
  }

  async delete(actor: Actor, id: string): Promise<T> {
    requireWrite(actor);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.get(actor, id, manager);
      await this.guard('id', () =>
        manager.query(`DELETE FROM ${this.table.table} WHERE workspace_id = $1 AND id = $2`, [actor.workspaceId, id]),
      );
      return row;
    });
  }

  protected writable(input: Row, mode: 'create' | 'update') {
    return Object.entries(this.table.fields).filter(([field, spec]) => spec[mode] && input[field] !== undefined);
  }

  protected async guard<R>(path: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw constraintError(error, this.table, path) ?? error;
    }
  }
}

export function requireWrite(actor: Actor): void {
  if (!canWrite(actor)) {
    throw new RelanceError('FORBIDDEN', `This operation needs an ADMIN or AGENT key; this key is ${actor.role}`);
  }
}
