import type { EntitySchema } from 'typeorm';

/**
 * Every TypeORM entity, listed explicitly so compiled and ts-jest runs load the same set.
 * Business tables are read and written with reviewed SQL (the record store and the
 * services), so none is declared today.
 */
export const RELANCE_ENTITIES: Array<(new () => object) | EntitySchema> = [];
