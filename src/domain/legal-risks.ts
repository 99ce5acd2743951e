import { addDays, compareDates, daysBetween, IsoDate } from './calendar-date';
import { LEGAL_RULES, LegalCalendar, LegalRule, winterTruce } from './legal-rules';
import { Cents } from './money';

/**
 * The agency's legal risk view: across its open debts, the deadlines of the law and the GLI
 * contracts (src/domain/legal-rules.ts) that are overdue or fall within the coming days, and
 * the sums that prescribe (loi 89-462 art. 7-1). Pure: it reads the very calendars the
 * debts' files show, so the view and each file never disagree. The KPIs' risk view and the
 * landlord's own reading of it (scoped to their debts) are this function's output.
 */

/** How far ahead the view looks by default, in days: a month and a half covers every task's warning (prescription warns 180 days ahead, listed apart). */
export const DEFAULT_RISK_WINDOW_DAYS = 45;
export const RISK_WINDOW_BOUNDS = { min: 0, max: 366 } as const;

/** One open debt's calendar, with what the view shows of its debt beside it. */
export interface DebtRiskInput {
  debtId: string;
  leaseReference: string;
  /** What the debt still owes, overdue (the calendar's facts), in cents. */
  owedCents: Cents;
  calendar: LegalCalendar;
}

/** A deadline of one debt in the view. */
export interface LegalRiskItem {
  debtId: string;
  leaseReference: string;
  rule: LegalRule;
  /** The deadline's key on its debt (its task is `legal:<key>`). */
  key: string;
  title: string;
  source: string;
  /** The last day to act. */
  dueOn: IsoDate;
  /** Days from today to `dueOn`: negative once overdue. */
  daysLeft: number;
  /** What is at stake: the sum that prescribes for PRESCRIPTION, the debt's overdue balance otherwise. */
  amountCents: Cents;
}

/** One rule's count in the view. */
export interface LegalRuleRisk {
  rule: LegalRule;
  /** Deadlines past their last day, not met. */
  overdue: number;
  /** Deadlines whose last day falls from today to the end of the window. */
  dueSoon: number;
  /** Debts with at least one of either. */
  debts: number;
  /** What is at stake in them (see {@link LegalRiskItem.amountCents}), each debt counted once per rule. */
  amountCents: Cents;
}

export interface LegalRiskView {
  asOf: IsoDate;
  windowDays: number;
  /** The last day the window covers. */
  windowEndsOn: IsoDate;
  /** Open debts read. */
  debtsReviewed: number;
  /** Debts with a deadline overdue or due in the window. */
  debtsAtRisk: number;
  /** Every rule, in LEGAL_RULES order, zeros included. */
  rules: LegalRuleRisk[];
  /** Sums already prescribed and still owed. */
  prescribedCents: Cents;
  /** Sums that prescribe within the six-month warning (loi 89-462 art. 7-1), not yet prescribed. */
  prescribingCents: Cents;
  /** GLI claims the scenario can no longer file in time (the contract's deadline would be missed). */
  gliClaimsAtRisk: number;
  /** The winter truce in force today (CPCE L412-6): evictions wait, recovery does not. */
  winterTruceActive: boolean;
  /** The deadlines overdue or due in the window, soonest first (then by debt), at most `limit`. */
  items: LegalRiskItem[];
  /** How many items there are in all, before `limit`. */
  totalItems: number;
}

/**
 * The risk view of some debts' calendars as of `asOf`: the deadlines not met whose last day
 * is on or before `asOf + windowDays` (overdue ones included), counted by rule and listed
 * soonest first, and the sums prescribed or prescribing. Calendars are those of open debts
 * ({@link LegalCalendar}); a closed debt has none.
 */
export function legalRiskView(inputs: readonly DebtRiskInput[], asOf: IsoDate, windowDays: number, limit: number): LegalRiskView {
  const windowEndsOn = addDays(asOf, windowDays);
  const items: LegalRiskItem[] = [];
  const byRule = new Map<LegalRule, { overdue: number; dueSoon: number; debts: Set<string>; amountCents: number }>(
    LEGAL_RULES.map((rule) => [rule, { overdue: 0, dueSoon: 0, debts: new Set(), amountCents: 0 }]),
  );
  let prescribedCents = 0;
  let prescribingCents = 0;
  let gliClaimsAtRisk = 0;
  const atRisk = new Set<string>();

  for (const input of inputs) {
    const { calendar } = input;
    for (const p of calendar.prescription) {
      if (p.daysLeft <= 0) prescribedCents += p.outstandingCents;
      else prescribingCents += p.outstandingCents;
    }
    if (calendar.gli && !calendar.gli.feasible && !calendar.gli.filedOn) gliClaimsAtRisk += 1;
    const stakeOfRule = new Map<LegalRule, number>();
    for (const deadline of calendar.deadlines) {
      if (compareDates(deadline.dueOn, windowEndsOn) > 0) continue;
      const amountCents =
        deadline.rule === 'PRESCRIPTION'
          ? (calendar.prescription.find((p) => deadline.key === `prescription:${p.period}:${p.dueDate}`)?.outstandingCents ?? 0)
          : input.owedCents;
      const daysLeft = daysBetween(asOf, deadline.dueOn);
      items.push({
        debtId: input.debtId,
        leaseReference: input.leaseReference,
        rule: deadline.rule,
        key: deadline.key,
        title: deadline.title,
        source: deadline.source,
        dueOn: deadline.dueOn,
        daysLeft,
        amountCents,
      });
      const count = byRule.get(deadline.rule)!;
      if (daysLeft < 0) count.overdue += 1;
      else count.dueSoon += 1;
      count.debts.add(input.debtId);
      // A debt's balance is at stake once per rule; each prescribing sum is its own.
      stakeOfRule.set(deadline.rule, deadline.rule === 'PRESCRIPTION' ? (stakeOfRule.get(deadline.rule) ?? 0) + amountCents : amountCents);
      atRisk.add(input.debtId);
    }
    for (const [rule, cents] of stakeOfRule) byRule.get(rule)!.amountCents += cents;
  }

  items.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.debtId.localeCompare(b.debtId) || a.key.localeCompare(b.key));
  return {
    asOf,
    windowDays,
    windowEndsOn,
    debtsReviewed: inputs.length,
    debtsAtRisk: atRisk.size,
    rules: LEGAL_RULES.map((rule) => {
      const c = byRule.get(rule)!;
      return { rule, overdue: c.overdue, dueSoon: c.dueSoon, debts: c.debts.size, amountCents: c.amountCents };
    }),
    prescribedCents,
    prescribingCents,
    gliClaimsAtRisk,
    winterTruceActive: winterTruce(asOf).active,
    items: items.slice(0, limit),
    totalItems: items.length,
  };
}
