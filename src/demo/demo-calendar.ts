import { addDays, daysBetween, dueDateOf, IsoDate, isIsoDate } from '../domain/calendar-date';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** Number of monthly rent calls each demo lease carries, the last one for the month of `asOf`. */
export const DEMO_MONTHS = 12;

/**
 * The twelve rent periods ending with the month of `asOf`, and dates as whole-day offsets
 * from `asOf` (negative: before). Dates are memoised because a 200,000-lease agency asks
 * for the same few hundred of them millions of times.
 */
export class RentCalendar {
  /** "YYYY-MM", oldest first. */
  readonly periods: string[];
  /** Charge labels, as printed on a rent call ("Loyer mars 2026"). */
  readonly labels: string[];
  private readonly dueDates = new Map<number, IsoDate>();
  private readonly dueOffsets = new Map<number, number>();
  private readonly datesByOffset = new Map<number, IsoDate>();
  private readonly compactDatesByOffset = new Map<number, string>();

  constructor(readonly asOf: IsoDate) {
    if (!isIsoDate(asOf)) throw new RangeError(`asOf must be an ISO date, got ${JSON.stringify(asOf)}`);
    const [year, month] = asOf.split('-').map(Number);
    const last = year * 12 + (month - 1);
    this.periods = [];
    this.labels = [];
    for (let m = last - DEMO_MONTHS + 1; m <= last; m++) {
      const y = Math.floor(m / 12);
      this.periods.push(`${y}-${String((m % 12) + 1).padStart(2, '0')}`);
      this.labels.push(`Loyer ${MONTHS[m % 12]} ${y}`);
    }
  }

  /** Due date of period `month` (0 = oldest) for a lease due on `dueDay` (1–31; see dueDateOf). */
  dueDate(month: number, dueDay: number): IsoDate {
    const key = month * 32 + dueDay;
    let date = this.dueDates.get(key);
    if (date === undefined) {
      date = dueDateOf(this.periods[month], dueDay);
      this.dueDates.set(key, date);
    }
    return date;
  }

  /** Days from `asOf` to that due date: negative once it has passed. */
  dueOffset(month: number, dueDay: number): number {
    const key = month * 32 + dueDay;
    let offset = this.dueOffsets.get(key);
    if (offset === undefined) {
      offset = daysBetween(this.asOf, this.dueDate(month, dueDay));
      this.dueOffsets.set(key, offset);
    }
    return offset;
  }

  /** The date `offset` days from `asOf`. */
  dateAt(offset: number): IsoDate {
    let date = this.datesByOffset.get(offset);
    if (date === undefined) {
      date = addDays(this.asOf, offset);
      this.datesByOffset.set(offset, date);
    }
    return date;
  }

  /** The date `offset` days from `asOf` as "YYYYMMDD", as banks print it in references. */
  compactDateAt(offset: number): string {
    let date = this.compactDatesByOffset.get(offset);
    if (date === undefined) {
      date = this.dateAt(offset).replace(/-/g, '');
      this.compactDatesByOffset.set(offset, date);
    }
    return date;
  }
}
