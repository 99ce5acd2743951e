import { addDays, IsoDate } from './calendar-date';

/**
 * When a tenant may be contacted (DESIGN §5): SMS and calls only Monday to Saturday,
 * 9:00 to 19:00 Paris time, never on a French public holiday. Pure functions over UTC
 * instants; Paris's offset comes from Intl, which workflows may use deterministically.
 */

const PARIS = 'Europe/Paris';
export const CONTACT_OPENS_AT_HOUR = 9;
export const CONTACT_CLOSES_AT_HOUR = 19;

/** Easter Sunday of a year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The eleven public holidays of metropolitan France in a year. */
export function frenchPublicHolidays(year: number): IsoDate[] {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  return [...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)].sort();
}

export function isFrenchPublicHoliday(date: IsoDate): boolean {
  return frenchPublicHolidays(Number(date.slice(0, 4))).includes(date);
}

/** Paris wall-clock parts of an instant. */
export function parisParts(instant: Date): { date: IsoDate; hour: number; minute: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: PARIS,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), minute: Number(get('minute')), weekday };
}

/** The instant of a Paris wall-clock time (the offset is read at that very date). */
export function parisTime(date: IsoDate, hour: number, minute = 0): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  for (let i = 0; i < 2; i++) {
    const seen = parisParts(new Date(guess.getTime()));
    const seenMinutes = (Date.UTC(...ymd(seen.date), seen.hour, seen.minute) - Date.UTC(...ymd(date), hour, minute)) / 60_000;
    if (seenMinutes === 0) break;
    guess.setTime(guess.getTime() - seenMinutes * 60_000);
  }
  return guess;
}

function ymd(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m - 1, d];
}

/** Whether tenants may be phoned or texted on this Paris date. */
export function isContactDay(date: IsoDate): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && !isFrenchPublicHoliday(date);
}

/**
 * The first instant at or after `instant` when a tenant may be phoned or texted: inside
 * 9:00–19:00 Paris on a day that is neither a Sunday nor a public holiday.
 */
export function nextContactTime(instant: Date): Date {
  const { date, hour } = parisParts(instant);
  if (isContactDay(date) && hour >= CONTACT_OPENS_AT_HOUR && hour < CONTACT_CLOSES_AT_HOUR) return instant;
  let day = hour < CONTACT_OPENS_AT_HOUR ? date : addDays(date, 1);
  while (!isContactDay(day)) day = addDays(day, 1);
  return parisTime(day, CONTACT_OPENS_AT_HOUR);
}
