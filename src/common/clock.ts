import { IsoDate } from '../domain/calendar-date';

/**
 * Relance's one clock outside workflows (workflows use workflow time). Business dates
 * (due dates, days late) are calendar dates in the agency's time zone, Europe/Paris unless
 * the workspace says otherwise.
 */
export function todayIn(timeZone = 'Europe/Paris', now: Date = new Date()): IsoDate {
  return dateFormat(timeZone).format(now);
}

/** One formatter per time zone: building one costs far more than formatting with it. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATS.set(timeZone, format);
  }
  return format;
}
