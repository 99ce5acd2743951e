import { dueDateOf, lastDayOfMonth } from './calendar-date';

describe('due date of a period', () => {
  it('is the due day itself when the month has it', () => {
    expect(dueDateOf('2026-03', 1)).toBe('2026-03-01');
    expect(dueDateOf('2026-03', 5)).toBe('2026-03-05');
    expect(dueDateOf('2026-03', 28)).toBe('2026-03-28');
    expect(dueDateOf('2026-01', 31)).toBe('2026-01-31');
    expect(dueDateOf('2026-12', 31)).toBe('2026-12-31');
  });

  it('falls on the last day of February: the 28th, the 29th in a leap year', () => {
    for (const day of [29, 30, 31]) expect(dueDateOf('2026-02', day)).toBe('2026-02-28');
    expect(dueDateOf('2028-02', 29)).toBe('2028-02-29');
    expect(dueDateOf('2028-02', 31)).toBe('2028-02-29');
    // Century rules: 2100 is not a leap year, 2000 was.
    expect(dueDateOf('2100-02', 29)).toBe('2100-02-28');
    expect(dueDateOf('2000-02', 30)).toBe('2000-02-29');
  });

  it('falls on the 30th of a 30-day month for a lease due on the 31st', () => {
    expect(dueDateOf('2026-04', 31)).toBe('2026-04-30');
    expect(dueDateOf('2026-04', 30)).toBe('2026-04-30');
    expect(dueDateOf('2026-04', 29)).toBe('2026-04-29');
    expect(dueDateOf('2026-09', 31)).toBe('2026-09-30');
  });

  it('knows each month’s length', () => {
    expect(['2026-01', '2026-02', '2026-04', '2028-02'].map(lastDayOfMonth)).toEqual([31, 28, 30, 29]);
  });

  it('refuses a day or a period that does not exist', () => {
    expect(() => dueDateOf('2026-04', 0)).toThrow(RangeError);
    expect(() => dueDateOf('2026-04', 32)).toThrow(RangeError);
    expect(() => dueDateOf('2026-04', 1.5)).toThrow(RangeError);
    expect(() => dueDateOf('2026-13', 1)).toThrow(RangeError);
  });
});
