import { IsoDate } from '../domain/calendar-date';

/**
 * Relance's one clock outside workflows (workflows use workflow time). Business dates
 * (due dates, days late) are calendar dates in the agency's time zone, Europe/Paris unless
 * the workspace says otherwise.
 */
export function todayIn(timeZone = 'Europe/Paris', now: Date = new Date()): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
