import type { Actor } from '../auth/actor';
import type { Connection, ListArgs, RecordRepository } from './record.repository';

type Row = Record<string, unknown>;

/**
 * The record API of one object, as resolvers see it: list, get, create, update, delete,
 * and batched loads for DataLoaders — all inside the caller's scope, which the repository
 * carries. A feature's service extends it and adds its own rules; resolvers call services
 * only, never a repository.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UnitService extends RecordService<Unit> {
 *   constructor(units: UnitRepository) {
 *     super(units);
 *   }
 * }
 * ```
 */
export abstract class RecordService<T> {
  protected constructor(protected readonly records: RecordRepository<T>) {}

  list(actor: Actor, args: ListArgs): Promise<Connection<T>> {
    return this.records.list(actor, args);
  }

  get(actor: Actor, id: string): Promise<T> {
    return this.records.get(actor, id);
  }

  /** In the order asked, `undefined` for an id outside the caller's scope (a DataLoader batch). */
  loadInOrder(actor: Actor, ids: readonly string[]): Promise<Array<T | undefined>> {
    return this.records.loadInOrder(actor, ids);
  }

  create(actor: Actor, inputs: Row[], pathOf: (index: number) => string): Promise<T[]> {
    return this.records.create(actor, inputs, pathOf);
  }

  update(actor: Actor, id: string, patch: Row): Promise<T> {
    return this.records.update(actor, id, patch);
  }

  delete(actor: Actor, id: string): Promise<T> {
    return this.records.delete(actor, id);
  }
}
