import { addMonths, compareDates, endOfMonth, IsoDate } from './calendar-date';

/**
 * How long a closed debt keeps the free text written about the tenant (call reports, notes,
 * reasons, message bodies) before it is anonymised: pure, so the retention service, its
 * Schedule and the tests all count the same day.
 *
 * Sources, and why 36 months by default:
 * - CNIL, délibération n° 2021-057 du 6 mai 2021, « référentiel relatif aux traitements de
 *   données à caractère personnel mis en œuvre dans le cadre de la gestion locative »: for
 *   the purpose « gestion de l’assurance des loyers impayés », three years from the last
 *   contact with the person (as summarised at olympe.legal; the référentiel is a frame, not
 *   binding: a different period must be justified).
 * - CNIL's earlier frame for pre-litigation in housing (a 2014 norme simplifiée of social
 *   landlords, JORF article JORFARTI000029264301): « Les données collectées et traitées dans
 *   le cadre de la gestion du précontentieux doivent être supprimées à compter du règlement
 *   du litige amiable ou, à défaut, de la prescription de l'action en justice correspondante. »
 * - loi n° 89-462 du 6 juillet 1989, art. 7-1: actions born of a residential lease prescribe
 *   in three years.
 * A debt closes when its recovery ends (paid, cancelled, written off); what was written
 * about it may serve a claim or a dispute born of the lease for the three years of
 * prescription, then no more. Hence 36 months after the close, which a workspace may set
 * from 1 to 240 (longer for commercial leases, whose claims prescribe in five years).
 */
export const RETENTION_SOURCES = {
  FRAMEWORK: 'CNIL, délibération n° 2021-057 du 6 mai 2021 (référentiel « gestion locative »)',
  PRE_LITIGATION: 'CNIL, norme simplifiée des bailleurs sociaux (JORF 2014), durées de conservation du précontentieux',
  LIMITATION: 'loi n° 89-462 du 6 juillet 1989, art. 7-1',
} as const;

/** Months after a debt closes before its free text is anonymised, unless the workspace says otherwise. */
export const DEFAULT_RETENTION_MONTHS_AFTER_CLOSE = 36;

/** What a workspace may set (the database checks the same). */
export const RETENTION_MONTHS_BOUNDS = { min: 1, max: 240 } as const;

/** What replaces a text that was anonymised: the reader sees something was there, not what. */
export const ANONYMISED_TEXT = '[anonymisé]';

/** Whether `months` may be a workspace's retention after close. */
export function isRetentionMonths(months: unknown): months is number {
  return (
    typeof months === 'number' && Number.isInteger(months) && months >= RETENTION_MONTHS_BOUNDS.min && months <= RETENTION_MONTHS_BOUNDS.max
  );
}

function checked(months: number): number {
  if (!isRetentionMonths(months)) {
    throw new RangeError(
      `retention must be a whole number of months from ${RETENTION_MONTHS_BOUNDS.min} to ${RETENTION_MONTHS_BOUNDS.max}, got ${months}`,
    );
  }
  return months;
}

/**
 * The day a debt closed on `closedOn` is anonymised: `months` months later, on the same
 * day of the month or the month's last day when it has none (closed 31 January, 1 month:
 * 28 or 29 February), as delays in months run (CPC art. 641).
 *
 * @example
 * anonymiseAfter('2026-01-31', 1); // '2026-02-28'
 */
export function anonymiseAfter(closedOn: IsoDate, months: number): IsoDate {
  return addMonths(closedOn, checked(months));
}

/** Whether a debt closed on `closedOn` is anonymised by `today`: from {@link anonymiseAfter} on, not the day before. */
export function isDueForAnonymisation(closedOn: IsoDate, months: number, today: IsoDate): boolean {
  return compareDates(anonymiseAfter(closedOn, months), today) <= 0;
}

/**
 * The last closing day whose debts are due on `today`: a debt is due exactly when it closed
 * on or before it (the same rule as {@link isDueForAnonymisation}, as one bound a query can
 * use). `months` before today, or that month's last day when today is a month's last day:
 * on 28 February, 1 month, debts closed up to 31 January are due.
 */
export function lastClosingDayDue(today: IsoDate, months: number): IsoDate {
  const back = addMonths(today, -checked(months));
  return today === endOfMonth(today) ? endOfMonth(back) : back;
}

/** What was anonymised, table by table: rows changed (the debt's own row counts its columns that held text). */
export interface PurgedCounts {
  /** Closed debts anonymised: one audit line each. */
  debts: number;
  /** Columns of those debts' rows that held text about their tenants (profile and scenario reasons, profile facts). */
  debtFields: number;
  /** Tasks whose report or body was replaced. */
  tasks: number;
  /** Timeline entries whose free text was replaced. */
  timelineEntries: number;
  /** Steps whose free-text zones were deleted. */
  messageZones: number;
  /** Outbound messages whose body, zones or failure reason was replaced. */
  outboundMessages: number;
  /** Documents whose copy of the zones' texts was dropped (the PDFs stay). */
  documents: number;
  /** Approval requests whose landlord's comment was replaced. */
  approvalRequests: number;
}

export const NO_PURGE: Readonly<PurgedCounts> = {
  debts: 0,
  debtFields: 0,
  tasks: 0,
  timelineEntries: 0,
  messageZones: 0,
  outboundMessages: 0,
  documents: 0,
  approvalRequests: 0,
};

/** Adds a page's counts to a run's (the service's pages and the nightly workflow's total). */
export function addPurged(total: PurgedCounts, page: PurgedCounts): PurgedCounts {
  return Object.fromEntries(Object.entries(total).map(([key, n]) => [key, n + page[key as keyof PurgedCounts]])) as unknown as PurgedCounts;
}
