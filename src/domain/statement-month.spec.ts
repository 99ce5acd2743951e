import { isStatementMonth, monthBounds, previousMonth } from './statement-month';

describe('statement months', () => {
  it.each([
    ['2026-06-01', '2026-05'],
    ['2026-06-30', '2026-05'],
    ['2026-01-01', '2025-12'],
    ['2024-03-01', '2024-02'],
  ])('a run on %s covers %s', (date, month) => {
    expect(previousMonth(date)).toBe(month);
  });

  it('bounds a month, leap years included', () => {
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29', next: '2024-03-01' });
    expect(monthBounds('2025-12')).toEqual({ first: '2025-12-01', last: '2025-12-31', next: '2026-01-01' });
  });

  it('accepts YYYY-MM only', () => {
    expect(isStatementMonth('2026-05')).toBe(true);
    for (const bad of ['2026-5', '2026-13', '2026-00', '2026-05-01', 202605, null]) expect(isStatementMonth(bad)).toBe(false);
    expect(() => monthBounds('2026-13')).toThrow(RangeError);
  });
});
