import fc from 'fast-check';
import { addDays, addMonths } from './calendar-date';
import {
  anonymiseAfter,
  DEFAULT_RETENTION_MONTHS_AFTER_CLOSE,
  isDueForAnonymisation,
  isRetentionMonths,
  lastClosingDayDue,
  RETENTION_MONTHS_BOUNDS,
} from './retention';

describe('retention after a debt closes (CNIL)', () => {
  it('keeps a closed debt three years by default: the limitation period of loi 89-462 art. 7-1', () => {
    expect(DEFAULT_RETENTION_MONTHS_AFTER_CLOSE).toBe(36);
    expect(anonymiseAfter('2026-03-15', DEFAULT_RETENTION_MONTHS_AFTER_CLOSE)).toBe('2029-03-15');
  });

  it('anonymises on the day the months run out, not the day before', () => {
    expect(isDueForAnonymisation('2026-03-15', 36, '2029-03-14')).toBe(false);
    expect(isDueForAnonymisation('2026-03-15', 36, '2029-03-15')).toBe(true);
    expect(isDueForAnonymisation('2026-03-15', 36, '2029-03-16')).toBe(true);
  });

  it.each([
    // A month without the closing day ends on its last day (CPC art. 641).
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-01-31', 13, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-11-30', 240, '2046-11-30'],
  ])('a debt closed on %s with %i month(s) is anonymised on %s', (closedOn, months, on) => {
    expect(anonymiseAfter(closedOn, months)).toBe(on);
    expect(isDueForAnonymisation(closedOn, months, addDays(on, -1))).toBe(false);
    expect(isDueForAnonymisation(closedOn, months, on)).toBe(true);
  });

  it('on 28 February, one month back, takes every debt closed up to 31 January', () => {
    expect(lastClosingDayDue('2026-02-28', 1)).toBe('2026-01-31');
    expect(isDueForAnonymisation('2026-01-31', 1, '2026-02-27')).toBe(false);
    expect(isDueForAnonymisation('2026-01-31', 1, '2026-02-28')).toBe(true);
    expect(lastClosingDayDue('2026-02-27', 1)).toBe('2026-01-27');
    expect(lastClosingDayDue('2026-04-30', 1)).toBe('2026-03-31');
    expect(lastClosingDayDue('2026-04-29', 2)).toBe('2026-02-28');
    expect(lastClosingDayDue('2026-03-01', 1)).toBe('2026-02-01');
  });

  it('bounds a query exactly as the rule decides: closed on or before lastClosingDayDue ⇔ due', () => {
    const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2025-01-01', n));
    const months = fc.integer({ min: RETENTION_MONTHS_BOUNDS.min, max: 40 });
    fc.assert(
      fc.property(day, months, fc.integer({ min: -40, max: 40 }), (today, m, shift) => {
        // Closing days around the boundary, where month ends make it uneven.
        const closedOn = addDays(addMonths(today, -m), shift);
        expect(closedOn <= lastClosingDayDue(today, m)).toBe(isDueForAnonymisation(closedOn, m, today));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes whole months from 1 to 240 only', () => {
    for (const ok of [1, 36, 240]) expect(isRetentionMonths(ok)).toBe(true);
    for (const bad of [0, 241, 1.5, -3, '36', null]) expect(isRetentionMonths(bad)).toBe(false);
    expect(() => anonymiseAfter('2026-01-31', 0)).toThrow(RangeError);
    expect(() => lastClosingDayDue('2026-01-31', 241)).toThrow(RangeError);
  });
});
