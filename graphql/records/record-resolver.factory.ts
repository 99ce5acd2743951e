import { Inject, Type } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, API_KEY_ROLES, ApiKeyRole } from '../../src/auth/actor';
import { CurrentActor, RequireRoles, WriteAccess } from '../../src/auth/auth.decorators';
import { OrderBy, RecordFilter } from '../../src/common/query/record-query';
import { validateInput } from '../../src/common/validation.pipe';
import { RecordService } from '../../src/records/record.service';
import { RecordTable } from '../../src/records/record-table';
import { connectionOf } from './connection.types';
import { queryInputsOf } from './filter.types';

export interface RecordApi<T> {
  /** GraphQL object name, singular ("Lease"); lists are `<plural>` ("leases"). */
  name: string;
  plural: string;
  node: Type<T>;
  table: RecordTable;
  /** The object's service (a RecordService), provided by its feature module. */
  service: Type<RecordService<T>>;
  /** Roles that may read; every role by default (LANDLORD keys within their landlord). */
  readRoles?: ApiKeyRole[];
  /** Inputs of create and update; omit both for a read-only object. */
  createInput?: Type<object>;
  updateInput?: Type<object>;
}

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * Twenty's API for one object: `leases(filter, orderBy, first, after, last, before)`,
 * `lease(id)`, and, unless read-only, `createLease`, `createLeases`, `updateLease`,
 * `deleteLease`. Every one is scoped by the caller's key: the object's service goes through its repository.
 */
export function recordResolverFor<T>(api: RecordApi<T>): Type<unknown> {
  const Connection = connectionOf(api.node, api.name);
  const { filter: Filter, orderBy: OrderByInput } = queryInputsOf(api.name, api.table);

  const writable = Boolean(api.createInput && api.updateInput);

  // Abstract when extended below, so that only the concrete resolver adds to the schema.
  @Resolver(() => api.node, { isAbstract: writable })
  class RecordReadResolver {
    constructor(@Inject(api.service) readonly store: RecordService<T>) {}

    @RequireRoles(...(api.readRoles ?? API_KEY_ROLES))
    @Query(() => Connection, { name: api.plural, description: `${api.name} records, filtered, ordered and paged.` })
    list(
      @CurrentActor() actor: Actor,
      @Args('filter', { type: () => Filter, nullable: true }) filter?: RecordFilter,
      @Args('orderBy', { type: () => [OrderByInput], nullable: true }) orderBy?: OrderBy,
      @Args('first', { type: () => Int, nullable: true }) first?: number,
      @Args('after', { nullable: true }) after?: string,
      @Args('last', { type: () => Int, nullable: true }) last?: number,
      @Args('before', { nullable: true }) before?: string,
    ) {
      return this.store.list(actor, { filter, orderBy, first, after, last, before });
    }

    @RequireRoles(...(api.readRoles ?? API_KEY_ROLES))
    @Query(() => api.node, { name: lowerFirst(api.name), description: `One ${api.name} by id.` })
    get(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
      return this.store.get(actor, id);
    }
  }
  if (!writable) return RecordReadResolver;
  const CreateInput = api.createInput!;
  const UpdateInput = api.updateInput!;

  @Resolver(() => api.node)
  class RecordResolver extends RecordReadResolver {
    @WriteAccess()
    @Mutation(() => api.node, { name: `create${api.name}` })
    async createOne(@CurrentActor() actor: Actor, @Args('data', { type: () => CreateInput }) data: object) {
      const input = await validateInput(CreateInput as new () => object, data, 'data');
      return (await this.store.create(actor, [input as Record<string, unknown>], () => 'data'))[0];
    }

    @WriteAccess()
    @Mutation(() => [api.node], { name: `create${upperFirst(api.plural)}`, description: 'All or none.' })
    async createMany(@CurrentActor() actor: Actor, @Args('data', { type: () => [CreateInput] }) data: object[]) {
      const inputs = await Promise.all(data.map((d, i) => validateInput(CreateInput as new () => object, d, `data[${i}]`)));
      return this.store.create(actor, inputs as Array<Record<string, unknown>>, (i) => `data[${i}]`);
    }

    @WriteAccess()
    @Mutation(() => api.node, { name: `update${api.name}` })
    update(
      @CurrentActor() actor: Actor,
      @Args('id', { type: () => ID }) id: string,
      @Args('data', { type: () => UpdateInput }) data: object,
    ) {
      return validateInput(UpdateInput as new () => object, data, 'data').then((input) =>
        this.store.update(actor, id, input as Record<string, unknown>),
      );
    }

    @WriteAccess()
    @Mutation(() => api.node, { name: `delete${api.name}` })
    delete(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
      return this.store.delete(actor, id);
    }
  }
  return RecordResolver;
}
