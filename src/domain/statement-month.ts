import { addDays, IsoDate, lastDayOfMonth } from './calendar-date';

/**
 * The month a landlord's statement covers, "YYYY-MM", and its calendar bounds. Pure: the
 * statements workflow, the service and the tests pick months with the same functions.
 */
export type StatementMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month "YYYY-MM" (2026-02, not 2026-2 nor 2026-13). */
export function isStatementMonth(text: unknown): text is StatementMonth {
  return typeof text === 'string' && MONTH.test(text);
}

/** The month before the one `date` falls in: a statement run on 1 June covers May. */
export function previousMonth(date: IsoDate): StatementMonth {
  return monthOf(addDays(`${date.slice(0, 7)}-01`, -1));
}

/** The month a date falls in. */
export function monthOf(date: IsoDate): StatementMonth {
  return date.slice(0, 7);
}

/** A month's first and last days, and the first day of the next month (when its statement is due). */
export function monthBounds(month: StatementMonth): { first: IsoDate; last: IsoDate; next: IsoDate } {
  if (!isStatementMonth(month)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
  const last = `${month}-${String(lastDayOfMonth(month)).padStart(2, '0')}`;
  return { first: `${month}-01`, last, next: addDays(last, 1) };
}
