import { easterSunday, frenchPublicHolidays, nextContactTime, parisParts, parisTime } from './french-calendar';

describe('French contact calendar', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('knows Easter %i', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the eleven public holidays, movable ones included', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('converts Paris wall-clock times across daylight saving', () => {
    expect(parisTime('2026-01-15', 9).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parisTime('2026-07-15', 9).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(parisParts(new Date('2026-03-30T07:00:00Z'))).toMatchObject({ date: '2026-03-30', hour: 9, weekday: 1 });
  });

  it.each([
    ['an SMS at 7:00 on a Tuesday waits until 9:00', '2026-11-24T06:00:00Z', '2026-11-24T08:00:00.000Z'],
    ['10:30 on a Tuesday goes at once', '2026-11-24T09:30:00Z', '2026-11-24T09:30:00.000Z'],
    ['a Saturday is allowed', '2026-11-28T10:00:00Z', '2026-11-28T10:00:00.000Z'],
    ['Saturday 20:00 waits until Monday 9:00 (no Sundays)', '2026-11-28T19:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['Christmas Eve 20:00 skips Christmas Day', '2026-12-24T19:00:00Z', '2026-12-26T08:00:00.000Z'],
    ['Bastille Day is skipped', '2026-07-14T08:00:00Z', '2026-07-15T07:00:00.000Z'],
    ['the Sunday DST starts waits until Monday 9:00 summer time', '2026-03-29T08:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['19:00 sharp is too late', '2026-11-24T18:00:00Z', '2026-11-25T08:00:00.000Z'],
  ])('%s', (_name, at, expected) => {
    expect(nextContactTime(new Date(at)).toISOString()).toBe(expected);
  });
});
