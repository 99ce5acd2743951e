import { RelanceError } from '../relance.error';
import { ColumnMap, compileFilter, decodeCursor, encodeCursor, resolveOrder, resolvePage, SqlParams } from './record-query';

const columns: ColumnMap = {
  id: { sql: 'l.id', type: 'uuid' },
  reference: { sql: 'l.reference', type: 'string' },
  rent: { sql: 'l.monthly_rent_cents', type: 'int' },
  startsOn: { sql: 'l.starts_on', type: 'date', nullable: true },
  kind: { sql: 'l.kind', type: 'enum', values: ['COMMERCIAL', 'OTHER'] },
  active: { sql: 'l.active', type: 'boolean' },
};

function badInput(run: () => unknown): { field?: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RelanceError);
    const e = error as RelanceError;
    expect(e.code).toBe('BAD_USER_INPUT');
    return { field: e.field, message: e.message };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('compileFilter', () => {
  it('compiles nested and / or / not with parameters, never inlining values', () => {
    const params = new SqlParams(1);
    const sql = compileFilter(
      {
        or: [{ kind: { eq: 'COMMERCIAL' } }, { rent: { gte: 100_000 }, reference: { ilike: "%'; DROP%" } }],
        not: { startsOn: { is: 'NULL' } },
      },
      columns,
      params,
    );
    expect(sql).toBe('((l.kind = $2) OR (l.monthly_rent_cents >= $3 AND l.reference ILIKE $4)) AND NOT (l.starts_on IS NULL)');
    expect(params.values).toEqual(['COMMERCIAL', 100_000, "%'; DROP%"]);
  });

  it('is TRUE for an empty filter', () => {
    expect(compileFilter(undefined, columns, new SqlParams())).toBe('TRUE');
    expect(compileFilter({ and: [] }, columns, new SqlParams())).toBe('TRUE');
  });

  it.each([
    [{ nope: { eq: 1 } }, 'filter.nope'],
    [{ rent: { eq: 'ten' } }, 'filter.rent.eq'],
    [{ startsOn: { gt: '2026-02-30' } }, 'filter.startsOn.gt'],
    [{ id: { eq: 'not-a-uuid' } }, 'filter.id.eq'],
    [{ kind: { in: ['COMMERCIAL', 'SHOP'] } }, 'filter.kind.in[1]'],
    [{ kind: { in: [] } }, 'filter.kind.in'],
    [{ rent: { like: '1%' } }, 'filter.rent.like'],
    [{ active: { gt: true } }, 'filter.active.gt'],
    [{ reference: { eq: null } }, 'filter.reference.eq'],
    [{ or: [{ rent: { eq: 1 } }, { kind: { is: 'MAYBE' } }] }, 'filter.or[1].kind.is'],
    [{ not: { rent: { between: [1, 2] } } }, 'filter.not.rent.between'],
  ])('refuses %j naming %s', (filter, field) => {
    expect(badInput(() => compileFilter(filter as never, columns, new SqlParams())).field).toBe(field);
  });
});

describe('ordering and pages', () => {
  it('always ends the order with id, for a total order', () => {
    expect(resolveOrder([{ rent: 'DescNullsLast' }], columns, []).map((k) => k.field)).toEqual(['rent', 'id']);
    expect(resolveOrder(undefined, columns, [{ reference: 'AscNullsFirst' }]).map((k) => k.field)).toEqual(['reference', 'id']);
  });

  it.each([
    [[{ nope: 'AscNullsFirst' }], 'orderBy[0].nope'],
    [[{ rent: 'AscNullsFirst', kind: 'AscNullsFirst' }], 'orderBy[0]'],
    [[{ rent: 'AscNullsFirst' }, { rent: 'DescNullsLast' }], 'orderBy[1].rent'],
  ])('refuses orderBy %j', (orderBy, field) => {
    expect(badInput(() => resolveOrder(orderBy as never, columns, [])).field).toBe(field);
  });

  it('checks page sizes and directions', () => {
    expect(resolvePage({})).toEqual({ limit: 60, backward: false });
    expect(resolvePage({ last: 5 })).toEqual({ limit: 5, backward: true });
    expect(badInput(() => resolvePage({ first: 1, last: 1 })).field).toBe('first');
    expect(badInput(() => resolvePage({ first: 201 })).field).toBe('first');
    expect(badInput(() => resolvePage({ last: -1 })).field).toBe('last');
  });

  it('refuses a forged or foreign cursor', () => {
    const keys = resolveOrder([{ rent: 'AscNullsLast' }], columns, []);
    const good = encodeCursor([1200, '6f1c1a51-9d3e-4b53-9a8e-2f3a1c0b9d11']);
    expect(decodeCursor(good, keys, 'after')).toEqual([1200, '6f1c1a51-9d3e-4b53-9a8e-2f3a1c0b9d11']);
    expect(badInput(() => decodeCursor('garbage', keys, 'after')).field).toBe('after');
    expect(badInput(() => decodeCursor(encodeCursor(['x', 'y']), keys, 'before')).field).toBe('before');
    expect(badInput(() => decodeCursor(encodeCursor([null, '6f1c1a51-9d3e-4b53-9a8e-2f3a1c0b9d11']), keys, 'after')).field).toBe('after');
  });
});
