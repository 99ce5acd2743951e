import { TenantProfile } from './scenario';

/**
 * A tenant's payment profile as the second seed article describes it (DESIGN §4), with the
 * reason it was given: a one-off late payer has a good record and slips once; a chronic one
 * is late again and again; a precarious one is in a fragile situation (set by an agent, or
 * following `vulnerable`); anyone else — a new lease, a first debt of several months — is
 * UNKNOWN and gets the standard scenario. Pure: the facts are gathered elsewhere
 * (src/debt/tenant-profile.ts), and the debt being opened never counts among them.
 */

/** A workspace's thresholds (`Workspace.profile*`); {@link DEFAULT_PROFILE_THRESHOLDS} unless an admin changed them. */
export interface ProfileThresholds {
  /** How far back history counts, in months. */
  windowMonths: number;
  /** A one-off late payer paid at least this many months on time in the window before the debt. */
  oneOffMinMonthsOnTime: number;
  /** …and owes at most this share of a month's rent and charges, in percent (110: about one month). */
  oneOffMaxArrearsPercent: number;
  /** A chronic late payer had at least this many other debts in the window… */
  chronicMinEarlierDebts: number;
  /** …or paid at least this many months late in it. */
  chronicMinMonthsLate: number;
}

export const DEFAULT_PROFILE_THRESHOLDS: Readonly<ProfileThresholds> = {
  windowMonths: 12,
  oneOffMinMonthsOnTime: 6,
  oneOffMaxArrearsPercent: 110,
  chronicMinEarlierDebts: 2,
  chronicMinMonthsLate: 3,
};

/** The bounds a workspace's thresholds must keep (the database checks the same). */
export const PROFILE_THRESHOLD_BOUNDS: Readonly<Record<keyof ProfileThresholds, { min: number; max: number }>> = {
  windowMonths: { min: 1, max: 36 },
  oneOffMinMonthsOnTime: { min: 0, max: 36 },
  oneOffMaxArrearsPercent: { min: 1, max: 1200 },
  chronicMinEarlierDebts: { min: 1, max: 36 },
  chronicMinMonthsLate: { min: 1, max: 36 },
};

/**
 * Problems of a set of thresholds, empty when they may be saved: each within its bounds,
 * and no month count beyond the window (a threshold no one could ever reach).
 */
export function validateProfileThresholds(t: ProfileThresholds): Array<{ field: keyof ProfileThresholds; message: string }> {
  const problems: Array<{ field: keyof ProfileThresholds; message: string }> = [];
  for (const [field, { min, max }] of Object.entries(PROFILE_THRESHOLD_BOUNDS) as Array<
    [keyof ProfileThresholds, { min: number; max: number }]
  >) {
    if (!Number.isInteger(t[field]) || t[field] < min || t[field] > max)
      problems.push({ field, message: `must be a whole number from ${min} to ${max}` });
  }
  for (const field of ['oneOffMinMonthsOnTime', 'chronicMinMonthsLate', 'chronicMinEarlierDebts'] as const) {
    if (!problems.some((p) => p.field === field) && t[field] > t.windowMonths) {
      problems.push({ field, message: `must not exceed the window of ${t.windowMonths} months` });
    }
  }
  return problems;
}

/** One tenant's history in the window before a debt, on every lease they are on. */
export interface TenantHistory {
  /** How the reason names them: their last name, else their first, else "without a name". */
  name: string;
  vulnerable: boolean;
  /** An agent's judgement (`Tenant.profileOverride`); wins over the history, not over `vulnerable`. */
  profileOverride: TenantProfile | null;
  /** Other debts (not cancelled) opened in the window up to this one's opening. */
  earlierDebts: number;
  /** Monthly rent calls due in the window and settled, before this debt opened, within the grace days. */
  monthsOnTime: number;
  /** …settled before this debt opened, but later than that. */
  monthsLate: number;
}

/** The debt being opened: what it amounts to against the lease's monthly rent and charges. */
export interface DebtSize {
  arrearsCents: number;
  /** Monthly rent plus charges of the lease; 0 when unknown. */
  monthlyDueCents: number;
}

export interface ProfileVerdict {
  profile: TenantProfile;
  /** Why, in a sentence an agent reads on the debt, e.g. "2 earlier debts in 12 months". */
  reason: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 month", "3 months", "1.5 months"; the amount in cents when the lease's monthly due is unknown. */
export function monthsOwed(debt: DebtSize): string {
  if (debt.monthlyDueCents <= 0) return `${debt.arrearsCents} cents`;
  const months = Math.round((debt.arrearsCents / debt.monthlyDueCents) * 10) / 10;
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

/**
 * One tenant's profile: vulnerable → PRECARIOUS; else an agent's override; else CHRONIC
 * when the earlier debts or the months paid late reach their threshold; else ONE_OFF when
 * the record is good (enough months on time, no other debt) and the debt small; else
 * UNKNOWN. The reason names the facts that decided.
 *
 * @example
 * classifyTenant({ name: 'Dupont', vulnerable: false, profileOverride: null, earlierDebts: 0, monthsOnTime: 8, monthsLate: 0 },
 *                { arrearsCents: 90000, monthlyDueCents: 90000 }, DEFAULT_PROFILE_THRESHOLDS)
 * // { profile: 'ONE_OFF', reason: '8 months paid on time, no earlier debt, 1 month owed' }
 */
export function classifyTenant(history: TenantHistory, debt: DebtSize, t: ProfileThresholds = DEFAULT_PROFILE_THRESHOLDS): ProfileVerdict {
  const window = `in ${plural(t.windowMonths, 'month')}`;
  if (history.vulnerable) return { profile: 'PRECARIOUS', reason: 'vulnerable' };
  if (history.profileOverride) return { profile: history.profileOverride, reason: `profile set to ${history.profileOverride} by an agent` };
  if (history.earlierDebts >= t.chronicMinEarlierDebts) {
    return { profile: 'CHRONIC', reason: `${plural(history.earlierDebts, 'earlier debt')} ${window}` };
  }
  if (history.monthsLate >= t.chronicMinMonthsLate) {
    return { profile: 'CHRONIC', reason: `${plural(history.monthsLate, 'month')} paid late ${window}` };
  }
  const onTimeEnough = history.monthsOnTime >= t.oneOffMinMonthsOnTime;
  const noOtherDebt = history.earlierDebts === 0;
  // Compared in cents, without rounding: 110 % of 900.00 € is 990.00 €.
  const small = debt.monthlyDueCents > 0 && debt.arrearsCents * 100 <= debt.monthlyDueCents * t.oneOffMaxArrearsPercent;
  const onTime = history.monthsOnTime === 0 ? 'no month paid on time' : `${plural(history.monthsOnTime, 'month')} paid on time`;
  const debts = noOtherDebt ? 'no earlier debt' : `${plural(history.earlierDebts, 'earlier debt')} ${window}`;
  const owed = `${monthsOwed(debt)} owed`;
  if (onTimeEnough && noOtherDebt && small) return { profile: 'ONE_OFF', reason: `${onTime}, ${debts}, ${owed}` };
  const parts = [
    noOtherDebt ? debts : `${debts} (one-off: none)`,
    onTimeEnough ? onTime : `${onTime} (one-off: at least ${t.oneOffMinMonthsOnTime})`,
    small ? owed : `${owed} (one-off: at most ${t.oneOffMaxArrearsPercent} % of a month)`,
  ];
  return { profile: 'UNKNOWN', reason: parts.join(', ') };
}

/** The order profiles are worse in: the lease takes its worst tenant's. */
const SEVERITY: readonly TenantProfile[] = ['PRECARIOUS', 'CHRONIC', 'ONE_OFF', 'UNKNOWN'];

export interface DebtProfile extends ProfileVerdict {
  /** A tenant is vulnerable: only an ADMIN's lease override takes the debt off the social path. */
  vulnerable: boolean;
}

/**
 * A debt's profile: the worst of its lease's tenants' (the first of them on a tie), with
 * that tenant named in the reason — "tenant Dupont is vulnerable", "tenant Martin: 2 earlier
 * debts in 12 months". A lease without tenants is UNKNOWN.
 */
export function classifyDebt(
  tenants: readonly TenantHistory[],
  debt: DebtSize,
  t: ProfileThresholds = DEFAULT_PROFILE_THRESHOLDS,
): DebtProfile {
  if (tenants.length === 0) return { profile: 'UNKNOWN', reason: 'no tenant on the lease', vulnerable: false };
  const vulnerable = tenants.find((tenant) => tenant.vulnerable);
  if (vulnerable) return { profile: 'PRECARIOUS', reason: `tenant ${vulnerable.name} is vulnerable`, vulnerable: true };
  const verdicts = tenants.map((tenant) => ({ tenant, verdict: classifyTenant(tenant, debt, t) }));
  const worst = verdicts.reduce((a, b) => (SEVERITY.indexOf(b.verdict.profile) < SEVERITY.indexOf(a.verdict.profile) ? b : a));
  return { profile: worst.verdict.profile, reason: `tenant ${worst.tenant.name}: ${worst.verdict.reason}`, vulnerable: false };
}
