import { addMonths, dueDateOf, endOfMonth, lastDayOfMonth } from './calendar-date';

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

describe('end of month', () => {
  it('is the 28th of February, the 29th in a leap year', () => {
    expect(endOfMonth('2027-02-01')).toBe('2027-02-28');
    expect(endOfMonth('2027-02-28')).toBe('2027-02-28');
    expect(endOfMonth('2028-02-01')).toBe('2028-02-29');
    expect(endOfMonth('2028-02-29')).toBe('2028-02-29');
    expect(endOfMonth('2100-02-10')).toBe('2100-02-28');
    expect(endOfMonth('2000-02-10')).toBe('2000-02-29');
  });

  it('is the 30th or the 31st of the other months', () => {
    expect(endOfMonth('2026-04-01')).toBe('2026-04-30');
    expect(endOfMonth('2026-04-30')).toBe('2026-04-30');
    expect(endOfMonth('2026-09-15')).toBe('2026-09-30');
    expect(endOfMonth('2026-01-01')).toBe('2026-01-31');
    expect(endOfMonth('2026-07-31')).toBe('2026-07-31');
    expect(endOfMonth('2026-12-05')).toBe('2026-12-31');
  });
});

describe('adding months', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-03-31', 2)).toBe('2026-05-31');
    expect(addMonths('2026-01-05', 0)).toBe('2026-01-05');
    expect(addMonths('2026-01-31', 12)).toBe('2027-01-31');
  });

  it('falls on the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
  });

  it('does not carry the clamped day on: 31 January + 2 months is 31 March', () => {
    expect(addMonths('2027-01-31', 2)).toBe('2027-03-31');
    expect(addMonths(addMonths('2027-01-31', 1), 1)).toBe('2027-03-28');
  });

  it('counts back with negative months', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', -1)).toBe('2026-04-30');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-31', -13)).toBe('2024-12-31');
    expect(addMonths('2027-02-28', -36)).toBe('2024-02-28');
  });

  it('rolls the year over from December to January, and back', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addMonths('2026-12-31', 13)).toBe('2028-01-31');
    expect(addMonths('2027-01-10', -1)).toBe('2026-12-10');
  });

  it('runs three years from 29 February to 28 February, and four back to a 29th', () => {
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('refuses a date that does not exist or a fraction of a month', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addMonths('26-01-01', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01T00:00:00Z', 1)).toThrow(RangeError);
    expect(() => addMonths('', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-31', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2026-01-31', Number.NaN)).toThrow(RangeError);
    expect(() => addMonths('2026-01-31', Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
