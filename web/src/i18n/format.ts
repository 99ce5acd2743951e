import { useMemo } from 'react';
import { useLanguage } from './language';

/** Relance keeps dates in Paris time: a timestamp shows the day and hour it was there. */
const TIME_ZONE = 'Europe/Paris';

/** Euros, dates and timestamps in the visitor's language, through Intl. */
export interface Formatters {
  euros(cents: number): string;
  /** A calendar date, `YYYY-MM-DD`. */
  date(isoDate: string): string;
  /** An ISO 8601 timestamp, shown in Paris time. */
  dateTime(iso: string): string;
  /** A month, `YYYY-MM`. */
  month(isoMonth: string): string;
}

export function makeFormatters(locale: string): Formatters {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const calendar = (iso: string, suffix: string) => new Date(`${iso.slice(0, 10)}${suffix}`);
  return {
    euros: (cents) => money.format(cents / 100),
    date: (isoDate) => day.format(calendar(isoDate, 'T00:00:00Z')),
    dateTime: (iso) => stamp.format(new Date(iso)),
    month: (isoMonth) => month.format(new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`)),
  };
}

/** The formatters of the current language. */
export function useFormat(): Formatters {
  const { t } = useLanguage();
  return useMemo(() => makeFormatters(t.locale), [t.locale]);
}
