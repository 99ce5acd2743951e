/**
 * Calendar dates as ISO strings ("2026-11-23"), the form due dates and payment dates take
 * everywhere in Relance. Pure arithmetic on UTC midnights: no time zone, no clock.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `text` is a real calendar date in YYYY-MM-DD form (no 2026-02-30). */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Memo of toEpochDay (a pure function): a page of leases ages thousands of charges on a few hundred distinct dates. */
const EPOCH_DAYS = new Map<string, number>();
const EPOCH_DAYS_MAX = 8_192;

function toEpochDay(date: IsoDate): number {
  const known = EPOCH_DAYS.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`);
  const [y, m, d] = date.split('-').map(Number);
  const day = Date.UTC(y, m - 1, d) / DAY_MS;
  if (EPOCH_DAYS.size >= EPOCH_DAYS_MAX) EPOCH_DAYS.clear();
  EPOCH_DAYS.set(date, day);
  return day;
}

function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Orders two ISO dates; the string order is the calendar order. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The last day-of-month number of a period "YYYY-MM" (28 to 31). */
export function lastDayOfMonth(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The due date of period "YYYY-MM" for a lease due on `dueDay` (1 to 31): that day, or
 * the month's last day when the month is shorter (31 → 30 April, 29 → 28 February).
 */
export function dueDateOf(period: string, dueDay: number): IsoDate {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`not a period YYYY-MM: ${JSON.stringify(period)}`);
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) throw new RangeError(`dueDay must be 1 to 31, got ${dueDay}`);
  return `${period}-${String(Math.min(dueDay, lastDayOfMonth(period))).padStart(2, '0')}`;
}

/** The last day of the month `date` falls in. */
export function endOfMonth(date: IsoDate): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`);
  const period = date.slice(0, 7);
  return `${period}-${String(lastDayOfMonth(period)).padStart(2, '0')}`;
}

/**
 * The date `months` months after `date`, on the same day of the month, or the month's last
 * day when it has no such day (31 January + 1 month → 28 or 29 February): how a delay in
 * months runs in French law (CPC art. 641).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`);
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const period = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  return `${period}-${String(Math.min(d, lastDayOfMonth(period))).padStart(2, '0')}`;
}
